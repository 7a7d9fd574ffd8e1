/**
 * gRPC `inferadb.management.v1.UserService`: the signed-in user's profile, sessions and email
 * addresses, calling the same identity services as /v1/users/*. Every call resolves the caller
 * from `authorization` metadata first.
 */
import type { UntypedServiceImplementation } from "@grpc/grpc-js";
import type { GrpcDeps } from "../../services/index.ts";
import { paginationOf } from "../../services/pagination.ts";
import { unary } from "../status.ts";
import { type CallCtx, checked, principalOf, requestMeta } from "./call.ts";

export const USER_SERVICE = "inferadb.management.v1.UserService";

type Paged = { limit?: number; offset?: number };

export function userService(deps: GrpcDeps, log = deps.log): UntypedServiceImplementation {
  const { users, sessions, emails } = deps.services.identity;
  const signedIn = (ctx: CallCtx) => principalOf(deps, ctx);

  return {
    GetMe: unary(log, async (_req, ctx) => ({ user: (await signedIn(ctx)).user })),
    UpdateMe: unary<{ name?: string; accept_tos?: boolean }, unknown>(log, async (req, ctx) => {
      checked((c) => c.bounded("name", req.name, "name"));
      const { principal } = await signedIn(ctx);
      const input = { name: req.name, accept_tos: req.accept_tos };
      return { user: await users.update(principal, input, requestMeta(ctx)) };
    }),
    DeleteMe: unary(log, async (_req, ctx) => {
      const { principal } = await signedIn(ctx);
      await users.remove(principal, requestMeta(ctx));
      return {};
    }),
    ListSessions: unary(log, async (_req, ctx) => {
      const { principal } = await signedIn(ctx);
      const list = await sessions.list(principal);
      return { sessions: list, count: list.length };
    }),
    RevokeSession: unary<{ session_id: string }, unknown>(log, async (req, ctx) => {
      const id = checked((c) => c.id("session_id", req.session_id));
      const { principal } = await signedIn(ctx);
      await sessions.revoke(principal, id, requestMeta(ctx));
      return {};
    }),
    RevokeOtherSessions: unary(log, async (_req, ctx) => {
      const { principal } = await signedIn(ctx);
      const n = await sessions.revokeOthers(principal, requestMeta(ctx));
      return { revoked_count: n, message: `Revoked ${n} other session(s)` };
    }),
    ListEmails: unary<Paged, unknown>(log, async (req, ctx) => {
      const page = checked((c) => c.page(req));
      const { principal } = await signedIn(ctx);
      const all = await emails.list(principal);
      const items = all.slice(page.offset, page.offset + page.limit);
      return { emails: items, pagination: paginationOf(page, all.length, items.length) };
    }),
    AddEmail: unary<{ email: string }, unknown>(log, async (req, ctx) => {
      checked((c) => c.bounded("email", req.email, "email"));
      const { principal } = await signedIn(ctx);
      return { email: await emails.add(principal, req.email, requestMeta(ctx)) };
    }),
    SetPrimaryEmail: unary<{ email_id: string; is_primary?: boolean }, unknown>(
      log,
      async (req, ctx) => {
        const r = checked((c) => ({
          id: c.id("email_id", req.email_id),
          primary: c.required("is_primary", req.is_primary),
        }));
        const { principal } = await signedIn(ctx);
        return {
          email: await emails.setPrimary(principal, r.id, r.primary, requestMeta(ctx)),
        };
      },
    ),
    DeleteEmail: unary<{ email_id: string }, unknown>(log, async (req, ctx) => {
      const id = checked((c) => c.id("email_id", req.email_id));
      const { principal } = await signedIn(ctx);
      await emails.remove(principal, id, requestMeta(ctx));
      return {};
    }),
    ResendVerification: unary<{ email_id: string }, unknown>(log, async (req, ctx) => {
      const id = checked((c) => c.id("email_id", req.email_id));
      const { principal } = await signedIn(ctx);
      await emails.resendVerification(principal, id, requestMeta(ctx));
      return { message: "Verification email sent" };
    }),
  };
}
