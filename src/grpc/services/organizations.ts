/**
 * gRPC `inferadb.management.v1.OrganizationService`: organizations, members, invitations,
 * ownership transfer, suspend/resume, leave, the invitee's inbox and the audit log, calling the
 * same organization services as /v1/organizations/* and /v1/users/invitations/*. Ids are checked
 * (INVALID_ID) and roles spelt as in HTTP (VALIDATION_FAILED) before the caller is resolved.
 */
import type { UntypedServiceImplementation } from "@grpc/grpc-js";
import { ORG_ROLES } from "../../domain/organizations/types.ts";
import type { GrpcDeps } from "../../services/index.ts";
import { paginationOf } from "../../services/pagination.ts";
import { unary } from "../status.ts";
import { type CallCtx, callOptions, checked, principalOf } from "./call.ts";

export const ORGANIZATION_SERVICE = "inferadb.management.v1.OrganizationService";

type Paged = { limit?: number; offset?: number };
type OrgReq = { organization_id: string };

interface AuditRequest extends OrgReq {
  action?: string;
  actor?: string;
  resource_type?: string;
  start_date?: string;
  end_date?: string;
  limit?: number;
  cursor?: string;
}

/** An audit event as the proto's AuditLog: `event_data` travels JSON-encoded. */
function auditLogMessage(e: Record<string, unknown>) {
  const { event_data, ...rest } = e;
  return event_data == null ? rest : { ...rest, event_data_json: JSON.stringify(event_data) };
}

export function organizationService(deps: GrpcDeps, log = deps.log): UntypedServiceImplementation {
  const { organizations: orgs, invitations, audit } = deps.services.orgs;
  const caller = async (ctx: CallCtx) => (await principalOf(deps, ctx)).principal;
  const orgId = (req: OrgReq) => checked((c) => c.id("organization_id", req.organization_id));

  return {
    Create: unary<{ name: string }, unknown>(log, async (req, ctx) => {
      checked((c) => c.bounded("name", req.name, "name"));
      return orgs.create(await caller(ctx), { name: req.name }, callOptions(ctx));
    }),
    List: unary<Paged, unknown>(log, async (req, ctx) => {
      const page = checked((c) => c.page(req));
      const { organizations, total } = await orgs.listMine(await caller(ctx), page);
      return { organizations, pagination: paginationOf(page, total, organizations.length) };
    }),
    Get: unary<OrgReq, unknown>(log, async (req, ctx) => {
      const org = orgId(req);
      return orgs.get(await caller(ctx), org);
    }),
    Update: unary<OrgReq & { name: string }, unknown>(log, async (req, ctx) => {
      const org = checked((c) => {
        c.bounded("name", req.name, "name");
        return c.id("organization_id", req.organization_id);
      });
      return orgs.update(await caller(ctx), org, { name: req.name }, callOptions(ctx));
    }),
    Delete: unary<OrgReq, unknown>(log, async (req, ctx) => {
      const org = orgId(req);
      await orgs.delete(await caller(ctx), org, callOptions(ctx));
      return {};
    }),
    Suspend: unary<OrgReq, unknown>(log, async (req, ctx) => {
      const org = orgId(req);
      return orgs.suspend(await caller(ctx), org, callOptions(ctx));
    }),
    Resume: unary<OrgReq, unknown>(log, async (req, ctx) => {
      const org = orgId(req);
      return orgs.resume(await caller(ctx), org, callOptions(ctx));
    }),
    Leave: unary<OrgReq, unknown>(log, async (req, ctx) => {
      const org = orgId(req);
      await orgs.leave(await caller(ctx), org, callOptions(ctx));
      return {};
    }),
    ListMembers: unary<OrgReq & Paged, unknown>(log, async (req, ctx) => {
      const { org, page } = checked((c) => ({
        org: c.id("organization_id", req.organization_id),
        page: c.page(req),
      }));
      const { members, total } = await orgs.listMembers(await caller(ctx), org, page);
      return { members, pagination: paginationOf(page, total, members.length) };
    }),
    UpdateMemberRole: unary<OrgReq & { member_id: string; role: string }, unknown>(
      log,
      async (req, ctx) => {
        const r = checked((c) => ({
          org: c.id("organization_id", req.organization_id),
          member: c.id("member_id", req.member_id),
          role: c.oneOf("role", req.role, ORG_ROLES),
        }));
        return orgs.changeRole(await caller(ctx), r.org, r.member, r.role, callOptions(ctx));
      },
    ),
    RemoveMember: unary<OrgReq & { member_id: string }, unknown>(log, async (req, ctx) => {
      const r = checked((c) => ({
        org: c.id("organization_id", req.organization_id),
        member: c.id("member_id", req.member_id),
      }));
      await orgs.removeMember(await caller(ctx), r.org, r.member, callOptions(ctx));
      return {};
    }),
    CreateInvitation: unary<OrgReq & { email: string; role: string }, unknown>(
      log,
      async (req, ctx) => {
        const r = checked((c) => ({
          org: c.id("organization_id", req.organization_id),
          email: c.bounded("email", req.email, "email"),
          role: c.oneOf("role", req.role, ORG_ROLES),
        }));
        const input = { email: req.email, role: r.role };
        return invitations.create(await caller(ctx), r.org, input, callOptions(ctx));
      },
    ),
    ListInvitations: unary<OrgReq & Paged, unknown>(log, async (req, ctx) => {
      const { org, page } = checked((c) => ({
        org: c.id("organization_id", req.organization_id),
        page: c.page(req),
      }));
      const { invitations: list, total } = await invitations.list(await caller(ctx), org, page);
      return { invitations: list, pagination: paginationOf(page, total, list.length) };
    }),
    DeleteInvitation: unary<OrgReq & { invitation_id: string }, unknown>(log, async (req, ctx) => {
      const r = checked((c) => ({
        org: c.id("organization_id", req.organization_id),
        invitation: c.id("invitation_id", req.invitation_id),
      }));
      await invitations.delete(await caller(ctx), r.org, r.invitation, callOptions(ctx));
      return {};
    }),
    AcceptInvitation: unary<{ token: string }, unknown>(log, async (req, ctx) => {
      checked((c) => c.bounded("token", req.token, "token"));
      return invitations.accept(await caller(ctx), req.token, callOptions(ctx));
    }),
    ListMyInvitations: unary<Paged, unknown>(log, async (req, ctx) => {
      const page = checked((c) => c.page(req));
      const { invitations: list, total } = await invitations.inbox(await caller(ctx), page);
      return { invitations: list, pagination: paginationOf(page, total, list.length) };
    }),
    DeclineInvitation: unary<{ invitation_id: string }, unknown>(log, async (req, ctx) => {
      const id = checked((c) => c.id("invitation_id", req.invitation_id));
      await invitations.decline(await caller(ctx), id, callOptions(ctx));
      return { message: "Invitation declined" };
    }),
    TransferOwnership: unary<OrgReq & { new_owner_user_id: string }, unknown>(
      log,
      async (req, ctx) => {
        const r = checked((c) => ({
          org: c.id("organization_id", req.organization_id),
          owner: c.id("new_owner_user_id", req.new_owner_user_id),
        }));
        return orgs.transferOwnership(await caller(ctx), r.org, r.owner, callOptions(ctx));
      },
    ),
    ListAuditLogs: unary<AuditRequest, unknown>(log, async (req, ctx) => {
      const { org, actor, limit } = checked((c) => ({
        org: c.id("organization_id", req.organization_id),
        actor: c.optionalId("actor", req.actor),
        limit: c.nonNegative("limit", req.limit),
        bounded: [
          c.bounded("action", req.action, "filter"),
          c.bounded("resource_type", req.resource_type, "filter"),
          c.bounded("start_date", req.start_date, "date"),
          c.bounded("end_date", req.end_date, "date"),
          c.bounded("cursor", req.cursor, "cursor"),
        ],
      }));
      const page = await audit.list(await caller(ctx), org, {
        action: req.action,
        actor,
        resource_type: req.resource_type,
        start_date: req.start_date,
        end_date: req.end_date,
        limit,
        cursor: req.cursor,
      });
      return { audit_logs: page.audit_logs.map(auditLogMessage), next_cursor: page.next_cursor };
    }),
  };
}
