/**
 * gRPC `inferadb.management.v1.OrganizationService`: organizations, members, invitations,
 * ownership transfer, suspend/resume, leave, the invitee's inbox and the audit log, calling the
 * same services as /v1/organizations/* and /v1/users/invitations/*. Ids are checked (INVALID_ID)
 * and the rest of each request against the route's own input schema
 * (src/services/{organizations,invitations,audit}/inputs.ts; VALIDATION_FAILED) before the
 * caller is resolved.
 */
import type { OrganizationView } from "../../domain/organizations/views.ts";
import { AuditQueryInput } from "../../services/audit/inputs.ts";
import { paginationOf } from "../../services/context.ts";
import type { GrpcDeps } from "../../services/index.ts";
import { AcceptInvitationInput, InvitationInput } from "../../services/invitations/inputs.ts";
import {
  MemberRoleInput,
  OrgNameInput,
  TransferInput,
} from "../../services/organizations/inputs.ts";
import type { AuditLog } from "../generated/inferadb/management/v1/AuditLog.ts";
import type { Organization } from "../generated/inferadb/management/v1/Organization.ts";
import type { OrganizationServiceHandlers } from "../generated/inferadb/management/v1/OrganizationService.ts";
import { unary } from "../status.ts";
import { type CallCtx, callEnv, callOptions, checked, principalOf } from "./call.ts";

export const ORGANIZATION_SERVICE = "inferadb.management.v1.OrganizationService";

type OrgReq = { organization_id: string };

/** An organization as the proto's message: no suspension time is an absent `suspended_at`. */
function organizationMessage(o: OrganizationView): Organization {
  return {
    id: o.id,
    name: o.name,
    tier: o.tier,
    role: o.role,
    suspended: o.suspended,
    created_at: o.created_at,
    updated_at: o.updated_at,
    suspended_at: o.suspended_at ?? undefined,
  };
}

/** `{ organization }` replies, converted. */
function withOrganization(r: { organization: OrganizationView }) {
  return { organization: organizationMessage(r.organization) };
}

/**
 * An audit event (the service's JSON object) as the proto's AuditLog: `event_data` travels
 * JSON-encoded, null fields are absent.
 */
function auditLogMessage(e: Record<string, unknown>): AuditLog {
  const text = (k: string) => {
    const v = e[k];
    return typeof v === "string" ? v : undefined;
  };
  return {
    id: text("id"),
    organization_id: text("organization_id"),
    user_id: text("user_id"),
    client_id: text("client_id"),
    event_type: text("event_type"),
    resource_type: text("resource_type"),
    resource_id: text("resource_id"),
    event_data_json: e.event_data == null ? undefined : JSON.stringify(e.event_data),
    ip_address: text("ip_address"),
    user_agent: text("user_agent"),
    created_at: text("created_at"),
  };
}

export function organizationService(deps: GrpcDeps, log = deps.log): OrganizationServiceHandlers {
  const env = callEnv(deps, log);
  const { organizations: orgs, invitations, audit } = deps.services;
  const caller = async (ctx: CallCtx) => (await principalOf(deps, ctx)).principal;
  const orgId = (req: OrgReq) => checked((c) => c.id("organization_id", req.organization_id));

  return {
    Create: unary(env, async (req, ctx) => {
      const input = checked((c) => c.input(OrgNameInput, req));
      return withOrganization(await orgs.create(await caller(ctx), input, callOptions(ctx)));
    }),
    List: unary(env, async (req, ctx) => {
      const page = checked((c) => c.page(req));
      const { organizations, total } = await orgs.listMine(await caller(ctx), page);
      return {
        organizations: organizations.map(organizationMessage),
        pagination: paginationOf(page, total, organizations.length),
      };
    }),
    Get: unary(env, async (req, ctx) => {
      const org = orgId(req);
      return withOrganization(await orgs.get(await caller(ctx), org));
    }),
    Update: unary(env, async (req, ctx) => {
      const r = checked((c) => ({
        org: c.id("organization_id", req.organization_id),
        input: c.input(OrgNameInput, req),
      }));
      return withOrganization(
        await orgs.update(await caller(ctx), r.org, r.input, callOptions(ctx)),
      );
    }),
    Delete: unary(env, async (req, ctx) => {
      const org = orgId(req);
      await orgs.delete(await caller(ctx), org, callOptions(ctx));
      return {};
    }),
    Suspend: unary(env, async (req, ctx) => {
      const org = orgId(req);
      return withOrganization(await orgs.suspend(await caller(ctx), org, callOptions(ctx)));
    }),
    Resume: unary(env, async (req, ctx) => {
      const org = orgId(req);
      return withOrganization(await orgs.resume(await caller(ctx), org, callOptions(ctx)));
    }),
    Leave: unary(env, async (req, ctx) => {
      const org = orgId(req);
      await orgs.leave(await caller(ctx), org, callOptions(ctx));
      return {};
    }),
    ListMembers: unary(env, async (req, ctx) => {
      const { org, page } = checked((c) => ({
        org: c.id("organization_id", req.organization_id),
        page: c.page(req),
      }));
      const { members, total } = await orgs.listMembers(await caller(ctx), org, page);
      return { members, pagination: paginationOf(page, total, members.length) };
    }),
    UpdateMemberRole: unary(env, async (req, ctx) => {
      const r = checked((c) => ({
        org: c.id("organization_id", req.organization_id),
        member: c.id("member_id", req.member_id),
        input: c.input(MemberRoleInput, req),
      }));
      const p = await caller(ctx);
      return orgs.changeRole(p, r.org, r.member, r.input.role, callOptions(ctx));
    }),
    RemoveMember: unary(env, async (req, ctx) => {
      const r = checked((c) => ({
        org: c.id("organization_id", req.organization_id),
        member: c.id("member_id", req.member_id),
      }));
      await orgs.removeMember(await caller(ctx), r.org, r.member, callOptions(ctx));
      return {};
    }),
    CreateInvitation: unary(env, async (req, ctx) => {
      const r = checked((c) => ({
        org: c.id("organization_id", req.organization_id),
        input: c.input(InvitationInput, req),
      }));
      return invitations.create(await caller(ctx), r.org, r.input, callOptions(ctx));
    }),
    ListInvitations: unary(env, async (req, ctx) => {
      const { org, page } = checked((c) => ({
        org: c.id("organization_id", req.organization_id),
        page: c.page(req),
      }));
      const { invitations: list, total } = await invitations.list(await caller(ctx), org, page);
      return { invitations: list, pagination: paginationOf(page, total, list.length) };
    }),
    DeleteInvitation: unary(env, async (req, ctx) => {
      const r = checked((c) => ({
        org: c.id("organization_id", req.organization_id),
        invitation: c.id("invitation_id", req.invitation_id),
      }));
      await invitations.delete(await caller(ctx), r.org, r.invitation, callOptions(ctx));
      return {};
    }),
    AcceptInvitation: unary(env, async (req, ctx) => {
      const input = checked((c) => c.input(AcceptInvitationInput, req));
      const p = await caller(ctx);
      return withOrganization(await invitations.accept(p, input.token, callOptions(ctx)));
    }),
    ListMyInvitations: unary(env, async (req, ctx) => {
      const page = checked((c) => c.page(req));
      const { invitations: list, total } = await invitations.inbox(await caller(ctx), page);
      return { invitations: list, pagination: paginationOf(page, total, list.length) };
    }),
    DeclineInvitation: unary(env, async (req, ctx) => {
      const id = checked((c) => c.id("invitation_id", req.invitation_id));
      await invitations.decline(await caller(ctx), id, callOptions(ctx));
      return { message: "Invitation declined" };
    }),
    TransferOwnership: unary(env, async (req, ctx) => {
      const r = checked((c) => ({
        org: c.id("organization_id", req.organization_id),
        input: c.input(TransferInput, req),
      }));
      const p = await caller(ctx);
      return orgs.transferOwnership(p, r.org, r.input.new_owner_user_id, callOptions(ctx));
    }),
    ListAuditLogs: unary(env, async (req, ctx) => {
      const r = checked((c) => ({
        org: c.id("organization_id", req.organization_id),
        query: c.input(AuditQueryInput, req),
      }));
      const page = await audit.list(await caller(ctx), r.org, r.query);
      return {
        audit_logs: page.audit_logs.map(auditLogMessage),
        next_cursor: page.next_cursor ?? undefined,
      };
    }),
  };
}
