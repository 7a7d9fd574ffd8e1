/**
 * gRPC `inferadb.management.v1.AuthService`: register, password login, logout, email verification
 * and password reset, calling the same identity services as /v1/auth/*. Register and login spend
 * the same per-IP limits as HTTP (the peer address). The session credential, a cookie over HTTP,
 * is returned once in `session_token`.
 */
import type { UntypedServiceImplementation } from "@grpc/grpc-js";
import { CommonErrors } from "../../lib/errors.ts";
import type { RequestMeta } from "../../services/identity.ts";
import type { GrpcDeps } from "../../services/index.ts";
import { unary } from "../status.ts";
import { checked, presentedToken, requestMeta } from "./call.ts";

export const AUTH_SERVICE = "inferadb.management.v1.AuthService";

interface Credentials {
  email: string;
  password: string;
}

export function authService(deps: GrpcDeps, log = deps.log): UntypedServiceImplementation {
  const { auth, sessions, emails } = deps.services.identity;

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
    Register: unary<Credentials & { name: string }, unknown>(log, async (req, ctx) => {
      checked((c) => [
        c.bounded("name", req.name, "name"),
        c.bounded("email", req.email, "email"),
        c.bounded("password", req.password, "password"),
      ]);
      const meta = requestMeta(ctx);
      await spendIpLimit("registration", meta);
      const r = await auth.register(
        { name: req.name, email: req.email, password: req.password },
        meta,
      );
      return {
        user_id: r.user.id,
        name: r.user.name,
        email: r.email,
        session_id: r.session.record.id,
        session_token: r.session.token,
      };
    }),
    LoginPassword: unary<Credentials, unknown>(log, async (req, ctx) => {
      checked((c) => [
        c.bounded("email", req.email, "email"),
        c.bounded("password", req.password, "password"),
      ]);
      const meta = requestMeta(ctx);
      await spendIpLimit("login", meta);
      const r = await auth.login(req.email, req.password, meta);
      return {
        user_id: r.user.id,
        name: r.user.name,
        session_id: r.session.record.id,
        session_token: r.session.token,
      };
    }),
    Logout: unary<unknown, unknown>(log, async (_req, ctx) => {
      await sessions.logout(presentedToken(ctx) ?? undefined, requestMeta(ctx));
      return { message: "Logged out successfully" };
    }),
    VerifyEmail: unary<{ token: string }, unknown>(log, async (req, ctx) => {
      checked((c) => c.bounded("token", req.token, "token"));
      const r = await emails.verify(req.token, requestMeta(ctx));
      return {
        message: r.already ? "Email already verified" : "Email verified successfully",
        email: r.email,
      };
    }),
    RequestPasswordReset: unary<{ email: string }, unknown>(log, async (req, ctx) => {
      checked((c) => c.bounded("email", req.email, "email"));
      await auth.requestPasswordReset(req.email, requestMeta(ctx));
      return { message: "If the email exists, a reset link has been sent" };
    }),
    ConfirmPasswordReset: unary<{ token: string; new_password: string }, unknown>(
      log,
      async (req, ctx) => {
        checked((c) => [
          c.bounded("token", req.token, "token"),
          c.bounded("new_password", req.new_password, "password"),
        ]);
        await auth.confirmPasswordReset(req.token, req.new_password, requestMeta(ctx));
        return { message: "Password reset successfully" };
      },
    ),
  };
}
