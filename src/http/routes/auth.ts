/**
 * Sign-up and sign-in routes (docs/identity.md#flows; docs/http-api.md (A3-A7, A16)): register, password login,
 * logout, email verification, password reset request/confirm, and `GET /v1/auth/me`. Thin: schema →
 * service → response. Unknown body fields are refused with 422 (docs/adr/0004); strings are bounded before any work.
 */
import { Elysia } from "elysia";
import {
  LoginInput,
  PasswordResetConfirmInput,
  PasswordResetRequestInput,
  RegisterInput,
  VerifyEmailInput,
} from "../../services/auth/inputs.ts";
import type { HttpDeps } from "../../services/index.ts";
import {
  authPlugin,
  clearedSessionCookie,
  cookieSecure,
  presentedCredential,
  refuseCrossOriginCookieWrite,
  sessionCookie,
} from "../plugins/auth.ts";
import { ipRateLimit } from "../plugins/rate-limit.ts";

export const authRoutes = (deps: HttpDeps) => {
  const { auth, sessions, emails } = deps.services;
  const secure = cookieSecure(deps);
  const cookieFor = (token: string, expiresAt: number) =>
    sessionCookie(token, (expiresAt - deps.clock.now()) / 1000, secure);

  return new Elysia({ name: "auth-routes" })
    .use(authPlugin(deps))
    .post(
      "/v1/auth/register",
      async ({ body, clientMeta, set }) => {
        const r = await auth.register(body, clientMeta);
        set.status = 201;
        set.headers["set-cookie"] = cookieFor(
          r.session.token,
          r.session.record.machine.context.expiresAt,
        );
        return {
          user_id: r.user.id,
          name: r.user.name,
          email: r.email,
          session_id: r.session.record.id,
          // For clients without a cookie jar (Authorization: Bearer); the web pages never read it.
          session_token: r.session.token,
        };
      },
      { body: RegisterInput, beforeHandle: ipRateLimit(deps, "registration") },
    )
    .post(
      "/v1/auth/login/password",
      async ({ body, clientMeta, set }) => {
        const r = await auth.login(body.email, body.password, clientMeta);
        set.headers["set-cookie"] = cookieFor(
          r.session.token,
          r.session.record.machine.context.expiresAt,
        );
        return {
          user_id: r.user.id,
          name: r.user.name,
          session_id: r.session.record.id,
          session_token: r.session.token,
        };
      },
      { body: LoginInput, beforeHandle: ipRateLimit(deps, "login") },
    )
    .post("/v1/auth/logout", async ({ request, clientMeta, set }) => {
      const presented = presentedCredential(request.headers);
      // Logout writes (revokes the session, clears the cookie): CSRF-checked like every cookie write.
      refuseCrossOriginCookieWrite(deps, request, presented.source);
      await sessions.logout(presented.token ?? undefined, clientMeta);
      set.headers["set-cookie"] = clearedSessionCookie(secure);
      return { message: "Logged out successfully" };
    })
    .post(
      "/v1/auth/verify-email",
      async ({ body, clientMeta }) => {
        const r = await emails.verify(body.token, clientMeta);
        return {
          message: r.already ? "Email already verified" : "Email verified successfully",
          email: r.email,
        };
      },
      { body: VerifyEmailInput },
    )
    .post(
      "/v1/auth/password-reset/request",
      async ({ body, clientMeta }) => {
        await auth.requestPasswordReset(body.email, clientMeta);
        return { message: "If the email exists, a reset link has been sent" };
      },
      { body: PasswordResetRequestInput },
    )
    .post(
      "/v1/auth/password-reset/confirm",
      async ({ body, clientMeta }) => {
        await auth.confirmPasswordReset(body.token, body.new_password, clientMeta);
        return { message: "Password reset successfully" };
      },
      { body: PasswordResetConfirmInput },
    )
    .post(
      "/v1/auth/resend-verification",
      async ({ principal, clientMeta }) => {
        await emails.resendVerification(principal, null, clientMeta);
        return { message: "Verification email sent" };
      },
      { requireSession: true },
    )
    .get("/v1/auth/me", ({ currentUser }) => ({ user: currentUser }), {
      requireSession: true,
    });
};
