/**
 * gRPC `inferadb.management.v1.UserService`: the signed-in user's profile, sessions and email
 * addresses, calling the same services as /v1/users/*, each request checked against the route's
 * own input schema (src/services/users/inputs.ts, src/services/emails/inputs.ts,
 * src/services/passkeys/inputs.ts). Every call resolves the caller from `authorization` metadata
 * first. Passkey enrolment sends the WebAuthn options as a JSON text (`options_json`) and takes
 * the authenticator's response as one (`credential_json`, parsed within bounds, then checked
 * against the HTTP route's schema).
 */
import type { PasskeyView } from "../../domain/passkeys/records.ts";
import { ChangePasswordInput } from "../../services/auth/inputs.ts";
import { paginationOf } from "../../services/context.ts";
import { AddEmailInput, SetPrimaryInput } from "../../services/emails/inputs.ts";
import type { EmailDto } from "../../services/emails/service.ts";
import type { GrpcDeps } from "../../services/index.ts";
import { PasskeyRenameInput, RegistrationVerifyInput } from "../../services/passkeys/inputs.ts";
import type { SessionDto } from "../../services/sessions/service.ts";
import { UpdateProfileInput } from "../../services/users/inputs.ts";
import type { UserDto } from "../../services/users/service.ts";
import type { Email } from "../generated/inferadb/management/v1/Email.ts";
import type { Passkey } from "../generated/inferadb/management/v1/Passkey.ts";
import type { Session } from "../generated/inferadb/management/v1/Session.ts";
import type { User } from "../generated/inferadb/management/v1/User.ts";
import type { UserServiceHandlers } from "../generated/inferadb/management/v1/UserService.ts";
import { unary } from "../status.ts";
import { type CallCtx, callEnv, checked, principalOf, requestMeta } from "./call.ts";

export const USER_SERVICE = "inferadb.management.v1.UserService";

// The DTOs say "no value" with null; the messages' proto3 `optional` fields say it by absence.

function userMessage(u: UserDto): User {
  return { ...u, tos_accepted_at: u.tos_accepted_at ?? undefined };
}

function sessionMessage(s: SessionDto): Session {
  return { ...s, ip_address: s.ip_address ?? undefined, user_agent: s.user_agent ?? undefined };
}

function emailMessage(e: EmailDto): Email {
  return { ...e, verified_at: e.verified_at ?? undefined };
}

function passkeyMessage(k: PasskeyView): Passkey {
  return { ...k, last_used_at: k.last_used_at ?? undefined };
}

export function userService(deps: GrpcDeps, log = deps.log): UserServiceHandlers {
  const env = callEnv(deps, log);
  const { users, sessions, emails, auth, passkeys } = deps.services;
  const signedIn = (ctx: CallCtx) => principalOf(deps, ctx);

  return {
    GetMe: unary(env, async (_req, ctx) => ({ user: userMessage((await signedIn(ctx)).user) })),
    UpdateMe: unary(env, async (req, ctx) => {
      const input = checked((c) => c.input(UpdateProfileInput, req));
      const { principal } = await signedIn(ctx);
      return { user: userMessage(await users.update(principal, input, requestMeta(ctx))) };
    }),
    DeleteMe: unary(env, async (_req, ctx) => {
      const { principal } = await signedIn(ctx);
      await users.remove(principal, requestMeta(ctx));
      return {};
    }),
    ChangePassword: unary(env, async (req, ctx) => {
      const input = checked((c) => c.input(ChangePasswordInput, req));
      const { principal } = await signedIn(ctx);
      const n = await auth.changePassword(
        principal,
        input.current_password,
        input.new_password,
        requestMeta(ctx),
      );
      return { message: "Password changed", revoked_sessions: n };
    }),
    ListSessions: unary(env, async (_req, ctx) => {
      const { principal } = await signedIn(ctx);
      const list = await sessions.list(principal);
      return { sessions: list.map(sessionMessage), count: list.length };
    }),
    RevokeSession: unary(env, async (req, ctx) => {
      const id = checked((c) => c.id("session_id", req.session_id));
      const { principal } = await signedIn(ctx);
      await sessions.revoke(principal, id, requestMeta(ctx));
      return {};
    }),
    RevokeOtherSessions: unary(env, async (_req, ctx) => {
      const { principal } = await signedIn(ctx);
      const n = await sessions.revokeOthers(principal, requestMeta(ctx));
      return { revoked_count: n, message: `Revoked ${n} other session(s)` };
    }),
    ListEmails: unary(env, async (req, ctx) => {
      const page = checked((c) => c.page(req));
      const { principal } = await signedIn(ctx);
      const all = await emails.list(principal);
      const items = all.slice(page.offset, page.offset + page.limit);
      return {
        emails: items.map(emailMessage),
        pagination: paginationOf(page, all.length, items.length),
      };
    }),
    AddEmail: unary(env, async (req, ctx) => {
      const input = checked((c) => c.input(AddEmailInput, req));
      const { principal } = await signedIn(ctx);
      return { email: emailMessage(await emails.add(principal, input.email, requestMeta(ctx))) };
    }),
    SetPrimaryEmail: unary(env, async (req, ctx) => {
      const r = checked((c) => ({
        id: c.id("email_id", req.email_id),
        input: c.input(SetPrimaryInput, req),
      }));
      const { principal } = await signedIn(ctx);
      const email = await emails.setPrimary(principal, r.id, r.input.is_primary, requestMeta(ctx));
      return { email: emailMessage(email) };
    }),
    DeleteEmail: unary(env, async (req, ctx) => {
      const id = checked((c) => c.id("email_id", req.email_id));
      const { principal } = await signedIn(ctx);
      await emails.remove(principal, id, requestMeta(ctx));
      return {};
    }),
    ResendVerification: unary(env, async (req, ctx) => {
      const id = checked((c) => c.id("email_id", req.email_id));
      const { principal } = await signedIn(ctx);
      await emails.resendVerification(principal, id, requestMeta(ctx));
      return { message: "Verification email sent" };
    }),
    BeginPasskeyRegistration: unary(env, async (_req, ctx) => {
      const { principal } = await signedIn(ctx);
      const { options } = await passkeys.registrationOptions(principal);
      return { options_json: JSON.stringify(options) };
    }),
    FinishPasskeyRegistration: unary(env, async (req, ctx) => {
      const input = checked((c) => c.jsonInput(RegistrationVerifyInput, ["credential"], req));
      const { principal } = await signedIn(ctx);
      // The schema checked the shape; @simplewebauthn/server verifies the rest (as over HTTP).
      const r = await passkeys.registrationVerify(principal, input as never, requestMeta(ctx));
      return { passkey: passkeyMessage(r.passkey) };
    }),
    ListPasskeys: unary(env, async (_req, ctx) => {
      const { principal } = await signedIn(ctx);
      return { passkeys: (await passkeys.list(principal)).passkeys.map(passkeyMessage) };
    }),
    RenamePasskey: unary(env, async (req, ctx) => {
      const r = checked((c) => ({
        id: c.id("passkey_id", req.passkey_id),
        input: c.input(PasskeyRenameInput, req),
      }));
      const { principal } = await signedIn(ctx);
      const out = await passkeys.rename(principal, r.id, r.input.name, requestMeta(ctx));
      return { passkey: passkeyMessage(out.passkey) };
    }),
    DeletePasskey: unary(env, async (req, ctx) => {
      const id = checked((c) => c.id("passkey_id", req.passkey_id));
      const { principal } = await signedIn(ctx);
      await passkeys.remove(principal, id, requestMeta(ctx));
      return {};
    }),
  };
}
