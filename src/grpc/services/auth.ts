/**
 * gRPC `inferadb.management.v1.AuthService`: register, password login, logout, email verification
 * and password reset, calling the same services as /v1/auth/*, each request checked against the
 * route's own input schema (src/services/auth/inputs.ts). Register and login spend the same
 * per-IP limits as HTTP (the peer address). The session credential is returned once in
 * `session_token`, as HTTP answers it (beside its cookie).
 *
 * Passkey sign-in (docs/passkeys.md) calls the same `PasskeyService` as /v1/auth/passkey/*: the
 * WebAuthn options go out as a JSON text (`options_json`) and the authenticator's response comes
 * in as one (`credential_json`), parsed within bounds and checked against the route's schema.
 *
 * Native-app sign-in (docs/cli-sign-in.md, "gRPC") calls the same `OAuthService` as
 * /v1/auth/cli/* and the /oauth/token and /oauth/device_authorization forms: AuthorizeCli (session)
 * and ExchangeCliCode take the JSON routes' schemas; ExchangeNativeToken and
 * StartDeviceAuthorization the form's (every field optional and bounded, so a missing or wrong
 * one gets the RFC's answer from the service, as its stable code in `x-error-code`).
 */
import { Type } from "@sinclair/typebox";
import { CommonErrors } from "../../lib/errors.ts";
import {
  LoginInput,
  PasswordResetConfirmInput,
  PasswordResetRequestInput,
  RegisterInput,
  VerifyEmailInput,
} from "../../services/auth/inputs.ts";
import type { RequestMeta } from "../../services/context.ts";
import type { GrpcDeps } from "../../services/index.ts";
import { CliAuthorizeInput, CliTokenInput, OAuthForm } from "../../services/oauth/inputs.ts";
import {
  AuthenticationOptionsInput,
  AuthenticationVerifyInput,
} from "../../services/passkeys/inputs.ts";
import type { AuthServiceHandlers } from "../generated/inferadb/management/v1/AuthService.ts";
import { unary } from "../status.ts";
import { callEnv, checked, presentedToken, principalOf, requestMeta } from "./call.ts";

export const AUTH_SERVICE = "inferadb.management.v1.AuthService";

/** The token form's fields but `scope` (the token endpoint takes the scope of the grant). */
const NativeTokenInput = Type.Omit(OAuthForm, ["scope"]);
/** The device authorization form's fields. */
const DeviceAuthorizationInput = Type.Pick(OAuthForm, ["client_id", "scope"]);

export function authService(deps: GrpcDeps, log = deps.log): AuthServiceHandlers {
  const env = callEnv(deps, log);
  const { auth, sessions, emails, passkeys, oauth } = deps.services;

  /** The per-IP limit of `kind` (the one HTTP's rate-limit hook spends); RATE_LIMITED when over. */
  async function spendIpLimit(kind: "login" | "registration", meta: RequestMeta) {
    const d = await auth.checkIpLimit(kind, meta.ip);
    if (!d.allowed) {
      throw CommonErrors.RATE_LIMITED(`Too many ${kind} attempts; try again later`, {
        retryAfterSeconds: d.resetSec,
      });
    }
  }

  return {
    Register: unary(env, async (req, ctx) => {
      const input = checked((c) => c.input(RegisterInput, req));
      const meta = requestMeta(ctx);
      await spendIpLimit("registration", meta);
      const r = await auth.register(input, meta);
      return {
        user_id: r.user.id,
        name: r.user.name,
        email: r.email,
        session_id: r.session.record.id,
        session_token: r.session.token,
      };
    }),
    LoginPassword: unary(env, async (req, ctx) => {
      const input = checked((c) => c.input(LoginInput, req));
      const meta = requestMeta(ctx);
      await spendIpLimit("login", meta);
      const r = await auth.login(input.email, input.password, meta);
      return {
        user_id: r.user.id,
        name: r.user.name,
        session_id: r.session.record.id,
        session_token: r.session.token,
      };
    }),
    Logout: unary(env, async (_req, ctx) => {
      await sessions.logout(presentedToken(ctx) ?? undefined, requestMeta(ctx));
      return { message: "Logged out successfully" };
    }),
    VerifyEmail: unary(env, async (req, ctx) => {
      const input = checked((c) => c.input(VerifyEmailInput, req));
      const r = await emails.verify(input.token, requestMeta(ctx));
      return {
        message: r.already ? "Email already verified" : "Email verified successfully",
        email: r.email,
      };
    }),
    RequestPasswordReset: unary(env, async (req, ctx) => {
      const input = checked((c) => c.input(PasswordResetRequestInput, req));
      await auth.requestPasswordReset(input.email, requestMeta(ctx));
      return { message: "If the email exists, a reset link has been sent" };
    }),
    ConfirmPasswordReset: unary(env, async (req, ctx) => {
      const input = checked((c) => c.input(PasswordResetConfirmInput, req));
      await auth.confirmPasswordReset(input.token, input.new_password, requestMeta(ctx));
      return { message: "Password reset successfully" };
    }),
    BeginPasskeySignIn: unary(env, async (req, ctx) => {
      const input = checked((c) => c.input(AuthenticationOptionsInput, req));
      await spendIpLimit("login", requestMeta(ctx));
      const { options } = await passkeys.authenticationOptions(input);
      return { options_json: JSON.stringify(options) };
    }),
    FinishPasskeySignIn: unary(env, async (req, ctx) => {
      const input = checked((c) => c.jsonInput(AuthenticationVerifyInput, ["credential"], req));
      const meta = requestMeta(ctx);
      await spendIpLimit("login", meta);
      // The schema checked the shape; @simplewebauthn/server verifies the rest (as over HTTP).
      const r = await passkeys.authenticationVerify(input as never, meta);
      return {
        user_id: r.user.id,
        name: r.user.name,
        session_id: r.session.record.id,
        session_token: r.session.token,
      };
    }),
    AuthorizeCli: unary(env, async (req, ctx) => {
      const input = checked((c) => c.input(CliAuthorizeInput, req));
      const { principal } = await principalOf(deps, ctx);
      return oauth.cliAuthorize(principal, input, requestMeta(ctx));
    }),
    ExchangeCliCode: unary(env, async (req, ctx) => {
      const input = checked((c) => c.input(CliTokenInput, req));
      return oauth.cliToken(input, requestMeta(ctx));
    }),
    ExchangeNativeToken: unary(env, async (req, ctx) => {
      const input = checked((c) => c.input(NativeTokenInput, req));
      return oauth.token(input, requestMeta(ctx));
    }),
    StartDeviceAuthorization: unary(env, async (req, ctx) => {
      const input = checked((c) => c.input(DeviceAuthorizationInput, req));
      return oauth.deviceAuthorize(input, requestMeta(ctx));
    }),
  };
}
