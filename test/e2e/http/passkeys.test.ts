/**
 * Passkeys over HTTP without a browser (issue 12, docs/passkeys.md), with the software
 * authenticator of test/support/webauthn.ts (P-256 and Ed25519 credentials built by hand):
 * enrolment, usernameless and email sign-in giving a WEB session like password sign-in, listing,
 * renaming, deleting; every ceremony defect refused (wrong origin or RP ID, replayed, expired,
 * foreign or cross-ceremony challenge, counter regression, no user verification, the 21st
 * passkey, another user's credential); a ceremony begun on one node and finished on another.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ShiftedClock } from "../../support/shifted-clock.ts";
import { SoftAuthenticator } from "../../support/webauthn.ts";
import {
  call,
  expectA3,
  type OrgEnv,
  type Reply,
  signUp,
  startOrgEnv,
  type User,
} from "./org-harness.ts";

let env: OrgEnv;
const clock = new ShiftedClock();

beforeAll(async () => {
  env = await startOrgEnv({ clock });
});
afterAll(async () => {
  await env.close();
});

type Options = { challenge: string; user?: { id: string }; allowCredentials?: { id: string }[] };

async function regOptions(user: User, e: OrgEnv = env): Promise<Options> {
  const r = await call(e, "POST", "/v1/users/passkeys/registration/options", {
    token: user.token,
    body: {},
  });
  expect(r.status).toBe(200);
  return r.body.options as Options;
}

async function enrol(user: User, auth: SoftAuthenticator, name?: string): Promise<Reply> {
  const options = await regOptions(user);
  return call(env, "POST", "/v1/users/passkeys/registration/verify", {
    token: user.token,
    body: { credential: auth.register(options), ...(name ? { name } : {}) },
  });
}

async function signInOptions(body: Record<string, unknown> = {}, e: OrgEnv = env) {
  const r = await call(e, "POST", "/v1/auth/passkey/options", { body });
  expect(r.status).toBe(200);
  return r.body.options as Options;
}

const verify = (credential: unknown, e: OrgEnv = env) =>
  call(e, "POST", "/v1/auth/passkey/verify", { body: { credential } });

describe("passkeys", () => {
  test("enrol (P-256 and Ed25519), sign in usernameless and by email, like a password sign-in", async () => {
    for (const alg of ["ES256", "EdDSA"] as const) {
      const user = await signUp(env, `Pk ${alg}`);
      const auth = new SoftAuthenticator(alg);
      const r = await enrol(user, auth, "Laptop");
      expect(r.status).toBe(201);
      expect(r.body.passkey).toMatchObject({ name: "Laptop", last_used_at: null });
      expect(JSON.stringify(r.body)).not.toContain(auth.id);
      const listed = await call(env, "GET", "/v1/users/passkeys", { token: user.token });
      expect((listed.body.passkeys as unknown[]).length).toBe(1);

      const usernameless = await signInOptions();
      expect(usernameless.allowCredentials ?? []).toEqual([]);
      const signedIn = await verify(auth.authenticate(usernameless));
      expect(signedIn.status).toBe(200);
      expect(signedIn.body.user_id).toBe(user.id);
      expect(signedIn.headers.get("set-cookie")).toContain("infera_session=");
      const token = signedIn.body.session_token as string;
      const sessions = await call(env, "GET", "/v1/users/sessions", { token });
      expect(sessions.status).toBe(200);
      const me = await call(env, "GET", "/v1/users/me", { token });
      expect((me.body.user as { id: string }).id).toBe(user.id);

      const byEmail = await signInOptions({ email: user.email });
      expect(byEmail.allowCredentials?.map((c) => c.id)).toEqual([auth.id]);
      expect((await verify(auth.authenticate(byEmail))).status).toBe(200);
      const after = await call(env, "GET", "/v1/users/passkeys", { token: user.token });
      expect(
        (after.body.passkeys as { last_used_at: string | null }[])[0]?.last_used_at,
      ).not.toBeNull();
    }
  });

  test("an unknown email gets the same shape of options (no enumeration) and fails like a wrong key", async () => {
    const a = await signInOptions({ email: "nobody-here@example.com" });
    const b = await signInOptions({ email: "nobody-here@example.com" });
    expect(a.allowCredentials).toHaveLength(1);
    expect(a.allowCredentials?.[0]?.id).toBe(b.allowCredentials?.[0]?.id as string);
    const stranger = new SoftAuthenticator();
    const r = await verify(stranger.authenticate(a));
    expectA3(r, 401, "PASSKEY_SIGN_IN_FAILED");
    // Another user's credential against a ceremony begun for `owner`: the very same answer.
    const owner = await signUp(env, "Owner");
    const other = await signUp(env, "Other");
    const ownerKey = new SoftAuthenticator();
    const otherKey = new SoftAuthenticator();
    expect((await enrol(owner, ownerKey)).status).toBe(201);
    expect((await enrol(other, otherKey)).status).toBe(201);
    const forOwner = await signInOptions({ email: owner.email });
    const wrong = await verify(otherKey.authenticate(forOwner));
    expectA3(wrong, 401, "PASSKEY_SIGN_IN_FAILED");
    expect(wrong.body.error).toBe(r.body.error as string);
  });

  test("rename, delete; a deleted passkey no longer signs in", async () => {
    const user = await signUp(env, "Renamer");
    const auth = new SoftAuthenticator("EdDSA");
    const id = ((await enrol(user, auth)).body.passkey as { id: string }).id;
    const renamed = await call(env, "PATCH", `/v1/users/passkeys/${id}`, {
      token: user.token,
      body: { name: "  Phone  " },
    });
    expect(renamed.status).toBe(200);
    expect((renamed.body.passkey as { name: string }).name).toBe("Phone");
    expectA3(
      await call(env, "PATCH", `/v1/users/passkeys/${id}`, {
        token: user.token,
        body: { name: "   " },
      }),
      400,
      "PASSKEY_NAME_INVALID",
    );
    const stranger = await signUp(env, "Stranger");
    expectA3(
      await call(env, "DELETE", `/v1/users/passkeys/${id}`, { token: stranger.token }),
      404,
      "PASSKEY_NOT_FOUND",
    );
    expect(
      (await call(env, "DELETE", `/v1/users/passkeys/${id}`, { token: user.token })).status,
    ).toBe(204);
    expectA3(await verify(auth.authenticate(await signInOptions())), 401, "PASSKEY_SIGN_IN_FAILED");
  });

  test("ceremony defects are refused", async () => {
    const user = await signUp(env, "Defects");
    // Enrolment defects: wrong origin, wrong RP ID, no user verification, replayed challenge,
    // a challenge of another user, a sign-in challenge.
    const reg = async (o: Parameters<SoftAuthenticator["register"]>[1], options?: Options) =>
      call(env, "POST", "/v1/users/passkeys/registration/verify", {
        token: user.token,
        body: {
          credential: new SoftAuthenticator().register(options ?? (await regOptions(user)), o),
        },
      });
    expectA3(await reg({ origin: "https://evil.example" }), 400, "PASSKEY_VERIFICATION_FAILED");
    expectA3(await reg({ rpId: "evil.example" }), 400, "PASSKEY_VERIFICATION_FAILED");
    expectA3(await reg({ userVerified: false }), 400, "PASSKEY_VERIFICATION_FAILED");
    expectA3(await reg({ type: "webauthn.get" }), 400, "PASSKEY_VERIFICATION_FAILED");
    const once = await regOptions(user);
    expect((await reg({}, once)).status).toBe(201);
    expectA3(await reg({}, once), 400, "PASSKEY_CHALLENGE_INVALID");
    const other = await signUp(env, "Other user");
    expectA3(await reg({}, await regOptions(other)), 400, "PASSKEY_CHALLENGE_INVALID");
    expectA3(await reg({}, await signInOptions()), 400, "PASSKEY_CHALLENGE_INVALID");

    // Sign-in defects on an enrolled key.
    const auth = new SoftAuthenticator();
    expect((await enrol(user, auth)).status).toBe(201);
    const bad = async (o: Parameters<SoftAuthenticator["authenticate"]>[1], options?: Options) =>
      verify(auth.authenticate(options ?? (await signInOptions()), o));
    expectA3(await bad({ origin: "https://evil.example" }), 401, "PASSKEY_SIGN_IN_FAILED");
    expectA3(await bad({ rpId: "evil.example" }), 401, "PASSKEY_SIGN_IN_FAILED");
    expectA3(await bad({ userVerified: false }), 401, "PASSKEY_SIGN_IN_FAILED");
    expectA3(await bad({ userPresent: false }), 401, "PASSKEY_SIGN_IN_FAILED");
    expectA3(await bad({}, await regOptions(user)), 401, "PASSKEY_SIGN_IN_FAILED");
    const replay = await signInOptions();
    expect((await bad({}, replay)).status).toBe(200);
    expectA3(await bad({}, replay), 401, "PASSKEY_SIGN_IN_FAILED");
    // Counter regression: refused and audited.
    expectA3(await bad({ counter: 1 }), 401, "PASSKEY_SIGN_IN_FAILED");
    const regressions = await env.server.node.kv.transact(async (tx) => {
      const { Roots } = await import("../../../src/kv/layout.ts");
      const [b, e] = Roots.audit.range();
      const rows = await tx.snapshot.getRange(b, e);
      return rows.filter((r) =>
        Buffer.from(r.value).includes(Buffer.from("passkey_counter_regression")),
      ).length;
    });
    expect(regressions).toBeGreaterThan(0);
    // Expired challenge (the node's clock moves past the 300 s TTL).
    const stale = await signInOptions();
    clock.offset += 301_000;
    try {
      expectA3(await bad({}, stale), 401, "PASSKEY_SIGN_IN_FAILED");
    } finally {
      clock.offset -= 301_000;
    }
    expect((await bad({})).status).toBe(200);
  });

  test("the same authenticator twice is 409; the 21st passkey is 400", async () => {
    const user = await signUp(env, "Many");
    const auth = new SoftAuthenticator();
    expect((await enrol(user, auth)).status).toBe(201);
    const options = await regOptions(user);
    expect(
      (options as { excludeCredentials?: { id: string }[] }).excludeCredentials?.map((c) => c.id),
    ).toEqual([auth.id]);
    const twice = await call(env, "POST", "/v1/users/passkeys/registration/verify", {
      token: user.token,
      body: { credential: auth.register(options) },
    });
    expectA3(twice, 409, "PASSKEY_ALREADY_REGISTERED");
    for (let i = 1; i < 20; i++)
      expect((await enrol(user, new SoftAuthenticator())).status).toBe(201);
    const over = await call(env, "POST", "/v1/users/passkeys/registration/options", {
      token: user.token,
      body: {},
    });
    expectA3(over, 400, "PASSKEY_LIMIT");
  });

  test("deleting the account deletes its passkeys", async () => {
    const user = await signUp(env, "Leaving");
    const auth = new SoftAuthenticator();
    expect((await enrol(user, auth)).status).toBe(201);
    const orgs = await call(env, "GET", "/v1/organizations", { token: user.token });
    for (const o of orgs.body.organizations as { id: string }[]) {
      expect(
        (await call(env, "DELETE", `/v1/organizations/${o.id}`, { token: user.token })).status,
      ).toBe(204);
    }
    expect((await call(env, "DELETE", "/v1/users/me", { token: user.token })).status).toBe(204);
    expectA3(await verify(auth.authenticate(await signInOptions())), 401, "PASSKEY_SIGN_IN_FAILED");
  });

  test("bad input gets a typed 4xx", async () => {
    const user = await signUp(env, "Fuzz");
    const good = new SoftAuthenticator().register(await regOptions(user));
    const bodies: unknown[] = [
      {},
      { credential: null },
      { credential: "x" },
      { credential: { ...good, id: "not base64!" } },
      {
        credential: {
          ...good,
          response: { ...good.response, attestationObject: "A".repeat(70_000) },
        },
      },
      { credential: { ...good, response: { ...good.response, clientDataJSON: 5 } } },
      { credential: { ...good, response: { ...good.response, clientDataJSON: "AAAA" } } },
      { credential: { ...good, type: "password" } },
      { credential: good, name: "\ud800" },
      { credential: good, extra: 1 },
    ];
    for (const body of bodies) {
      const r = await call(env, "POST", "/v1/users/passkeys/registration/verify", {
        token: user.token,
        body,
      });
      expect(r.status).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(500);
    }
    for (const body of [{ credential: {} }, { credential: { id: 1 } }, { email: 5 }, []]) {
      const r = await call(env, "POST", "/v1/auth/passkey/verify", { body });
      expect(r.status).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(500);
    }
    expectA3(
      await call(env, "POST", "/v1/auth/passkey/options", { body: { email: "not an email" } }),
      400,
    );
    expectA3(await call(env, "GET", "/v1/users/passkeys"), 401);
    expectA3(
      await call(env, "PATCH", "/v1/users/passkeys/abc", {
        token: user.token,
        body: { name: "x" },
      }),
      400,
    );
  });
});

describe("passkeys across nodes", () => {
  test("a ceremony begun on one node finishes on another (shared SQLite)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "passkeys-two-nodes-"));
    const path = join(dir, "kv.sqlite");
    const a = await startOrgEnv({ sqlite: path });
    const b = await startOrgEnv({ sqlite: path });
    try {
      const user = await signUp(a, "Two nodes");
      const auth = new SoftAuthenticator();
      const options = await regOptions(user, a);
      const enrolled = await call(b, "POST", "/v1/users/passkeys/registration/verify", {
        token: user.token,
        body: { credential: auth.register(options) },
      });
      expect(enrolled.status).toBe(201);
      const signIn = await signInOptions({}, b);
      expect((await verify(auth.authenticate(signIn), a)).status).toBe(200);
    } finally {
      await b.close();
      await a.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
