/**
 * What real clients expect of an account right after sign-up and while signed in (issue 9): the
 * default organization made at registration (and completed by the next sign-in when it failed
 * after the account's commit), the session credential in the JSON body for clients without a
 * cookie jar, changing the password while signed in, and resending the primary address's
 * verification mail. Real sockets, a real SMTP sink.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { CommonErrors } from "../../../src/lib/errors.ts";
import { createTestServer, type TestServer } from "../../support/server.ts";
import {
  call,
  mailTo,
  registerAccount,
  sessionFromCookie,
  tokenFromMail,
} from "./identity-helpers.ts";

let server: TestServer;

beforeAll(async () => {
  server = await createTestServer({
    smtp: true,
    // Only the per-account failure limit matters here; the per-IP ones stay out of the way.
    config: {
      rate_limiting: {
        enabled: true,
        login_failures_per_account_per_15min: 3,
        registrations_per_ip_per_day: 1000,
        login_attempts_per_ip_per_hour: 1000,
      },
    },
  });
});
afterAll(() => server.close());

interface Org {
  id: string;
  name: string;
  tier: string;
  role: string;
}

async function orgsOf(session: string): Promise<Org[]> {
  const r = await call(server, "GET", "/v1/organizations", undefined, { bearer: session });
  expect(r.status).toBe(200);
  return r.body.organizations;
}

async function verify(address: string) {
  const mail = await server.smtp!.waitForMail(mailTo(address, "Verify your email address"));
  server.smtp!.mails.splice(server.smtp!.mails.indexOf(mail), 1);
  const r = await call(server, "POST", "/v1/auth/verify-email", { token: tokenFromMail(mail) });
  expect(r.status).toBe(200);
}

describe("default organization at registration", () => {
  test("named after the trimmed user name, TIER_DEV_V1, the user OWNER, no verified address needed", async () => {
    // Before: no organization until the address was verified and one was created.
    const a = await registerAccount(server, { name: "  Ada Lovelace  " });
    expect(await orgsOf(a.session)).toEqual([
      expect.objectContaining({ name: "Ada Lovelace", tier: "TIER_DEV_V1", role: "OWNER" }),
    ]);
    // Format characters are allowed in user names, not in organization names: dropped.
    const b = await registerAccount(server, { name: "Zo\u00eb\u200d" });
    expect((await orgsOf(b.session)).map((o) => o.name)).toEqual(["Zo\u00eb"]);
  });

  test("counts towards the per-user limit of 10", async () => {
    const a = await registerAccount(server);
    await verify(a.email);
    for (let i = 0; i < 9; i++) {
      const r = await call(
        server,
        "POST",
        "/v1/organizations",
        { name: `Org ${i}` },
        {
          bearer: a.session,
        },
      );
      expect(r.status).toBe(201);
    }
    const over = await call(
      server,
      "POST",
      "/v1/organizations",
      { name: "Eleventh" },
      {
        bearer: a.session,
      },
    );
    expect(over.status).toBe(402);
    expect(over.body.code).toBe("USER_ORG_LIMIT");
    expect(await orgsOf(a.session)).toHaveLength(10);
  });

  test("a failure after the account's commit is completed by the next sign-in", async () => {
    const orgs = server.node.services.organizations;
    const real = orgs.createDefault.bind(orgs);
    let calls = 0;
    orgs.createDefault = async () => {
      calls++;
      throw CommonErrors.UNAVAILABLE("store unavailable");
    };
    let a: Awaited<ReturnType<typeof registerAccount>>;
    try {
      a = await registerAccount(server, { name: "Retry Later" });
    } finally {
      orgs.createDefault = real;
    }
    expect(calls).toBe(1);
    expect(await orgsOf(a.session)).toEqual([]);
    const login = await call(server, "POST", "/v1/auth/login/password", {
      email: a.email,
      password: a.password,
    });
    expect(login.status).toBe(200);
    const after = await orgsOf(a.session);
    expect(after).toEqual([expect.objectContaining({ name: "Retry Later", role: "OWNER" })]);
    // Completed once: later sign-ins create nothing more.
    await call(server, "POST", "/v1/auth/login/password", { email: a.email, password: a.password });
    expect(await orgsOf(a.session)).toHaveLength(1);
  });
});

describe("session credential in the JSON body", () => {
  test("register and login answer session_token, the cookie's credential, usable as Bearer", async () => {
    const email = `bearer-${Date.now()}@example.com`;
    const password = "correct horse battery staple";
    const reg = await call(server, "POST", "/v1/auth/register", {
      name: "Bearer",
      email,
      password,
    });
    expect(reg.status).toBe(201);
    // Before: only `session_id`; the credential travelled only in the cookie.
    expect(reg.body.session_token).toBe(sessionFromCookie(reg.headers));
    expect(reg.body.session_token.startsWith(`${reg.body.session_id}.`)).toBe(true);
    const login = await call(server, "POST", "/v1/auth/login/password", { email, password });
    expect(login.status).toBe(200);
    expect(login.body.session_token).toBe(sessionFromCookie(login.headers));
    const me = await call(server, "GET", "/v1/users/me", undefined, {
      bearer: login.body.session_token,
    });
    expect(me.status).toBe(200);
    expect(me.body.user.id).toBe(reg.body.user_id);
  });
});

describe("change password while signed in", () => {
  const change = (session: string, body: unknown) =>
    call(server, "POST", "/v1/users/me/password", body, { bearer: session });

  test("checks the current password and the rules, revokes the other sessions, mails a notice", async () => {
    const a = await registerAccount(server, { name: "Changer" });
    await verify(a.email);
    const other = await call(server, "POST", "/v1/auth/login/password", {
      email: a.email,
      password: a.password,
    });
    const otherSession = other.body.session_token as string;

    const wrong = await change(a.session, {
      current_password: "not the password at all",
      new_password: "a brand new password",
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.code).toBe("INVALID_CURRENT_PASSWORD");
    const weak = await change(a.session, { current_password: a.password, new_password: "short" });
    expect(weak.status).toBe(400);
    expect(weak.body.code).toBe("INVALID_PASSWORD");
    const unknownField = await change(a.session, { current_password: a.password, x: 1 });
    expect(unknownField.status).toBe(422);

    // Before: 404, no such route.
    const ok = await change(a.session, {
      current_password: a.password,
      new_password: "a brand new password",
    });
    expect(ok.status).toBe(200);
    expect(ok.body.revoked_sessions).toBe(1);
    expect(
      (await call(server, "GET", "/v1/users/me", undefined, { bearer: a.session })).status,
    ).toBe(200);
    expect(
      (await call(server, "GET", "/v1/users/me", undefined, { bearer: otherSession })).status,
    ).toBe(401);
    const oldLogin = await call(server, "POST", "/v1/auth/login/password", {
      email: a.email,
      password: a.password,
    });
    expect(oldLogin.status).toBe(401);
    const newLogin = await call(server, "POST", "/v1/auth/login/password", {
      email: a.email,
      password: "a brand new password",
    });
    expect(newLogin.status).toBe(200);
    const notice = await server.smtp!.waitForMail(mailTo(a.email, "Your password was changed"));
    expect(notice.text).toContain("Changer");
  });

  test("wrong current passwords count towards the sign-in failure limit", async () => {
    const a = await registerAccount(server);
    const body = { current_password: "wrong wrong wrong", new_password: "a brand new password" };
    expect((await change(a.session, body)).status).toBe(400); // 1 of 3
    const login = await call(server, "POST", "/v1/auth/login/password", {
      email: a.email,
      password: "also wrong password",
    });
    expect(login.status).toBe(401); // 2 of 3
    expect((await change(a.session, body)).status).toBe(400); // 3 of 3
    const limited = await change(a.session, { ...body, current_password: a.password });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).not.toBeNull();
    const signIn = await call(server, "POST", "/v1/auth/login/password", {
      email: a.email,
      password: a.password,
    });
    expect(signIn.status).toBe(429);
  });
});

describe("resend verification for the primary address", () => {
  test("POST /v1/auth/resend-verification mails the primary address again", async () => {
    const a = await registerAccount(server, { name: "Resender" });
    await server.smtp!.waitForMail(mailTo(a.email, "Verify your email address"));
    const before = server.smtp!.mails.filter(mailTo(a.email, "Verify your email address")).length;
    // Before: 404 ROUTE_NOT_FOUND.
    const r = await call(server, "POST", "/v1/auth/resend-verification", undefined, {
      bearer: a.session,
    });
    expect(r.status).toBe(200);
    await server.node.mail.delivery.drain();
    const mails = server.smtp!.mails.filter(mailTo(a.email, "Verify your email address"));
    expect(mails.length).toBe(before + 1);
    // The resent link verifies.
    const v = await call(server, "POST", "/v1/auth/verify-email", {
      token: tokenFromMail(mails.at(-1)!),
    });
    expect(v.status).toBe(200);
    const again = await call(server, "POST", "/v1/auth/resend-verification", undefined, {
      bearer: a.session,
    });
    expect(again.status).toBe(400);
    expect(again.body.code).toBe("EMAIL_ALREADY_VERIFIED");
    const anonymous = await call(server, "POST", "/v1/auth/resend-verification");
    expect(anonymous.status).toBe(401);
  });
});
