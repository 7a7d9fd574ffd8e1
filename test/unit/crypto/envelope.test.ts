/** Envelope encryption (src/crypto/envelope.ts): round trip, fresh IVs, tamper and wrong-key detection. */
import { describe, expect, test } from "bun:test";
import { createSealer } from "../../../src/crypto/envelope.ts";

const SECRET = "an-envelope-test-secret-of-at-least-32-bytes";

describe("createSealer", () => {
  test("round-trips UTF-8 and never repeats an envelope", () => {
    const box = createSealer(SECRET, "outbox-mail");
    const a = box.seal("héllo ✉ token=1.abc");
    const b = box.seal("héllo ✉ token=1.abc");
    expect(a).not.toBe(b);
    expect(a.startsWith("v1.")).toBe(true);
    expect(a).not.toContain("token=");
    expect(box.open(a)).toBe("héllo ✉ token=1.abc");
    expect(box.open(b)).toBe("héllo ✉ token=1.abc");
  });

  test("refuses tampered envelopes, other keys, other purposes and garbage", () => {
    const box = createSealer(SECRET, "outbox-mail");
    const sealed = box.seal("secret");
    const [v, iv, body] = sealed.split(".") as [string, string, string];
    const flipped = `${body.slice(0, 2)}${body[2] === "A" ? "B" : "A"}${body.slice(3)}`;
    expect(() => box.open(`${v}.${iv}.${flipped}`)).toThrow();
    expect(() => createSealer(`${SECRET}!`, "outbox-mail").open(sealed)).toThrow();
    expect(() => createSealer(SECRET, "other").open(sealed)).toThrow();
    for (const junk of ["", "v1", "v1..", "v2.a.b", `v1.${iv}.AAAA`]) {
      expect(() => box.open(junk)).toThrow();
    }
  });

  test("secrets under 32 bytes are refused", () => {
    expect(() => createSealer("x".repeat(31), "p")).toThrow(RangeError);
  });

  test("rotation: previous secrets open old envelopes, new ones are sealed under the current", () => {
    const OLD = SECRET;
    const NEW = "a-rotated-envelope-secret-of-at-least-32-bytes";
    const sealedOld = createSealer(OLD, "client-certificate").seal("seed");
    const rotated = createSealer(NEW, "client-certificate", [OLD]);
    expect(rotated.open(sealedOld)).toBe("seed");
    const sealedNew = rotated.seal("seed 2");
    expect(createSealer(NEW, "client-certificate").open(sealedNew)).toBe("seed 2");
    expect(() => createSealer(OLD, "client-certificate").open(sealedNew)).toThrow();
    expect(() => createSealer(NEW, "client-certificate").open(sealedOld)).toThrow();
    // Still a wrong purpose or a secret not listed fails, and short previous secrets are refused.
    expect(() => createSealer(NEW, "other", [OLD]).open(sealedOld)).toThrow();
    expect(() => createSealer(NEW, "client-certificate", ["short"])).toThrow(RangeError);
  });
});
