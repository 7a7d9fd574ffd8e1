/**
 * Current-user routes (docs/identity.md#flows; docs/http-api.md (A4, A9, A16)): profile, account deletion,
 * sessions, email addresses. Every route requires a session; ids in paths are Snowflake strings
 * (anything else: 400 INVALID_ID); another user's session or address answers 404.
 */
import { Elysia } from "elysia";
import { CommonErrors } from "../../lib/errors.ts";
import { ChangePasswordInput } from "../../services/auth/inputs.ts";
import { AddEmailInput, SetPrimaryInput } from "../../services/emails/inputs.ts";
import type { HttpDeps } from "../../services/index.ts";
import { UpdateProfileInput } from "../../services/users/inputs.ts";
import { noContent } from "../calls.ts";
import { authPlugin, clearedSessionCookie, cookieSecure } from "../plugins/auth.ts";
import { idParams, PaginationQuery, paginationOf, toPage } from "../schemas.ts";

/**
 * Elysia coerces non-object JSON (`[1]`, `5`) into a schema whose fields are all optional; refuse
 * it before validation so it gets the same 422 as any other schema mismatch.
 */
function requireObjectBody({ body }: { body: unknown }) {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw CommonErrors.VALIDATION_FAILED(undefined, {
      details: [{ field: "(root)", message: "Expected object" }],
    });
  }
}

export const userRoutes = (deps: HttpDeps) => {
  const { users, sessions, emails, auth: authService } = deps.services;
  const secure = cookieSecure(deps);
  const auth = { requireSession: true } as const;

  return (
    new Elysia({ name: "user-routes" })
      .use(authPlugin(deps))
      // The profile was read with the session (one transaction per request).
      .get("/v1/users/me", ({ currentUser }) => ({ user: currentUser }), auth)
      .patch(
        "/v1/users/me",
        async ({ principal, body, clientMeta }) => ({
          user: await users.update(principal, body, clientMeta),
        }),
        { ...auth, body: UpdateProfileInput, transform: requireObjectBody },
      )
      .delete(
        "/v1/users/me",
        async ({ principal, clientMeta }) => {
          await users.remove(principal, clientMeta);
          return noContent({ "set-cookie": clearedSessionCookie(secure) });
        },
        auth,
      )
      .post(
        "/v1/users/me/password",
        async ({ principal, body, clientMeta }) => {
          const n = await authService.changePassword(
            principal,
            body.current_password,
            body.new_password,
            clientMeta,
          );
          return { message: "Password changed", revoked_sessions: n };
        },
        { ...auth, body: ChangePasswordInput },
      )
      .get(
        "/v1/users/sessions",
        async ({ principal }) => {
          const list = await sessions.list(principal);
          return { sessions: list, count: list.length };
        },
        auth,
      )
      .delete(
        "/v1/users/sessions/:id",
        async ({ principal, params, clientMeta }) => {
          await sessions.revoke(principal, params.id, clientMeta);
          return noContent();
        },
        { ...auth, params: idParams("id") },
      )
      .post(
        "/v1/users/sessions/revoke-others",
        async ({ principal, clientMeta }) => {
          const n = await sessions.revokeOthers(principal, clientMeta);
          return { revoked_count: n, message: `Revoked ${n} other session(s)` };
        },
        auth,
      )
      .post(
        "/v1/users/emails",
        async ({ principal, body, clientMeta, set }) => {
          const email = await emails.add(principal, body.email, clientMeta);
          set.status = 201;
          return { email };
        },
        { ...auth, body: AddEmailInput },
      )
      .get(
        "/v1/users/emails",
        async ({ principal, query }) => {
          const page = toPage(query);
          const all = await emails.list(principal);
          const items = all.slice(page.offset, page.offset + page.limit);
          return { emails: items, pagination: paginationOf(page, all.length, items.length) };
        },
        { ...auth, query: PaginationQuery },
      )
      .patch(
        "/v1/users/emails/:id",
        async ({ principal, params, body, clientMeta }) => ({
          email: await emails.setPrimary(principal, params.id, body.is_primary, clientMeta),
        }),
        { ...auth, params: idParams("id"), body: SetPrimaryInput },
      )
      .delete(
        "/v1/users/emails/:id",
        async ({ principal, params, clientMeta }) => {
          await emails.remove(principal, params.id, clientMeta);
          return noContent();
        },
        { ...auth, params: idParams("id") },
      )
      .post(
        "/v1/users/emails/:id/resend-verification",
        async ({ principal, params, clientMeta }) => {
          await emails.resendVerification(principal, params.id, clientMeta);
          return { message: "Verification email sent" };
        },
        { ...auth, params: idParams("id") },
      )
  );
};
