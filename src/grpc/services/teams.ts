/**
 * gRPC `inferadb.management.v1.TeamService`: teams, team members (`manager` flag) and team
 * permissions, calling the same team service as /v1/organizations/{org}/teams/*. Ids are checked
 * (INVALID_ID) and the rest of each request against the route's own input schema
 * (src/services/teams/inputs.ts; VALIDATION_FAILED) before the caller is resolved.
 */

import { paginationOf } from "../../services/context.ts";
import type { GrpcDeps } from "../../services/index.ts";
import {
  TeamCreateInput,
  TeamMemberInput,
  TeamMemberUpdateInput,
  TeamPermissionInput,
  TeamUpdateInput,
} from "../../services/teams/inputs.ts";
import type { TeamServiceHandlers } from "../generated/inferadb/management/v1/TeamService.ts";
import { unary } from "../status.ts";
import {
  type CallCtx,
  callEnv,
  callOptions,
  checked,
  principalOf,
  type RequestCheck,
} from "./call.ts";

export const TEAM_SERVICE = "inferadb.management.v1.TeamService";

/** The organization and team ids of a request, checked. */
function teamIds(c: RequestCheck, req: { organization_id: string; team_id: string }) {
  return { org: c.id("organization_id", req.organization_id), team: c.id("team_id", req.team_id) };
}

export function teamService(deps: GrpcDeps, log = deps.log): TeamServiceHandlers {
  const env = callEnv(deps, log);
  const { teams } = deps.services;
  const caller = async (ctx: CallCtx) => (await principalOf(deps, ctx)).principal;

  return {
    CreateTeam: unary(env, async (req, ctx) => {
      const r = checked((c) => ({
        org: c.id("organization_id", req.organization_id),
        input: c.input(TeamCreateInput, req),
      }));
      return teams.create(await caller(ctx), r.org, r.input, callOptions(ctx));
    }),
    ListTeams: unary(env, async (req, ctx) => {
      const { org, page } = checked((c) => ({
        org: c.id("organization_id", req.organization_id),
        page: c.page(req),
      }));
      const { teams: list, total } = await teams.list(await caller(ctx), org, page);
      return { teams: list, pagination: paginationOf(page, total, list.length) };
    }),
    GetTeam: unary(env, async (req, ctx) => {
      const { org, team } = checked((c) => teamIds(c, req));
      return teams.get(await caller(ctx), org, team);
    }),
    UpdateTeam: unary(env, async (req, ctx) => {
      const r = checked((c) => ({ ...teamIds(c, req), input: c.input(TeamUpdateInput, req) }));
      return teams.update(await caller(ctx), r.org, r.team, r.input, callOptions(ctx));
    }),
    DeleteTeam: unary(env, async (req, ctx) => {
      const { org, team } = checked((c) => teamIds(c, req));
      await teams.delete(await caller(ctx), org, team, callOptions(ctx));
      return {};
    }),
    AddTeamMember: unary(env, async (req, ctx) => {
      const r = checked((c) => ({ ...teamIds(c, req), input: c.input(TeamMemberInput, req) }));
      return teams.addMember(await caller(ctx), r.org, r.team, r.input, callOptions(ctx));
    }),
    ListTeamMembers: unary(env, async (req, ctx) => {
      const r = checked((c) => ({ ...teamIds(c, req), page: c.page(req) }));
      const { members, total } = await teams.listMembers(await caller(ctx), r.org, r.team, r.page);
      return { members, pagination: paginationOf(r.page, total, members.length) };
    }),
    GetTeamMember: unary(env, async (req, ctx) => {
      const r = checked((c) => ({ ...teamIds(c, req), member: c.id("member_id", req.member_id) }));
      return teams.getMember(await caller(ctx), r.org, r.team, r.member);
    }),
    UpdateTeamMember: unary(env, async (req, ctx) => {
      const r = checked((c) => ({
        ...teamIds(c, req),
        member: c.id("member_id", req.member_id),
        input: c.input(TeamMemberUpdateInput, req),
      }));
      const p = await caller(ctx);
      return teams.updateMember(p, r.org, r.team, r.member, r.input.manager, callOptions(ctx));
    }),
    RemoveTeamMember: unary(env, async (req, ctx) => {
      const r = checked((c) => ({ ...teamIds(c, req), member: c.id("member_id", req.member_id) }));
      await teams.removeMember(await caller(ctx), r.org, r.team, r.member, callOptions(ctx));
      return {};
    }),
    GrantTeamPermission: unary(env, async (req, ctx) => {
      const r = checked((c) => ({ ...teamIds(c, req), input: c.input(TeamPermissionInput, req) }));
      const p = await caller(ctx);
      return teams.grantPermission(p, r.org, r.team, r.input.permission, callOptions(ctx));
    }),
    ListTeamPermissions: unary(env, async (req, ctx) => {
      const { org, team } = checked((c) => teamIds(c, req));
      return teams.listPermissions(await caller(ctx), org, team);
    }),
    RevokeTeamPermission: unary(env, async (req, ctx) => {
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
    }),
  };
}
