/**
 * Team, team-member and team-permission operations (docs/organizations.md; docs/http-api.md (A4, A8; the original's defects #29, #34, #35)):
 * pure functions over `OrgState`, run as turns of the organization actor. Team-level roles
 * (managers, members) count through `can()` with the team as the resource.
 */

import { compareIds } from "../../lib/ids.ts";
import { can, type PrincipalContext } from "../authz/can.ts";
import { type Action, type OrgPermission, PERMISSION_STATEMENTS } from "../authz/permissions.ts";
import { recordCascade } from "../organizations/cascades.ts";
import { OrgErrors } from "../organizations/errors.ts";
import { TIER_LIMITS } from "../organizations/limits.ts";
import { type OrgState, sortedValuesOf, withEntry, withNested } from "../organizations/state.ts";
import {
  authorize,
  type OpResult,
  type PageRequest,
  paginate,
  requireMember,
  type TurnEnv,
  type TurnOutput,
} from "../organizations/turn.ts";
import { TeamErrors } from "./errors.ts";
import type { Team, TeamMember, TeamPermission } from "./types.ts";
import { normalizeDescription, normalizeTeamName } from "./validation.ts";
import { teamMemberView, teamPermissionView, teamView } from "./views.ts";
import {
  deleteTeamMemberWrites,
  deleteTeamPermissionWrites,
  deleteTeamWrites,
  putTeamMemberWrites,
  putTeamPermissionWrites,
  putTeamWrites,
} from "./writes.ts";

/** Membership (404), then the team (404), then `can()` with the team as resource (403). */
function teamGuard(state: OrgState, env: TurnEnv, teamId: string, action: Action, write: boolean) {
  requireMember(state, env);
  const team = state.teams.get(teamId);
  if (!team) throw TeamErrors.TEAM_NOT_FOUND();
  const { org, principal } = authorize(state, env, action, { teamId }, { write });
  return { org, team, principal };
}

/**
 * Joining a team (or managing it) hands out every permission the team holds, so whoever shapes
 * its membership must hold each of them already: delegation never grants what the delegator
 * lacks. Without this, a MEMBER with ORG_PERM_TEAM_MANAGE_MEMBERS could add themselves to any
 * team and collect all of its permissions. OWNER and ADMIN hold every delegable action; a team's
 * own manager holds its permissions through the team.
 */
function assertHoldsTeamPermissions(
  state: OrgState,
  principal: PrincipalContext,
  teamId: string,
): void {
  for (const perm of state.teamPermissions.get(teamId)?.keys() ?? []) {
    if (!PERMISSION_STATEMENTS[perm].every((action) => can(principal, action))) {
      throw OrgErrors.ORG_FORBIDDEN();
    }
  }
}

function assertNameFree(state: OrgState, name: string, exceptId?: string): void {
  const lower = name.toLowerCase();
  for (const t of state.teams.values()) {
    if (t.id !== exceptId && t.name.toLowerCase() === lower) throw TeamErrors.TEAM_NAME_TAKEN();
  }
}

export function createTeam(
  state: OrgState,
  input: { name: string; description?: string | null },
  env: TurnEnv,
  out: TurnOutput,
) {
  const { org } = authorize(state, env, "team:create", undefined, { write: true });
  const name = normalizeTeamName(input.name);
  const description = normalizeDescription(input.description);
  const max = TIER_LIMITS[org.tier].teams;
  if (state.teams.size >= max) {
    throw TeamErrors.TEAM_LIMIT(
      `Organization has reached the maximum number of teams (${max}) for tier ${org.tier}`,
    );
  }
  assertNameFree(state, name);
  const team: Team = {
    id: env.newId(),
    org_id: org.id,
    name,
    description,
    created_at: env.now,
    updated_at: env.now,
  };
  out.write(putTeamWrites(team));
  out.event({
    event_type: "team_created",
    resource_type: "team",
    resource_id: team.id,
    data: { name },
  });
  return {
    state: { ...state, teams: withEntry(state.teams, team.id, team) },
    reply: { team: teamView(team) },
  };
}

const teamsById = sortedValuesOf<Team>((a, b) => compareIds(a.id, b.id));

export function listTeams(state: OrgState, page: PageRequest, env: TurnEnv) {
  authorize(state, env, "team:read");
  const all = teamsById(state.teams);
  const p = paginate(all, page);
  return { state, reply: { teams: p.items.map(teamView), total: p.total } };
}

export function getTeam(state: OrgState, input: { teamId: string }, env: TurnEnv) {
  const { team } = teamGuard(state, env, input.teamId, "team:read", false);
  return { state, reply: { team: teamView(team) } };
}

export function updateTeam(
  state: OrgState,
  input: { teamId: string; name?: string | null; description?: string | null },
  env: TurnEnv,
  out: TurnOutput,
) {
  const { team } = teamGuard(state, env, input.teamId, "team:update", true);
  const name = input.name == null ? team.name : normalizeTeamName(input.name);
  const description =
    input.description == null ? team.description : normalizeDescription(input.description);
  assertNameFree(state, name, team.id);
  const next: Team = { ...team, name, description, updated_at: env.now };
  out.write(putTeamWrites(next));
  out.event({
    event_type: "team_updated",
    resource_type: "team",
    resource_id: team.id,
    data: { name },
  });
  return {
    state: { ...state, teams: withEntry(state.teams, next.id, next) },
    reply: { team: teamView(next) },
  };
}

/** Deletes a team with its members and permissions; the name is free again. */
export function deleteTeam(
  state: OrgState,
  input: { teamId: string },
  env: TurnEnv,
  out: TurnOutput,
): OpResult<null> {
  const { team } = teamGuard(state, env, input.teamId, "team:delete", true);
  out.write(deleteTeamWrites(team));
  // Its vault grants follow (src/domain/organizations/cascades.ts); they match nobody from now on.
  recordCascade(state, "team", team.id, env, out);
  out.event({
    event_type: "team_deleted",
    resource_type: "team",
    resource_id: team.id,
    data: { name: team.name },
  });
  return {
    state: {
      ...state,
      teams: withEntry(state.teams, team.id, undefined),
      teamMembers: withEntry(state.teamMembers, team.id, undefined),
      teamPermissions: withEntry(state.teamPermissions, team.id, undefined),
    },
    reply: null,
  };
}

/** Writes a team member (added or changed) with its audit event; returns the next state and reply. */
function storeTeamMember(
  state: OrgState,
  orgId: string,
  tm: TeamMember,
  eventType: "team_member_added" | "team_member_role_changed",
  out: TurnOutput,
) {
  out.write(putTeamMemberWrites(orgId, tm));
  out.event({
    event_type: eventType,
    resource_type: "team_member",
    resource_id: tm.id,
    data: { team_id: tm.team_id, user_id: tm.user_id, manager: tm.manager },
  });
  return {
    state: { ...state, teamMembers: withNested(state.teamMembers, tm.team_id, tm.user_id, tm) },
    reply: { member: teamMemberView(tm) },
  };
}

export function addTeamMember(
  state: OrgState,
  input: { teamId: string; userId: string; manager: boolean },
  env: TurnEnv,
  out: TurnOutput,
) {
  const { team, org, principal } = teamGuard(state, env, input.teamId, "team_member:add", true);
  assertHoldsTeamPermissions(state, principal, team.id);
  if (!state.members.has(input.userId)) throw TeamErrors.TEAM_MEMBER_NOT_ORG_MEMBER();
  if (state.teamMembers.get(team.id)?.has(input.userId)) throw TeamErrors.TEAM_MEMBER_EXISTS();
  const tm: TeamMember = {
    id: env.newId(),
    team_id: team.id,
    user_id: input.userId,
    manager: input.manager,
    created_at: env.now,
  };
  return storeTeamMember(state, org.id, tm, "team_member_added", out);
}

export function listTeamMembers(
  state: OrgState,
  input: { teamId: string; page: PageRequest },
  env: TurnEnv,
) {
  const { team } = teamGuard(state, env, input.teamId, "team_member:read", false);
  const all = [...(state.teamMembers.get(team.id)?.values() ?? [])].sort((a, b) =>
    compareIds(a.user_id, b.user_id),
  );
  const p = paginate(all, input.page);
  return { state, reply: { members: p.items.map(teamMemberView), total: p.total } };
}

function findTeamMember(state: OrgState, teamId: string, memberId: string): TeamMember {
  for (const tm of state.teamMembers.get(teamId)?.values() ?? []) if (tm.id === memberId) return tm;
  throw TeamErrors.TEAM_MEMBER_NOT_FOUND();
}

/** One member of a team, by its team-membership id (as PATCH and DELETE name it). */
export function getTeamMember(
  state: OrgState,
  input: { teamId: string; memberId: string },
  env: TurnEnv,
) {
  const { team } = teamGuard(state, env, input.teamId, "team_member:read", false);
  return {
    state,
    reply: { member: teamMemberView(findTeamMember(state, team.id, input.memberId)) },
  };
}

export function updateTeamMember(
  state: OrgState,
  input: { teamId: string; memberId: string; manager: boolean },
  env: TurnEnv,
  out: TurnOutput,
) {
  const { team, org, principal } = teamGuard(state, env, input.teamId, "team_member:update", true);
  assertHoldsTeamPermissions(state, principal, team.id);
  const tm = findTeamMember(state, team.id, input.memberId);
  return storeTeamMember(
    state,
    org.id,
    { ...tm, manager: input.manager },
    "team_member_role_changed",
    out,
  );
}

export function removeTeamMember(
  state: OrgState,
  input: { teamId: string; memberId: string },
  env: TurnEnv,
  out: TurnOutput,
): OpResult<null> {
  const { team, org } = teamGuard(state, env, input.teamId, "team_member:remove", true);
  const tm = findTeamMember(state, team.id, input.memberId);
  out.write(deleteTeamMemberWrites(org.id, tm));
  out.event({
    event_type: "team_member_removed",
    resource_type: "team_member",
    resource_id: tm.id,
    data: { team_id: team.id, user_id: tm.user_id },
  });
  return {
    state: { ...state, teamMembers: withNested(state.teamMembers, team.id, tm.user_id, undefined) },
    reply: null,
  };
}

/** Records a granted or revoked permission in the state, with its audit event. */
function permissionChanged(
  state: OrgState,
  tp: TeamPermission,
  eventType: "team_permission_granted" | "team_permission_revoked",
  out: TurnOutput,
): OrgState {
  out.event({
    event_type: eventType,
    resource_type: "team",
    resource_id: tp.team_id,
    data: { permission: tp.permission, permission_id: tp.id },
  });
  const value = eventType === "team_permission_granted" ? tp : undefined;
  return {
    ...state,
    teamPermissions: withNested(state.teamPermissions, tp.team_id, tp.permission, value),
  };
}

export function grantTeamPermission(
  state: OrgState,
  input: { teamId: string; permission: OrgPermission },
  env: TurnEnv,
  out: TurnOutput,
) {
  const { team, org } = teamGuard(state, env, input.teamId, "team_permission:grant", true);
  if (state.teamPermissions.get(team.id)?.has(input.permission)) {
    throw TeamErrors.TEAM_PERMISSION_EXISTS();
  }
  const tp: TeamPermission = {
    id: env.newId(),
    team_id: team.id,
    permission: input.permission,
    granted_by_user_id: env.userId,
    granted_at: env.now,
  };
  out.write(putTeamPermissionWrites(org.id, tp));
  return {
    state: permissionChanged(state, tp, "team_permission_granted", out),
    reply: { permission: teamPermissionView(tp) },
  };
}

export function listTeamPermissions(state: OrgState, input: { teamId: string }, env: TurnEnv) {
  const { team } = teamGuard(state, env, input.teamId, "team_permission:read", false);
  const all = [...(state.teamPermissions.get(team.id)?.values() ?? [])].sort((a, b) =>
    compareIds(a.id, b.id),
  );
  return { state, reply: { permissions: all.map(teamPermissionView) } };
}

export function revokeTeamPermission(
  state: OrgState,
  input: { teamId: string; permissionId: string },
  env: TurnEnv,
  out: TurnOutput,
): OpResult<null> {
  const { team, org } = teamGuard(state, env, input.teamId, "team_permission:revoke", true);
  const tp = [...(state.teamPermissions.get(team.id)?.values() ?? [])].find(
    (p) => p.id === input.permissionId,
  );
  if (!tp) throw TeamErrors.TEAM_PERMISSION_NOT_FOUND();
  out.write(deleteTeamPermissionWrites(org.id, tp));
  return { state: permissionChanged(state, tp, "team_permission_revoked", out), reply: null };
}
