/** Opaque credentials (src/crypto/tokens.ts) and the Argon2id hasher (src/crypto/password.ts). */
import { describe, expect, test } from "bun:test";
import { Argon2Hasher } from "../../../src/crypto/password.ts";
import {
  hashSecret,
  issueCredential,
  parseCredential,
  secretMatches,
} from "../../../src/crypto/tokens.ts";
import { fastHasher } from "../../support/hasher.ts";

describe("opaque credentials", () => {
  test("issue → parse → match; only the hash is kept", () => {
    const c = issueCredential("384105215504154624");
    const parsed = parseCredential(c.token);
    expect(parsed?.id).toBe("384105215504154624");
    expect(parsed!.secret.length).toBe(43); // 256 bits, base64url
    expect(c.secretHash).toBe(hashSecret(parsed!.secret));
    expect(c.token).not.toContain(c.secretHash);
    expect(secretMatches(parsed!.secret, c.secretHash)).toBe(true);
  });

  test("secrets differ every time and wrong secrets do not match", () => {
    const a = issueCredential("1");
    const b = issueCredential("1");
    expect(a.token).not.toBe(b.token);
    expect(secretMatches(parseCredential(a.token)!.secret, b.secretHash)).toBe(false);
    expect(secretMatches("x", a.secretHash)).toBe(false);
  });

  test("malformed credentials are refused before any lookup", () => {
    const good = issueCredential("42").token;
    for (const bad of [
      "",
      "42",
      ".abc",
      "42.",
      "042.abc",
      `-1${good.slice(2)}`,
      `${good}x`,
      good.replace(/.$/, "+"),
      `99999999999999999999${good.slice(2)}`,
      `${"1".repeat(200)}.x`,
      42,
      null,
    ]) {
      expect(parseCredential(bad)).toBeUndefined();
    }
  });
});

describe("Argon2id hasher", () => {
  test("production parameters produce the spec's PHC string", async () => {
    const h = new Argon2Hasher();
    const phc = await h.hash("correct horse battery staple");
    expect(phc).toMatch(
      /^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/,
    );
    expect(await h.verify(phc, "correct horse battery staple")).toBe(true);
    expect(await h.verify(phc, "correct horse battery stapler")).toBe(false);
    // Hashes carry their parameters: the test hasher verifies production hashes and back.
    expect(await fastHasher.verify(phc, "correct horse battery staple")).toBe(true);
    expect(await h.verify(await fastHasher.hash("pw pw pw pw pw"), "pw pw pw pw pw")).toBe(true);
  });

  test("salted, and garbage hashes verify false instead of throwing", async () => {
    const a = await fastHasher.hash("same password here");
    const b = await fastHasher.hash("same password here");
    expect(a).not.toBe(b);
    expect(await fastHasher.verify("not a phc string", "x")).toBe(false);
    expect(await fastHasher.verify("$argon2id$v=19$m=64,t=1,p=1$$", "x")).toBe(false);
  });
});
