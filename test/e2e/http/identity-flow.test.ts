/**
 * The identity journey over real sockets with a real SMTP server: register → the verification
 * mail arrives → verify → log in → profile → list sessions → revoke one → reset the password
 * through the mailed token → the old sessions no longer work; plus logout and the cookie rules.
 * Runs on the memory and the SQLite KV backends.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createTestServer, type TestServer } from "../../support/server.ts";
import {
  call,
  mailTo,
  registerAccount,
  sessionFromCookie,
  tokenFromMail,
} from "./identity-helpers.ts";

for (const backend of ["memory", "sqlite"] as const) {
  describe(`identity journey (${backend} KV)`, () => {
    let server: TestServer;

    beforeAll(async () => {
      server = await createTestServer({ smtp: true, sqlite: backend === "sqlite" });
    });
    afterAll(async () => {
      await server.close();
    });

    test("register, verify, sign in, sessions, password reset, logout", async () => {
      const smtp = server.smtp!;
      const address = "Journey.User@Example.com";
      const reg = await call(server, "POST", "/v1/auth/register", {
        name: "  Jo <script>alert(1)</script>  ",
        email: address,
        password: "first password 123",
      });
      expect(reg.status).toBe(201);
      expect(reg.body).toMatchObject({
        name: "Jo <script>alert(1)</script>",
        email: "journey.user@example.com",
      });
      expect(reg.body.user_id).toMatch(/^[1-9][0-9]+$/);
      const cookie = reg.headers.get("set-cookie") ?? "";
      expect(cookie).toContain("HttpOnly");
      expect(cookie).toContain("SameSite=Lax");
      expect(cookie).toContain("Path=/");
      expect(cookie).toMatch(/Max-Age=86\d{3}/);
      const first = sessionFromCookie(reg.headers);
      expect(first.startsWith(`${reg.body.session_id}.`)).toBe(true);

      // The verification mail arrives over SMTP, escaped, with a working link.
      const mail = await smtp.waitForMail(
        mailTo("journey.user@example.com", "Verify your email address"),
      );
      expect(mail.html).toContain("Jo &lt;script&gt;alert(1)&lt;/script&gt;");
      expect(mail.html).not.toContain("<script>");
      expect(mail.messageId).toMatch(/^<mail-\d+@localhost>$/);
      const verifyToken = tokenFromMail(mail);
      const verified = await call(server, "POST", "/v1/auth/verify-email", { token: verifyToken });
      expect(verified.status).toBe(200);
      expect(verified.body).toEqual({
        message: "Email verified successfully",
        email: "journey.user@example.com",
      });
      const again = await call(server, "POST", "/v1/auth/verify-email", { token: verifyToken });
      expect(again.status).toBe(400);
      expect(again.body.code).toBe("INVALID_VERIFICATION_TOKEN");

      // Sign in (a second session) and read the profile by bearer and by cookie.
      const login = await call(server, "POST", "/v1/auth/login/password", {
        email: "JOURNEY.user@example.com",
        password: "first password 123",
      });
      expect(login.status).toBe(200);
      const second = sessionFromCookie(login.headers);
      const me = await call(server, "GET", "/v1/users/me", undefined, { bearer: second });
      expect(me.status).toBe(200);
      expect(Object.keys(me.body.user).sort()).toEqual([
        "created_at",
        "id",
        "name",
        "tos_accepted_at",
      ]);
      expect(me.body.user.id).toBe(reg.body.user_id);
      const addresses = await call(server, "GET", "/v1/users/emails", undefined, {
        bearer: second,
      });
      expect(addresses.body.emails).toMatchObject([
        { email: "journey.user@example.com", is_primary: true, is_verified: true },
      ]);
      expect(me.body.user.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      const authMe = await call(server, "GET", "/v1/auth/me", undefined, { cookie: first });
      expect(authMe.body).toEqual(me.body);

      // Sessions: both listed, the current one marked; revoke the first.
      const list = await call(server, "GET", "/v1/users/sessions", undefined, { bearer: second });
      expect(list.status).toBe(200);
      expect(list.body.count).toBe(2);
      const current = list.body.sessions.find((s: { current: boolean }) => s.current);
      expect(current.session_id).toBe(login.body.session_id);
      const revoke = await call(
        server,
        "DELETE",
        `/v1/users/sessions/${reg.body.session_id}`,
        undefined,
        {
          bearer: second,
        },
      );
      expect(revoke.status).toBe(204);
      const dead = await call(server, "GET", "/v1/users/me", undefined, { cookie: first });
      expect(dead.status).toBe(401);
      expect(dead.body.code).toBe("INVALID_SESSION");

      // A third session, then a password reset through the mailed token.
      const third = sessionFromCookie(
        (
          await call(server, "POST", "/v1/auth/login/password", {
            email: address,
            password: "first password 123",
          })
        ).headers,
      );
      const req = await call(server, "POST", "/v1/auth/password-reset/request", { email: address });
      expect(req.status).toBe(200);
      const resetMail = await smtp.waitForMail(
        mailTo("journey.user@example.com", "Reset your password"),
      );
      const resetToken = tokenFromMail(resetMail);
      expect(resetMail.text).toContain("http://localhost:3000/ui/reset-password?token=");
      const confirm = await call(server, "POST", "/v1/auth/password-reset/confirm", {
        token: resetToken,
        new_password: "second password 456",
      });
      expect(confirm.status).toBe(200);
      for (const old of [second, third]) {
        expect((await call(server, "GET", "/v1/users/me", undefined, { bearer: old })).status).toBe(
          401,
        );
      }
      const reuse = await call(server, "POST", "/v1/auth/password-reset/confirm", {
        token: resetToken,
        new_password: "third password 789",
      });
      expect(reuse.status).toBe(400);
      expect(reuse.body.code).toBe("INVALID_RESET_TOKEN");
      const oldPw = await call(server, "POST", "/v1/auth/login/password", {
        email: address,
        password: "first password 123",
      });
      expect(oldPw.status).toBe(401);
      const newPw = await call(server, "POST", "/v1/auth/login/password", {
        email: address,
        password: "second password 456",
      });
      expect(newPw.status).toBe(200);

      // Logout clears the cookie with Path=/ and kills the session.
      const fourth = sessionFromCookie(newPw.headers);
      const out = await call(server, "POST", "/v1/auth/logout", undefined, { cookie: fourth });
      expect(out.status).toBe(200);
      expect(out.headers.get("set-cookie")).toMatch(
        /^infera_session=; Path=\/; HttpOnly; SameSite=Lax; Max-Age=0/,
      );
      expect(
        (await call(server, "GET", "/v1/users/me", undefined, { cookie: fourth })).status,
      ).toBe(401);
      // Logging out again (dead credential) still succeeds.
      expect(
        (await call(server, "POST", "/v1/auth/logout", undefined, { cookie: fourth })).status,
      ).toBe(200);
    });

    test("revoke-others keeps only the current session", async () => {
      const a = await registerAccount(server);
      const login = async () =>
        sessionFromCookie(
          (
            await call(server, "POST", "/v1/auth/login/password", {
              email: a.email,
              password: a.password,
            })
          ).headers,
        );
      const b = await login();
      const c = await login();
      const r = await call(server, "POST", "/v1/users/sessions/revoke-others", undefined, {
        bearer: c,
      });
      expect(r.status).toBe(200);
      expect(r.body.revoked_count).toBe(2);
      expect(
        (await call(server, "GET", "/v1/users/me", undefined, { bearer: a.session })).status,
      ).toBe(401);
      expect((await call(server, "GET", "/v1/users/me", undefined, { bearer: b })).status).toBe(
        401,
      );
      const list = await call(server, "GET", "/v1/users/sessions", undefined, { bearer: c });
      expect(list.body.count).toBe(1);
    });

    test("another user's session id answers 404 and stays alive", async () => {
      const a = await registerAccount(server);
      const b = await registerAccount(server);
      const bId = b.session.split(".")[0];
      const r = await call(server, "DELETE", `/v1/users/sessions/${bId}`, undefined, {
        bearer: a.session,
      });
      expect(r.status).toBe(404);
      expect(r.body.code).toBe("SESSION_NOT_FOUND");
      expect(
        (await call(server, "GET", "/v1/users/me", undefined, { bearer: b.session })).status,
      ).toBe(200);
    });

    test("at most max_sessions_per_user stay active; the least recently active is evicted", async () => {
      const a = await registerAccount(server);
      const sessions = [a.session];
      for (let i = 0; i < 11; i++) {
        const r = await call(server, "POST", "/v1/auth/login/password", {
          email: a.email,
          password: a.password,
        });
        sessions.push(sessionFromCookie(r.headers));
      }
      // 12 created, cap 10: the first two (registration and first login) were evicted.
      for (const [i, s] of sessions.entries()) {
        const status = (await call(server, "GET", "/v1/users/me", undefined, { bearer: s })).status;
        expect(status).toBe(i < 2 ? 401 : 200);
      }
      const list = await call(server, "GET", "/v1/users/sessions", undefined, {
        bearer: sessions[11],
      });
      expect(list.body.count).toBe(10);
    });
  });
}
