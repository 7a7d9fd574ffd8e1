/**
 * gRPC `inferadb.management.v1.TeamService`: teams, team members (`manager` flag) and team
 * permissions, calling the same team service as /v1/organizations/{org}/teams/*. Ids are checked
 * (INVALID_ID) and permissions spelt as in HTTP (VALIDATION_FAILED) before the caller is resolved.
 */
import type { UntypedServiceImplementation } from "@grpc/grpc-js";
import { ORG_PERMISSIONS } from "../../domain/authz/permissions.ts";
import type { GrpcDeps } from "../../services/index.ts";
import { paginationOf } from "../../services/pagination.ts";
import { unary } from "../status.ts";
import { type CallCtx, callOptions, checked, principalOf, type RequestCheck } from "./call.ts";

export const TEAM_SERVICE = "inferadb.management.v1.TeamService";

type Paged = { limit?: number; offset?: number };
type TeamReq = { organization_id: string; team_id: string };

/** The organization and team ids of a request, checked. */
function teamIds(c: RequestCheck, req: TeamReq) {
  return { org: c.id("organization_id", req.organization_id), team: c.id("team_id", req.team_id) };
}

/** A team's name and description within HTTP's outer bounds. */
function boundedTeamFields(c: RequestCheck, req: { name?: string; description?: string }) {
  c.bounded("name", req.name, "name");
  c.bounded("description", req.description, "description");
}

export function teamService(deps: GrpcDeps, log = deps.log): UntypedServiceImplementation {
  const { teams } = deps.services.orgs;
  const caller = async (ctx: CallCtx) => (await principalOf(deps, ctx)).principal;

  return {
    CreateTeam: unary<{ organization_id: string; name: string; description?: string }, unknown>(
      log,
      async (req, ctx) => {
        const org = checked((c) => {
          boundedTeamFields(c, req);
          return c.id("organization_id", req.organization_id);
        });
        const input = { name: req.name, description: req.description };
        return teams.create(await caller(ctx), org, input, callOptions(ctx));
      },
    ),
    ListTeams: unary<{ organization_id: string } & Paged, unknown>(log, async (req, ctx) => {
      const { org, page } = checked((c) => ({
        org: c.id("organization_id", req.organization_id),
        page: c.page(req),
      }));
      const { teams: list, total } = await teams.list(await caller(ctx), org, page);
      return { teams: list, pagination: paginationOf(page, total, list.length) };
    }),
    GetTeam: unary<TeamReq, unknown>(log, async (req, ctx) => {
      const { org, team } = checked((c) => teamIds(c, req));
      return teams.get(await caller(ctx), org, team);
    }),
    UpdateTeam: unary<TeamReq & { name?: string; description?: string }, unknown>(
      log,
      async (req, ctx) => {
        const { org, team } = checked((c) => {
          boundedTeamFields(c, req);
          return teamIds(c, req);
        });
        const input = { name: req.name, description: req.description };
        return teams.update(await caller(ctx), org, team, input, callOptions(ctx));
      },
    ),
    DeleteTeam: unary<TeamReq, unknown>(log, async (req, ctx) => {
      const { org, team } = checked((c) => teamIds(c, req));
      await teams.delete(await caller(ctx), org, team, callOptions(ctx));
      return {};
    }),
    AddTeamMember: unary<TeamReq & { user_id: string; manager?: boolean }, unknown>(
      log,
      async (req, ctx) => {
        const r = checked((c) => ({ ...teamIds(c, req), user: c.id("user_id", req.user_id) }));
        const input = { user_id: r.user, manager: req.manager ?? false };
        return teams.addMember(await caller(ctx), r.org, r.team, input, callOptions(ctx));
      },
    ),
    ListTeamMembers: unary<TeamReq & Paged, unknown>(log, async (req, ctx) => {
      const r = checked((c) => ({ ...teamIds(c, req), page: c.page(req) }));
      const { members, total } = await teams.listMembers(await caller(ctx), r.org, r.team, r.page);
      return { members, pagination: paginationOf(r.page, total, members.length) };
    }),
    UpdateTeamMember: unary<TeamReq & { member_id: string; manager?: boolean }, unknown>(
      log,
      async (req, ctx) => {
        const r = checked((c) => ({
          ...teamIds(c, req),
          member: c.id("member_id", req.member_id),
          manager: c.required("manager", req.manager),
        }));
        const p = await caller(ctx);
        return teams.updateMember(p, r.org, r.team, r.member, r.manager, callOptions(ctx));
      },
    ),
    RemoveTeamMember: unary<TeamReq & { member_id: string }, unknown>(log, async (req, ctx) => {
      const r = checked((c) => ({ ...teamIds(c, req), member: c.id("member_id", req.member_id) }));
      await teams.removeMember(await caller(ctx), r.org, r.team, r.member, callOptions(ctx));
      return {};
    }),
    GrantTeamPermission: unary<TeamReq & { permission: string }, unknown>(log, async (req, ctx) => {
      const r = checked((c) => ({
        ...teamIds(c, req),
        permission: c.oneOf("permission", req.permission, ORG_PERMISSIONS),
      }));
      const p = await caller(ctx);
      return teams.grantPermission(p, r.org, r.team, r.permission, callOptions(ctx));
    }),
    ListTeamPermissions: unary<TeamReq, unknown>(log, async (req, ctx) => {
      const { org, team } = checked((c) => teamIds(c, req));
      return teams.listPermissions(await caller(ctx), org, team);
    }),
    RevokeTeamPermission: unary<TeamReq & { permission_id: string }, unknown>(
      log,
      async (req, ctx) => {
        const r = checked((c) => ({
          ...teamIds(c, req),
          permission: c.id("permission_id", req.permission_id),
        }));
        await teams.revokePermission(
          await caller(ctx),
          r.org,
          r.team,
          r.permission,
          callOptions(ctx),
        );
        return {};
      },
    ),
  };
}
