/**
 * Sign-in for the CLI and native apps over HTTP (issue 13, docs/cli-sign-in.md): the contract's
 * JSON PKCE routes (burn rules, one of concurrent redemptions, the approving session's end), the
 * OAuth 2.0 authorization code grant with PKCE and loopback redirects (consent page, redirects
 * and their errors, token endpoint, rotating refresh tokens with family revocation), the device
 * grant (pending, slow_down, approval, denial, expiry, the user-code guessing limit), metadata.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createHash, randomBytes } from "node:crypto";
import { ShiftedClock } from "../../support/shifted-clock.ts";
import { call, expectA3, type OrgEnv, signUp, startOrgEnv, type User } from "./org-harness.ts";
import { expectOAuth } from "./token-harness.ts";

let env: OrgEnv;
const clock = new ShiftedClock();

beforeAll(async () => {
  env = await startOrgEnv({ clock });
});
afterAll(async () => {
  await env.close();
});

function pkce() {
  const verifier = randomBytes(32).toString("base64url");
  const challenge = createHash("sha256").update(verifier).digest("base64url");
  return { verifier, challenge };
}

const form = (e: OrgEnv, path: string, fields: Record<string, string>, token?: string) =>
  call(e, "POST", path, {
    body: new URLSearchParams(fields).toString(),
    headers: { "content-type": "application/x-www-form-urlencoded" },
    token,
  });

async function raw(path: string, init: RequestInit & { token?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.token) headers.set("authorization", `Bearer ${init.token}`);
  return env.server.fetch(path, { ...init, headers, redirect: "manual" });
}

const me = (token: string, e: OrgEnv = env) => call(e, "GET", "/v1/users/me", { token });

describe("JSON PKCE routes", () => {
  let user: User;
  beforeAll(async () => {
    user = await signUp(env, "Cli user");
  });

  const authorize = (challenge: string, token = user.token, method = "S256") =>
    call(env, "POST", "/v1/auth/cli/authorize", {
      token,
      body: { code_challenge: challenge, code_challenge_method: method },
    });

  test("authorize → token → a CLI session listed with the user's sessions", async () => {
    const p = pkce();
    const a = await authorize(p.challenge);
    expect(a.status).toBe(200);
    expect(a.body.expires_in).toBe(600);
    const t = await call(env, "POST", "/v1/auth/cli/token", {
      body: { code: a.body.code, code_verifier: p.verifier },
    });
    expect(t.status).toBe(200);
    expect(t.body.expires_in).toBeGreaterThan(604_000);
    const session = t.body.session_token as string;
    expect((await me(session)).status).toBe(200);
    const sessions = await call(env, "GET", "/v1/users/sessions", { token: user.token });
    const list = sessions.body.sessions as { session_type: string }[];
    expect(list.some((s) => s.session_type === "CLI")).toBe(true);
    // Used once: a replay fails.
    expectA3(
      await call(env, "POST", "/v1/auth/cli/token", {
        body: { code: a.body.code, code_verifier: p.verifier },
      }),
      401,
      "CLI_CODE_INVALID",
    );
  });

  test("challenge rules: S256 only, 43-128 characters of the RFC 7636 alphabet", async () => {
    expectA3(
      await authorize(pkce().challenge, user.token, "plain"),
      400,
      "PKCE_METHOD_UNSUPPORTED",
    );
    for (const c of ["short", "a".repeat(129), `${"a".repeat(42)}!`, `${"é".repeat(43)}`]) {
      expectA3(await authorize(c), 400, "PKCE_CHALLENGE_INVALID");
    }
    expectA3(await authorize(pkce().challenge, ""), 401);
  });

  test("a wrong verifier burns the code", async () => {
    const p = pkce();
    const a = await authorize(p.challenge);
    const wrong = await call(env, "POST", "/v1/auth/cli/token", {
      body: { code: a.body.code, code_verifier: pkce().verifier },
    });
    expectA3(wrong, 401, "CLI_VERIFIER_INVALID");
    expectA3(
      await call(env, "POST", "/v1/auth/cli/token", {
        body: { code: a.body.code, code_verifier: p.verifier },
      }),
      401,
      "CLI_CODE_INVALID",
    );
  });

  test("concurrent redemptions of one code: exactly one succeeds", async () => {
    for (let round = 0; round < 3; round++) {
      const p = pkce();
      const a = await authorize(p.challenge);
      const answers = await Promise.all(
        Array.from({ length: 6 }, () =>
          call(env, "POST", "/v1/auth/cli/token", {
            body: { code: a.body.code, code_verifier: p.verifier },
          }),
        ),
      );
      expect(answers.filter((r) => r.status === 200)).toHaveLength(1);
    }
  });

  test("the exchange fails once the approving web session is gone; codes expire", async () => {
    const other = await signUp(env, "Leaves");
    const p = pkce();
    const a = await authorize(p.challenge, other.token);
    expect(
      (await call(env, "POST", "/v1/auth/logout", { token: other.token })).status,
    ).toBeLessThan(300);
    expectA3(
      await call(env, "POST", "/v1/auth/cli/token", {
        body: { code: a.body.code, code_verifier: p.verifier },
      }),
      401,
      "CLI_SESSION_ENDED",
    );
    const q = pkce();
    const b = await authorize(q.challenge);
    clock.offset += 601_000;
    try {
      expectA3(
        await call(env, "POST", "/v1/auth/cli/token", {
          body: { code: b.body.code, code_verifier: q.verifier },
        }),
        401,
        "CLI_CODE_INVALID",
      );
    } finally {
      clock.offset -= 601_000;
    }
  });

  test("bad input is a typed 4xx", async () => {
    for (const body of [{}, { code: 1 }, { code: "x", code_verifier: "y", extra: 1 }, []]) {
      const r = await call(env, "POST", "/v1/auth/cli/token", { body });
      expect(r.status).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(500);
    }
    expectA3(
      await call(env, "POST", "/v1/auth/cli/token", { body: { code: "1.x", code_verifier: "y" } }),
      401,
      "CLI_CODE_INVALID",
    );
  });
});

describe("OAuth 2.0 authorization code with PKCE (RFC 6749, 7636, 8252)", () => {
  let user: User;
  beforeAll(async () => {
    user = await signUp(env, "Native");
  });

  const query = (o: Record<string, string>) =>
    `/oauth/authorize?${new URLSearchParams({
      response_type: "code",
      client_id: "inferadb-cli",
      redirect_uri: "http://localhost:8787/callback",
      scope: "openid profile offline_access",
      state: "st-123",
      code_challenge_method: "S256",
      ...o,
    })}`;

  async function codeFor(p: { challenge: string }, redirect = "http://127.0.0.1:50123/callback") {
    const page = await raw(query({ code_challenge: p.challenge, redirect_uri: redirect }), {
      token: user.token,
    });
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    const body = await page.text();
    expect(body).toContain("InferaDB CLI");
    expect(body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const decision = await raw("/oauth/authorize", {
      method: "POST",
      token: user.token,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        response_type: "code",
        client_id: "inferadb-cli",
        redirect_uri: redirect,
        state: "st-123",
        code_challenge: p.challenge,
        code_challenge_method: "S256",
        scope: "openid profile offline_access",
        decision: "allow",
      }).toString(),
    });
    expect(decision.status).toBe(303);
    const to = new URL(decision.headers.get("location") as string);
    expect(`${to.origin}${to.pathname}`).toBe(redirect);
    expect(to.searchParams.get("state")).toBe("st-123");
    return to.searchParams.get("code") as string;
  }

  const exchange = (code: string, verifier: string, redirect = "http://127.0.0.1:50123/callback") =>
    form(env, "/oauth/token", {
      grant_type: "authorization_code",
      client_id: "inferadb-cli",
      code,
      code_verifier: verifier,
      redirect_uri: redirect,
    });

  test("not signed in: sent to the sign-in page and back", async () => {
    const r = await raw(query({ code_challenge: pkce().challenge }));
    expect(r.status).toBe(302);
    const to = new URL(r.headers.get("location") as string, "http://x");
    expect(to.pathname).toBe("/ui/");
    expect(to.searchParams.get("next")).toStartWith("/oauth/authorize?");
  });

  test("code → tokens; the access token is a session credential; refresh rotates", async () => {
    const p = pkce();
    const code = await codeFor(p);
    const t = await exchange(code, p.verifier);
    expect(t.status).toBe(200);
    expect(t.headers.get("cache-control")).toBe("no-store");
    expect(t.body).toMatchObject({ token_type: "Bearer", scope: "openid profile offline_access" });
    expect((await me(t.body.access_token as string)).status).toBe(200);
    // Replay of the code: invalid_grant.
    expectOAuth(await exchange(code, p.verifier), 400, "invalid_grant");
    // Refresh: new access and refresh tokens; the previous session ends.
    const r1 = await form(env, "/oauth/token", {
      grant_type: "refresh_token",
      client_id: "inferadb-cli",
      refresh_token: t.body.refresh_token as string,
    });
    expect(r1.status).toBe(200);
    expect((await me(r1.body.access_token as string)).status).toBe(200);
    expect((await me(t.body.access_token as string)).status).toBe(401);
    // Reuse of the used refresh token revokes the family and its current session.
    expectOAuth(
      await form(env, "/oauth/token", {
        grant_type: "refresh_token",
        client_id: "inferadb-cli",
        refresh_token: t.body.refresh_token as string,
      }),
      400,
      "invalid_grant",
    );
    expect((await me(r1.body.access_token as string)).status).toBe(401);
    expectOAuth(
      await form(env, "/oauth/token", {
        grant_type: "refresh_token",
        client_id: "inferadb-cli",
        refresh_token: r1.body.refresh_token as string,
      }),
      400,
      "invalid_grant",
    );
  });

  test("wrong verifier, wrong redirect or client at the token endpoint: invalid_grant / invalid_client", async () => {
    const p = pkce();
    expectOAuth(await exchange(await codeFor(p), pkce().verifier), 400, "invalid_grant");
    const q = pkce();
    const code = await codeFor(q);
    expectOAuth(
      await exchange(code, q.verifier, "http://127.0.0.1:1/callback"),
      400,
      "invalid_grant",
    );
    expectOAuth(
      await form(env, "/oauth/token", {
        grant_type: "authorization_code",
        client_id: "someone-else",
        code,
        code_verifier: q.verifier,
      }),
      401,
      "invalid_client",
    );
    expectOAuth(
      await form(env, "/oauth/token", { grant_type: "password" }),
      400,
      "unsupported_grant_type",
    );
  });

  test("client and redirect problems are not redirected; the others are, with state", async () => {
    const c = pkce().challenge;
    for (const q of <Record<string, string>[]>[
      { client_id: "unregistered", code_challenge: c },
      { redirect_uri: "https://evil.example/callback", code_challenge: c },
      { redirect_uri: "http://localhost:8787/other", code_challenge: c },
      { redirect_uri: "http://10.0.0.1:8787/callback", code_challenge: c },
    ]) {
      const r = await raw(query(q), { token: user.token });
      expect(r.status).toBe(400);
      expect(r.headers.get("location")).toBeNull();
      expect(r.headers.get("content-type")).toContain("text/html");
    }
    const cases: [Record<string, string>, string][] = [
      [{ response_type: "token", code_challenge: c }, "unsupported_response_type"],
      [{ code_challenge: "" }, "invalid_request"],
      [{ code_challenge: c, code_challenge_method: "plain" }, "invalid_request"],
      [{ code_challenge: c, scope: "admin" }, "invalid_scope"],
    ];
    for (const [q, error] of cases) {
      const r = await raw(query(q), { token: user.token });
      expect(r.status).toBe(302);
      const to = new URL(r.headers.get("location") as string);
      expect(to.searchParams.get("error")).toBe(error);
      expect(to.searchParams.get("state")).toBe("st-123");
    }
  });

  test("deny: access_denied back to the client", async () => {
    const r = await raw("/oauth/authorize", {
      method: "POST",
      token: user.token,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        response_type: "code",
        client_id: "inferadb-cli",
        redirect_uri: "http://localhost:9999/callback",
        state: "s",
        code_challenge: pkce().challenge,
        code_challenge_method: "S256",
        decision: "deny",
      }).toString(),
    });
    expect(r.status).toBe(303);
    expect(new URL(r.headers.get("location") as string).searchParams.get("error")).toBe(
      "access_denied",
    );
  });

  test("metadata (RFC 8414)", async () => {
    const r = await call(env, "GET", "/.well-known/oauth-authorization-server");
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      code_challenge_methods_supported: ["S256"],
      grant_types_supported: [
        "authorization_code",
        "refresh_token",
        "urn:ietf:params:oauth:grant-type:device_code",
      ],
    });
    expect(String(r.body.token_endpoint)).toEndWith("/oauth/token");
  });
});

describe("device authorization grant (RFC 8628)", () => {
  const GRANT = "urn:ietf:params:oauth:grant-type:device_code";
  const start = async (e: OrgEnv = env) => {
    const r = await form(e, "/oauth/device_authorization", {
      client_id: "inferadb-cli",
      scope: "openid offline_access",
    });
    expect(r.status).toBe(200);
    return r.body as {
      device_code: string;
      user_code: string;
      interval: number;
      verification_uri_complete: string;
    };
  };
  const poll = (device: string, e: OrgEnv = env) =>
    form(e, "/oauth/token", { grant_type: GRANT, client_id: "inferadb-cli", device_code: device });
  const decide = (e: OrgEnv, user: User, code: string, decision: "allow" | "deny") =>
    call(e, "POST", "/oauth/device", {
      token: user.token,
      body: new URLSearchParams({ user_code: code, decision }).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });

  test("pending, slow_down, approval; single use", async () => {
    const user = await signUp(env, "Device owner");
    const d = await start();
    expect(d.user_code).toMatch(/^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/);
    expect(d.interval).toBe(5);
    expectOAuth(await poll(d.device_code), 400, "authorization_pending");
    expectOAuth(await poll(d.device_code), 400, "slow_down");
    const page = await raw(
      new URL(d.verification_uri_complete).pathname + new URL(d.verification_uri_complete).search,
      {
        token: user.token,
      },
    );
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(d.user_code);
    const ok = await decide(env, user, d.user_code.toLowerCase(), "allow");
    expect(ok.status).toBe(200);
    clock.offset += 20_000;
    try {
      const t = await poll(d.device_code);
      expect(t.status).toBe(200);
      expect(typeof t.body.refresh_token).toBe("string");
      expect((await me(t.body.access_token as string)).status).toBe(200);
      expectOAuth(await poll(d.device_code), 400, "invalid_grant");
    } finally {
      clock.offset -= 20_000;
    }
  });

  test("denial and expiry end the polling", async () => {
    const user = await signUp(env, "Denier");
    const d = await start();
    expect((await decide(env, user, d.user_code, "deny")).status).toBe(200);
    expectOAuth(await poll(d.device_code), 400, "access_denied");
    const e = await start();
    clock.offset += 601_000;
    try {
      expectOAuth(await poll(e.device_code), 400, "expired_token");
    } finally {
      clock.offset -= 601_000;
    }
  });

  test("guessing user codes is stopped by the limit", async () => {
    const limited = await startOrgEnv({ config: { rate_limiting: { enabled: true } } });
    try {
      const user = await signUp(limited, "Guesser");
      const real = await start(limited);
      let limitedAt = -1;
      for (let i = 0; i < 12; i++) {
        const r = await decide(limited, user, "BCDF-GHJK", "allow");
        if (r.status === 429) {
          limitedAt = i;
          break;
        }
        expect(r.status).toBe(400);
      }
      expect(limitedAt).toBe(10);
      // Even the right code is refused while the limit holds.
      expect((await decide(limited, user, real.user_code, "allow")).status).toBe(429);
    } finally {
      await limited.close();
    }
  });

  test("not signed in: the device page sends to sign-in", async () => {
    const r = await raw("/oauth/device?user_code=BCDF-GHJK");
    expect(r.status).toBe(302);
    expect(r.headers.get("location")).toContain("/ui/?next=");
  });
});
