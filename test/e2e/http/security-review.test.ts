/**
 * Security review regressions (docs/security.md, "Review findings"): each test attacks a real node
 * over real sockets, and each fix's test failed before the fix (a few guard the intended behaviour
 * next to it). Covers hostile JSON shapes, delegated-permission escalation through team
 * membership, Idempotency-Key replay across principals, email address canonicalisation and
 * squatting, secrets in config errors and in the mail outbox, credential parsing, response
 * headers, CSRF through the session cookie, and the sign-in failure limit under concurrency.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { resolveConfig } from "../../../src/config/load.ts";
import { createSealer } from "../../../src/crypto/envelope.ts";
import { OrgKeys } from "../../../src/domain/organizations/keys.ts";
import { mailerFromConfig } from "../../../src/email/open.ts";
import { createLogger } from "../../../src/lib/log.ts";
import { TEST_KEY_SECRET } from "../../support/server.ts";
import {
  addMember,
  call,
  createOrg,
  expectA3,
  type OrgEnv,
  signUp,
  startOrgEnv,
  tokenIn,
  type User,
} from "./org-harness.ts";

let env: OrgEnv;
let owner: User;
let org: string;

beforeAll(async () => {
  env = await startOrgEnv();
  owner = await signUp(env, "Owner");
  org = await createOrg(env, owner, "Security");
});
afterAll(() => env.close());

describe("hostile JSON shapes", () => {
  test("deeply nested JSON is a 400 MALFORMED_JSON, never a 500, on public and session routes", async () => {
    const deepArray = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
    const deepObject = `${'{"a":'.repeat(5_000)}1${"}".repeat(5_000)}`;
    for (const body of [deepArray, deepObject]) {
      expectA3(await call(env, "POST", "/v1/auth/verify-email", { body }), 400, "MALFORMED_JSON");
      expectA3(
        await call(env, "PATCH", `/v1/organizations/${org}`, { token: owner.token, body }),
        400,
        "MALFORMED_JSON",
      );
    }
  });

  test("nesting within the limit, and brackets inside strings, still reach the schema", async () => {
    const nested = `{"token":${"[".repeat(30)}${"]".repeat(30)}}`;
    expectA3(
      await call(env, "POST", "/v1/auth/verify-email", { body: nested }),
      422,
      "VALIDATION_FAILED",
    );
    const bracketsInString = JSON.stringify({ name: `${"[{".repeat(100)}\\"` });
    const r = await call(env, "PATCH", `/v1/organizations/${org}`, {
      token: owner.token,
      body: bracketsInString,
    });
    expect(r.status).not.toBe(500);
    expect(r.body.code).not.toBe("MALFORMED_JSON");
  });
});

describe("delegated permissions", () => {
  async function team(org: string, name: string, permission?: string): Promise<string> {
    const r = await call(env, "POST", `/v1/organizations/${org}/teams`, {
      token: owner.token,
      body: { name },
    });
    const id = (r.body.team as { id: string }).id;
    if (permission) {
      const g = await call(env, "POST", `/v1/organizations/${org}/teams/${id}/permissions`, {
        token: owner.token,
        body: { permission },
      });
      expect(g.status).toBe(201);
    }
    return id;
  }
  const join = (org: string, teamId: string, who: User, as: User, manager = false) =>
    call(env, "POST", `/v1/organizations/${org}/teams/${teamId}/members`, {
      token: as.token,
      body: { user_id: who.id, manager },
    });

  test("ORG_PERM_TEAM_MANAGE_MEMBERS cannot join a team holding permissions it lacks", async () => {
    const org = await createOrg(env, owner, "Escalation");
    const member = await signUp(env, "Climber");
    await addMember(env, org, owner, member);
    const managers = await team(org, "Member managers", "ORG_PERM_TEAM_MANAGE_MEMBERS");
    const inviters = await team(org, "Inviters", "ORG_PERM_INVITE_USERS");
    const plain = await team(org, "Plain");
    expect((await join(org, managers, member, owner)).status).toBe(201);

    // Before: the member added themselves to "Inviters" and could then invite.
    expectA3(await join(org, inviters, member, member), 403, "ORG_FORBIDDEN");
    const invite = await call(env, "POST", `/v1/organizations/${org}/invitations`, {
      token: member.token,
      body: { email: "friend@example.com", role: "MEMBER" },
    });
    expectA3(invite, 403, "ORG_FORBIDDEN");
    // What the permission is for still works: teams whose permissions the caller holds.
    expect((await join(org, plain, member, member)).status).toBe(201);
    expect((await join(org, managers, owner, member)).status).toBe(201);
  });

  test("a team manager still adds members to their own team (they hold its permissions)", async () => {
    const org = await createOrg(env, owner, "Managed");
    const lead = await signUp(env, "Lead");
    const newcomer = await signUp(env, "Newcomer");
    await addMember(env, org, owner, lead);
    await addMember(env, org, owner, newcomer);
    const revokers = await team(org, "Revokers", "ORG_PERM_REVOKE_INVITATIONS");
    expect((await join(org, revokers, lead, owner, true)).status).toBe(201);
    expect((await join(org, revokers, newcomer, lead)).status).toBe(201);
  });
});

describe("Idempotency-Key", () => {
  test("another caller replaying a key gets no stored reply: the key is scoped to its sender", async () => {
    const outsider = await signUp(env, "Outsider");
    const send = (as: User) =>
      call(env, "POST", `/v1/organizations/${org}/teams`, {
        token: as.token,
        body: { name: "Replayed" },
        headers: { "idempotency-key": "create-team-1" },
      });
    const first = await send(owner);
    expect(first.status).toBe(201);
    // Before: the outsider (not even a member) received the owner's 201 with the team.
    expectA3(await send(outsider), 404, "ORG_NOT_FOUND");
    // The sender's own retry is still answered from the stored outcome.
    const retry = await send(owner);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
  });

  test("a malformed key is still a 400", async () => {
    const r = await call(env, "PATCH", `/v1/organizations/${org}`, {
      token: owner.token,
      body: { name: "Security" },
      headers: { "idempotency-key": "x".repeat(256) },
    });
    expectA3(r, 400, "INVALID_ARGUMENT");
  });
});

describe("email addresses", () => {
  const register = (email: string) =>
    call(env, "POST", "/v1/auth/register", {
      body: { name: "Mallory", email, password: "correct horse battery staple" },
    });
  /** Full-width form of the ASCII letters and digits of `s` (NFKC folds them back). */
  const fullWidth = (s: string) =>
    s.replace(/[A-Za-z0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

  test("addresses whose header form delivers elsewhere are refused (400 INVALID_EMAIL)", async () => {
    for (const email of [
      "corp.com<mallory@evil.example>",
      "mallory@evil.example,corp.com",
      '"victim"@corp.example',
      "victim@corp.example;x",
      "vic\u200btim@corp.example",
      "victim@corp\u202e.example",
    ]) {
      expectA3(await register(email), 400, "INVALID_EMAIL");
      const invite = await call(env, "POST", `/v1/organizations/${org}/invitations`, {
        token: owner.token,
        body: { email, role: "MEMBER" },
      });
      expect(invite.status).toBe(400);
    }
    expect(env.smtp.mails.some((m) => m.to.includes("mallory@evil.example"))).toBe(false);
  });

  test("look-alike and differently composed forms are one address (uniqueness and sign-in)", async () => {
    const local = `alice${Date.now()}`;
    expect((await register(`${local}.cafe\u0301@example.com`)).status).toBe(201);
    // Verified, so that it is taken (an unverified address reserves nothing: docs/adr/0010).
    const mail = await env.smtp.waitForMail(
      (m) => m.to.includes(`${local}.caf\u00e9@example.com`) && /verify/i.test(m.subject),
    );
    const verified = await call(env, "POST", "/v1/auth/verify-email", {
      body: { token: tokenIn(mail) },
    });
    expect(verified.status).toBe(200);
    expectA3(await register(`${local}.caf\u00e9@example.com`), 409, "EMAIL_IN_USE");
    expectA3(await register(`${fullWidth(local)}.cafe\u0301@example.com`), 409, "EMAIL_IN_USE");
    const login = await call(env, "POST", "/v1/auth/login/password", {
      body: {
        email: `${fullWidth(local.toUpperCase())}.CAF\u00c9@EXAMPLE.COM`,
        password: "correct horse battery staple",
      },
    });
    expect(login.status).toBe(200);
  });

  test("an invitation to a look-alike form of a verified address can be accepted", async () => {
    const o = await createOrg(env, owner, "Lookalike");
    const invitee = await signUp(env, "Invitee");
    const [local, domain] = invitee.email.split("@") as [string, string];
    const r = await call(env, "POST", `/v1/organizations/${o}/invitations`, {
      token: owner.token,
      body: { email: `${fullWidth(local)}@${domain}`, role: "MEMBER" },
    });
    expect(r.status).toBe(201);
    const inbox = await call(env, "GET", "/v1/users/invitations", { token: invitee.token });
    expect((inbox.body.invitations as { id: string }[]).map((i) => i.id)).toContain(
      (r.body.invitation as { id: string }).id,
    );
  });
});

describe("configuration", () => {
  test("a mistyped secret is reported without its value", () => {
    for (const [tree, value] of [
      [{ email: { smtp_password: 918273645 } }, "918273645"],
      [{ cluster: { secret: 5550123456 } }, "5550123456"],
      [{ auth: { key_encryption_secret: ["hunter2hunter2"] } }, "hunter2hunter2"],
    ] as const) {
      let message = "";
      try {
        resolveConfig(tree);
      } catch (e) {
        message = String((e as Error).message);
      }
      expect(message).not.toBe("");
      expect(message).not.toContain(value);
    }
  });

  test("in production the console mail transport never logs a mail body (one-time tokens)", async () => {
    const lines: string[] = [];
    const log = createLogger({ level: "info", json: true, write: (l) => lines.push(l) });
    const warnings: string[] = [];
    const prod = resolveConfig(
      {
        environment: "production",
        auth: { key_encryption_secret: TEST_KEY_SECRET, cookie_secure: true },
        cluster: { secret: "s" },
      },
      warnings,
    );
    expect(warnings.some((w) => w.includes("email.transport is console in production"))).toBe(true);
    const message = {
      to: "a@example.com",
      subject: "Reset your password",
      text: "open /reset-password?token=1.secret-part",
      html: "<a href='/reset-password?token=1.secret-part'>x</a>",
      messageId: "<m@x>",
    };
    await mailerFromConfig(prod, log).send(message);
    expect(lines.join("\n")).toContain("Reset your password");
    expect(lines.join("\n")).not.toContain("secret-part");
    // Development keeps printing bodies, so links can be followed locally.
    lines.length = 0;
    await mailerFromConfig(resolveConfig({ environment: "development" }), log).send(message);
    expect(lines.join("\n")).toContain("secret-part");
  });

  test("auth.key_encryption_secret shorter than 32 bytes is refused", () => {
    expect(() => resolveConfig({ auth: { key_encryption_secret: "x".repeat(31) } })).toThrow(
      /key_encryption_secret/,
    );
    expect(() => resolveConfig({ auth: { key_encryption_secret: "é".repeat(16) } })).not.toThrow();
  });
});

describe("session credentials", () => {
  const me = (headers: Record<string, string>) => call(env, "GET", "/v1/users/me", { headers });

  test("the Bearer scheme name is case-insensitive", async () => {
    for (const scheme of ["bearer", "BEARER", "Bearer", "bEaReR"]) {
      expect((await me({ authorization: `${scheme} ${owner.token}` })).status).toBe(200);
    }
  });

  test("malformed, forged and oversized credentials are all 401 INVALID_SESSION", async () => {
    const [id, secret] = owner.token.split(".") as [string, string];
    const forged = [
      `${id}.${secret.slice(0, -1)}${secret.endsWith("A") ? "B" : "A"}`,
      `${id}.${secret}=`,
      `${id}.${secret}.${secret}`,
      `0${id}.${secret}`,
      `${id}.${"é".repeat(secret.length)}`,
      `${id}.`,
      `.${secret}`,
      "x".repeat(8000),
    ];
    for (const token of forged) {
      expectA3(await me({ authorization: `Bearer ${token}` }), 401, "INVALID_SESSION");
      expectA3(await me({ cookie: `infera_session=${token}` }), 401, "INVALID_SESSION");
    }
    expectA3(await me({ authorization: `Basic ${owner.token}` }), 401, "INVALID_SESSION");
    expectA3(await me({}), 401, "NO_SESSION");
    // The cookie wins over the header (§3.1), so a dead cookie is not rescued by a live Bearer.
    expectA3(
      await me({ cookie: `infera_session=${forged[0]}`, authorization: `Bearer ${owner.token}` }),
      401,
      "INVALID_SESSION",
    );
  });
});

describe("secrets at rest", () => {
  const dumpStore = () =>
    env.server.node.kv.transact(
      (tx) => tx.getRange(new Uint8Array([0x00]), new Uint8Array([0xff])),
      { name: "test.dump" },
    );
  const text = new TextDecoder();

  test("a mail waiting in the outbox holds its one-time token sealed, not in plain text", async () => {
    const user = await signUp(env, "Pending");
    const rejectedBefore = env.smtp.rejected;
    env.smtp.failNext(1);
    const r = await call(env, "POST", "/v1/auth/password-reset/request", {
      body: { email: user.email },
    });
    expect(r.status).toBe(200);
    const pending = async () => {
      for (const row of await dumpStore()) {
        const v = text.decode(row.value);
        if (v.includes('"kind":"password_reset"') && v.includes('"attempts":1')) return v;
      }
      return undefined;
    };
    let entry = await pending();
    for (let i = 0; i < 200 && !entry; i++) {
      await Bun.sleep(10);
      entry = await pending();
    }
    expect(env.smtp.rejected).toBe(rejectedBefore + 1);
    expect(entry).toBeDefined();
    // Before: the entry's text and html held `…/reset-password?token=<id>.<secret>`.
    for (const row of await dumpStore()) expect(text.decode(row.value)).not.toContain("token=");
    // The sealed body opens with the configured key into a working token.
    const sealed = (JSON.parse(entry!.slice(entry!.indexOf("{"))) as { sealed_body: string })
      .sealed_body;
    const body = JSON.parse(createSealer(TEST_KEY_SECRET, "outbox-mail").open(sealed)) as {
      text: string;
    };
    const token = decodeURIComponent(/token=([^\s&]+)/.exec(body.text)?.[1] ?? "");
    const confirm = await call(env, "POST", "/v1/auth/password-reset/confirm", {
      body: { token, new_password: "a brand new long password" },
    });
    expect(confirm.status).toBe(200);
  });
});

describe("response headers", () => {
  test("every answer (success, error, framework rejection, 413) is no-store and nosniff", async () => {
    const replies = [
      await call(env, "GET", "/v1/users/me", { token: owner.token }),
      await call(env, "GET", "/v1/users/me"),
      await call(env, "GET", "/v1/no-such-route"),
      await call(env, "POST", "/v1/auth/login/password", { body: "{" }),
      await call(env, "POST", "/v1/auth/login/password", { body: "x".repeat(3 * 1024 * 1024) }),
    ];
    expect(replies.map((r) => r.status)).toEqual([200, 401, 404, 400, 413]);
    for (const r of replies) {
      expect({
        status: r.status,
        cache: r.headers.get("cache-control"),
        sniff: r.headers.get("x-content-type-options"),
      }).toEqual({ status: r.status, cache: "no-store", sniff: "nosniff" });
    }
  });
});

describe("address squatting", () => {
  const password = "correct horse battery staple";
  const register = (email: string, name = "Someone") =>
    call(env, "POST", "/v1/auth/register", { body: { name, email, password } });

  test("an unverified secondary address does not keep its owner from registering", async () => {
    const squatter = await signUp(env, "Squatter");
    const victim = `victim-${Date.now()}@example.com`;
    const add = await call(env, "POST", "/v1/users/emails", {
      token: squatter.token,
      body: { email: victim },
    });
    expect(add.status).toBe(201);
    // Before: 409 EMAIL_IN_USE for as long as the squatter kept the address.
    expect((await register(victim, "Victim")).status).toBe(201);
    // The victim verifies it: the squatter's unverified copy is gone.
    const mail = await env.smtp.waitForMail(
      (m) => m.to.includes(victim) && /verify/i.test(m.subject) && /Victim/.test(m.text),
    );
    const v = await call(env, "POST", "/v1/auth/verify-email", { body: { token: tokenIn(mail) } });
    expect(v.status).toBe(200);
    const left = await call(env, "GET", "/v1/users/emails", { token: squatter.token });
    expect((left.body.emails as { email: string }[]).map((e) => e.email)).not.toContain(victim);
    // A verified address stays taken.
    expectA3(await register(squatter.email), 409, "EMAIL_IN_USE");
    expectA3(await register(victim), 409, "EMAIL_IN_USE");
  });

  test("an unverified secondary address never receives a reset mail", async () => {
    const user = await signUp(env, "Typo");
    const typo = `typo-${Date.now()}@example.com`;
    await call(env, "POST", "/v1/users/emails", { token: user.token, body: { email: typo } });
    await call(env, "POST", "/v1/auth/password-reset/request", { body: { email: typo } });
    await call(env, "POST", "/v1/auth/password-reset/request", { body: { email: user.email } });
    await env.smtp.waitForMail((m) => m.to.includes(user.email) && /reset/i.test(m.subject));
    await env.server.node.services.auth.settled(); // reset requests work after their answer
    await env.server.node.mail.delivery.drain();
    expect(env.smtp.mails.some((m) => m.to.includes(typo) && /reset/i.test(m.subject))).toBe(false);
  });
});

describe("account registered with someone else's address", () => {
  test("the mailbox owner recovers it by password reset; the squatter loses every session", async () => {
    const victim = `owner-${Date.now()}@example.com`;
    const reg = await call(env, "POST", "/v1/auth/register", {
      body: { name: "Squatter", email: victim, password: "squatter password 1" },
    });
    expect(reg.status).toBe(201);
    const squatterCookie = (reg.headers.get("set-cookie") ?? "").split(";")[0]!;
    await call(env, "POST", "/v1/auth/password-reset/request", { body: { email: victim } });
    const mail = await env.smtp.waitForMail(
      (m) => m.to.includes(victim) && /reset/i.test(m.subject),
    );
    const token = tokenIn(mail);
    const confirm = await call(env, "POST", "/v1/auth/password-reset/confirm", {
      body: { token, new_password: "the real owner's password" },
    });
    expect(confirm.status).toBe(200);
    // The squatter's session is gone; the owner signs in and the address is now verified.
    const me = await env.server.fetch("/v1/users/me", { headers: { cookie: squatterCookie } });
    expect(me.status).toBe(401);
    const login = await call(env, "POST", "/v1/auth/login/password", {
      body: { email: victim, password: "the real owner's password" },
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0]!;
    const emails = await env.server.fetch("/v1/users/emails", { headers: { cookie } });
    const list = ((await emails.json()) as { emails: { email: string; verified_at: unknown }[] })
      .emails;
    expect(list.find((e) => e.email === victim)?.verified_at).not.toBeNull();
  });
});

describe("Idempotency-Key on organization creation", () => {
  test("a malformed key is refused before a claim is stored", async () => {
    const user = await signUp(env, "Creator");
    const key = `k${"\u00e9".repeat(300)}`;
    const r = await call(env, "POST", "/v1/organizations", {
      token: user.token,
      body: { name: "Keyed" },
      headers: { "idempotency-key": key },
    });
    expectA3(r, 400, "INVALID_ARGUMENT");
    const claim = await env.server.node.kv.transact(
      (tx) => tx.get(OrgKeys.createClaim(user.id, key)),
      { name: "test.claim" },
    );
    expect(claim).toBeUndefined();
  });
});

describe("cross-origin writes with the session cookie (CSRF)", () => {
  const revokeOthers = (headers: Record<string, string>) =>
    call(env, "POST", "/v1/users/sessions/revoke-others", { headers });

  test("a body-less POST from another origin cannot ride the cookie", async () => {
    const user = await signUp(env, "Browser");
    const cookie = `infera_session=${user.token}`;
    // Before: 200, every other session of the user revoked by a sibling subdomain's page.
    for (const origin of ["https://evil.example", "http://localhost:3000.evil.example", "null"]) {
      expectA3(await revokeOthers({ cookie, origin }), 403, "CROSS_ORIGIN_REQUEST");
    }
    expect((await revokeOthers({ cookie })).status).toBe(200);
    expect((await revokeOthers({ cookie, origin: "http://localhost:3000" })).status).toBe(200);
    expect((await revokeOthers({ cookie, origin: env.server.url })).status).toBe(200);
    const bearer = { authorization: `Bearer ${user.token}`, origin: "https://evil.example" };
    expect((await revokeOthers(bearer)).status).toBe(200);
    const read = await call(env, "GET", "/v1/users/me", {
      headers: { cookie, origin: "https://evil.example" },
    });
    expect(read.status).toBe(200);
  });
});

describe("logout is a cookie write too (CSRF)", () => {
  test("a cookie logout from another origin is refused and the session survives", async () => {
    const user = await signUp(env, "Stays");
    const cookie = `infera_session=${user.token}`;
    // Before: 200, the session revoked and the cookie cleared by any page on the web.
    const foreign = await call(env, "POST", "/v1/auth/logout", {
      headers: { cookie, origin: "https://evil.example" },
    });
    expectA3(foreign, 403, "CROSS_ORIGIN_REQUEST");
    expect(foreign.headers.get("set-cookie")).toBeNull();
    expect((await call(env, "GET", "/v1/users/me", { token: user.token })).status).toBe(200);
    // Same origin, or no Origin (not a browser), or Bearer from anywhere: logged out.
    const same = await call(env, "POST", "/v1/auth/logout", {
      headers: { cookie, origin: env.server.url },
    });
    expect(same.status).toBe(200);
    expect((await call(env, "GET", "/v1/users/me", { token: user.token })).status).toBe(401);
    const other = await signUp(env, "Bearer", false);
    const bearer = await call(env, "POST", "/v1/auth/logout", {
      headers: { authorization: `Bearer ${other.token}`, origin: "https://evil.example" },
    });
    expect(bearer.status).toBe(200);
    expect((await call(env, "GET", "/v1/users/me", { token: other.token })).status).toBe(401);
  });
});

describe("per-account sign-in failure limit under concurrency", () => {
  test("parallel wrong passwords never get more than the limit of verdicts", async () => {
    const limited = await startOrgEnv({
      config: {
        rate_limiting: {
          enabled: true,
          login_failures_per_account_per_15min: 3,
          login_attempts_per_ip_per_hour: 10_000,
          registrations_per_ip_per_day: 100,
          email_verification_tokens_per_hour: 100,
        },
      },
    });
    try {
      const user = await signUp(limited, "Target");
      const attempt = () =>
        call(limited, "POST", "/v1/auth/login/password", {
          body: { email: user.email, password: "wrong password guess" },
        });
      // Successful sign-ins give their reserved unit back: they never count as failures.
      for (let i = 0; i < 5; i++) {
        const ok = await call(limited, "POST", "/v1/auth/login/password", {
          body: { email: user.email, password: "correct horse battery staple" },
        });
        expect(ok.status).toBe(200);
      }
      const replies = await Promise.all(Array.from({ length: 30 }, attempt));
      const statuses = replies.map((r) => r.status);
      // Before: every attempt that read the counter before the first failure was recorded got a
      // password verdict (401), so a parallel burst tried far more than 3 passwords.
      expect(statuses.filter((s) => s === 401).length).toBe(3);
      expect(statuses.filter((s) => s === 429).length).toBe(27);
      // A correct password is refused too while the account is locked.
      const right = await call(limited, "POST", "/v1/auth/login/password", {
        body: { email: user.email, password: "correct horse battery staple" },
      });
      expectA3(right, 429, "RATE_LIMITED");
    } finally {
      await limited.close();
    }
  });
});
