/**
 * Organization and member operations (docs/organizations.md; docs/http-api.md (A8, A9, A16)): pure functions over
 * `OrgState` run as turns of the organization actor. Each validates, authorizes, then returns the
 * next state; its writes and audit events go to the `TurnOutput`.
 */
import { CommonErrors } from "../../lib/errors.ts";
import { compareIds } from "../../lib/ids.ts";
import { deleteOrgClientsWrites } from "../clients/keys.ts";
import { invalidationWrites } from "../invalidations/records.ts";
import { recordCascade } from "./cascades.ts";
import { type AccountState, deletionInProgress } from "./deletion.ts";
import { OrgErrors } from "./errors.ts";
import { OrgKeys } from "./keys.ts";
import { DEFAULT_TIER, MAX_ORGS_PER_USER, TIER_LIMITS } from "./limits.ts";
import {
  EMPTY_ORG_STATE,
  isLive,
  memberById,
  type OrgState,
  ownerCount,
  sortedValuesOf,
  withEntry,
} from "./state.ts";
import {
  authorize,
  type OpResult,
  type PageRequest,
  paginate,
  requireMember,
  type TurnEnv,
  type TurnOutput,
} from "./turn.ts";
import type { Member, Organization, OrgRole, OrgTier } from "./types.ts";
import { normalizeOrgName } from "./validation.ts";
import { memberView, type OrganizationView, orgView } from "./views.ts";
import { deleteMemberWrites, deleteOrgWrites, putMemberWrites, putOrgWrites } from "./writes.ts";

export interface CreateOrgInput {
  orgId: string;
  name: string;
  /** The creator has at least one verified address (checked by the service from the user store). */
  creatorVerified: boolean;
  /** Organizations the creator belongs to now (read by the actor, validated at commit). */
  creatorOrgCount: number;
  /**
   * The creator's account as the actor read it (re-validated at commit): an account gone or being
   * deleted creates nothing, or the organization would outlive its only OWNER (deletion.ts).
   */
  account?: AccountState;
}

export function createOrg(
  state: OrgState,
  input: CreateOrgInput,
  env: TurnEnv,
  out: TurnOutput,
): OpResult<{ organization: OrganizationView }> {
  const name = normalizeOrgName(input.name);
  if (state.org !== null) throw OrgErrors.ORG_EXISTS();
  if (!input.creatorVerified) throw OrgErrors.EMAIL_NOT_VERIFIED();
  if (input.account && !input.account.exists) throw CommonErrors.UNAUTHENTICATED();
  if (input.account && deletionInProgress(input.account, env.now)) {
    throw OrgErrors.ACCOUNT_BEING_DELETED();
  }
  if (input.creatorOrgCount >= MAX_ORGS_PER_USER) throw OrgErrors.USER_ORG_LIMIT();
  const org: Organization = {
    id: input.orgId,
    name,
    tier: DEFAULT_TIER,
    created_at: env.now,
    updated_at: env.now,
    suspended_at: null,
    deleted_at: null,
  };
  const owner: Member = {
    id: env.newId(),
    org_id: org.id,
    user_id: env.userId,
    role: "OWNER",
    created_at: env.now,
  };
  out.write(putOrgWrites(org));
  out.write(putMemberWrites(owner));
  out.write([{ op: "atomicAdd", key: OrgKeys.orgCount, delta: 1 }]);
  out.event({
    event_type: "organization_created",
    resource_type: "organization",
    resource_id: org.id,
    data: { name },
  });
  return {
    state: { ...EMPTY_ORG_STATE, org, members: new Map([[owner.user_id, owner]]) },
    reply: { organization: orgView(org, "OWNER") },
  };
}

export function getOrg(
  state: OrgState,
  env: TurnEnv,
): OpResult<{ organization: OrganizationView }> {
  const { org, principal } = authorize(state, env, "organization:read");
  return { state, reply: { organization: orgView(org, principal.role) } };
}

export function updateOrg(
  state: OrgState,
  input: { name: string },
  env: TurnEnv,
  out: TurnOutput,
): OpResult<{ organization: OrganizationView }> {
  const { org, principal } = authorize(state, env, "organization:update", undefined, {
    write: true,
  });
  const name = normalizeOrgName(input.name);
  const next: Organization = { ...org, name, updated_at: env.now };
  out.write(putOrgWrites(next));
  out.event({
    event_type: "organization_updated",
    resource_type: "organization",
    resource_id: org.id,
    data: { name },
  });
  return { state: { ...state, org: next }, reply: { organization: orgView(next, principal.role) } };
}

export function deleteOrg(state: OrgState, env: TurnEnv, out: TurnOutput): OpResult<null> {
  const { org } = authorize(state, env, "organization:delete");
  const tombstone: Organization = { ...org, deleted_at: env.now, updated_at: env.now };
  out.write(deleteOrgWrites(tombstone, state.members.values(), state.invitations.values()));
  // Its vaults are deleted by the cascade (./cascades.ts); they answer 404 from this commit on.
  recordCascade(state, "org", org.id, env, out);
  // Its clients and certificates go in the same commit (docs/clients.md).
  out.write(deleteOrgClientsWrites(org.id));
  // The engine drops what it cached of it, pushed after this commit (docs/engine-invalidation.md).
  out.write(invalidationWrites([{ kind: "organization", orgId: org.id }], env));
  out.event({
    event_type: "organization_deleted",
    resource_type: "organization",
    resource_id: org.id,
  });
  return { state: { ...EMPTY_ORG_STATE, org: tombstone }, reply: null };
}

export function suspendOrg(
  state: OrgState,
  suspend: boolean,
  env: TurnEnv,
  out: TurnOutput,
): OpResult<{ organization: OrganizationView }> {
  const { org, principal } = authorize(
    state,
    env,
    suspend ? "organization:suspend" : "organization:resume",
  );
  if (suspend && org.suspended_at !== null) throw OrgErrors.ORG_ALREADY_SUSPENDED();
  if (!suspend && org.suspended_at === null) throw OrgErrors.ORG_NOT_SUSPENDED();
  const next: Organization = {
    ...org,
    suspended_at: suspend ? env.now : null,
    updated_at: env.now,
  };
  out.write(putOrgWrites(next));
  out.write(invalidationWrites([{ kind: "organization", orgId: org.id }], env));
  out.event({
    event_type: suspend ? "organization_suspended" : "organization_resumed",
    resource_type: "organization",
    resource_id: org.id,
  });
  return { state: { ...state, org: next }, reply: { organization: orgView(next, principal.role) } };
}

/**
 * Changes the tier (an operator action, e.g. from billing; no public route). Lowering a tier below
 * the current member or team count is allowed: the limits then only stop further growth.
 */
export function setTier(
  state: OrgState,
  tier: OrgTier,
  out: TurnOutput,
): OpResult<{ tier: OrgTier }> {
  if (!isLive(state)) throw OrgErrors.ORG_NOT_FOUND();
  const next: Organization = { ...state.org, tier };
  out.write(putOrgWrites(next));
  out.event({
    event_type: "organization_tier_changed",
    resource_type: "organization",
    resource_id: next.id,
    data: { from: state.org.tier, to: tier },
  });
  return { state: { ...state, org: next }, reply: { tier } };
}

const membersByUserId = sortedValuesOf<Member>((a, b) => compareIds(a.user_id, b.user_id));

/** Members ordered by user id. */
export function listMembers(state: OrgState, page: PageRequest, env: TurnEnv) {
  authorize(state, env, "member:read");
  const all = membersByUserId(state.members);
  const p = paginate(all, page);
  return { state, reply: { members: p.items.map(memberView), total: p.total } };
}

function findMember(state: OrgState, memberId: string): Member {
  const m = memberById(state, memberId);
  if (!m) throw OrgErrors.MEMBER_NOT_FOUND();
  return m;
}

function teamsOf(state: OrgState, userId: string): string[] {
  const out: string[] = [];
  for (const [teamId, inner] of state.teamMembers) if (inner.has(userId)) out.push(teamId);
  return out;
}

export function changeMemberRole(
  state: OrgState,
  input: { memberId: string; role: OrgRole },
  env: TurnEnv,
  out: TurnOutput,
) {
  requireMember(state, env);
  const target = findMember(state, input.memberId);
  authorize(state, env, "member:update", { roles: [target.role, input.role] }, { write: true });
  if (target.role === "OWNER" && input.role !== "OWNER" && ownerCount(state) <= 1) {
    throw OrgErrors.LAST_OWNER("Cannot demote the last owner; transfer ownership first");
  }
  if (target.role === input.role) return { state, reply: { member: memberView(target) } };
  const next: Member = { ...target, role: input.role };
  out.write(putMemberWrites(next));
  out.event({
    event_type: "organization_member_role_changed",
    resource_type: "organization_member",
    resource_id: target.id,
    data: { user_id: target.user_id, from: target.role, to: input.role },
  });
  return {
    state: { ...state, members: withEntry(state.members, next.user_id, next) },
    reply: { member: memberView(next) },
  };
}

/** Removes a member with their team memberships (docs/http-api.md#a9--referential-integrity). Never the last owner. */
function dropMember(state: OrgState, target: Member, env: TurnEnv, out: TurnOutput): OrgState {
  if (target.role === "OWNER" && ownerCount(state) <= 1) throw OrgErrors.LAST_OWNER();
  // Their vault grants follow (./cascades.ts); their vault access already ends with this commit.
  recordCascade(state, "user", target.user_id, env, out);
  const teams = teamsOf(state, target.user_id);
  out.write(deleteMemberWrites(target, teams));
  let teamMembers = state.teamMembers;
  for (const teamId of teams) {
    teamMembers = withEntry(
      teamMembers,
      teamId,
      withEntry(teamMembers.get(teamId)!, target.user_id, undefined),
    );
  }
  return { ...state, members: withEntry(state.members, target.user_id, undefined), teamMembers };
}

export function removeMember(
  state: OrgState,
  input: { memberId: string },
  env: TurnEnv,
  out: TurnOutput,
): OpResult<null> {
  requireMember(state, env);
  const target = findMember(state, input.memberId);
  authorize(state, env, "member:remove", { roles: [target.role] }, { write: true });
  const next = dropMember(state, target, env, out);
  out.event({
    event_type: "organization_member_removed",
    resource_type: "organization_member",
    resource_id: target.id,
    data: { user_id: target.user_id, role: target.role },
  });
  return { state: next, reply: null };
}

/**
 * `DELETE …/members/me`: any member may leave, except the last owner, also while the
 * organization is suspended (suspension freezes what members do to it, not whether they stay).
 */
export function leaveOrg(state: OrgState, env: TurnEnv, out: TurnOutput): OpResult<null> {
  const { member } = requireMember(state, env);
  const next = dropMember(state, member, env, out);
  out.event({
    event_type: "organization_member_left",
    resource_type: "organization_member",
    resource_id: member.id,
    data: { user_id: member.user_id, role: member.role },
  });
  return { state: next, reply: null };
}

/**
 * Account deletion (the identity service's `OrgMembershipPort`): removes the user's membership
 * and team memberships. The last OWNER is never removed (LAST_OWNER): ownership must be
 * transferred or the organization deleted first. Only the user themselves may ask.
 */
export function purgeUser(
  state: OrgState,
  input: { userId: string },
  env: TurnEnv,
  out: TurnOutput,
): OpResult<null> {
  if (input.userId !== env.userId) throw OrgErrors.ORG_FORBIDDEN();
  const member = isLive(state) ? state.members.get(input.userId) : undefined;
  if (!member) return { state, reply: null };
  const next = dropMember(state, member, env, out);
  out.event({
    event_type: "organization_member_removed",
    resource_type: "organization_member",
    resource_id: member.id,
    data: { user_id: member.user_id, role: member.role, reason: "user_deleted" },
  });
  return { state: next, reply: null };
}

/** Ownership transfer in one turn: the target becomes OWNER, the caller ADMIN (docs/organizations.md#roles-and-what-they-may-do, atomic). */
export function transferOwnership(
  state: OrgState,
  input: { newOwnerUserId: string },
  env: TurnEnv,
  out: TurnOutput,
): OpResult<{ message: string }> {
  authorize(state, env, "ownership:transfer", undefined, { write: true });
  if (input.newOwnerUserId === env.userId) throw OrgErrors.TRANSFER_TO_SELF();
  const target = state.members.get(input.newOwnerUserId);
  if (!target) throw OrgErrors.TRANSFER_TARGET_NOT_MEMBER();
  const self = state.members.get(env.userId)!;
  const promoted: Member = { ...target, role: "OWNER" };
  const demoted: Member = { ...self, role: "ADMIN" };
  out.write(putMemberWrites(promoted));
  out.write(putMemberWrites(demoted));
  out.event({
    event_type: "organization_ownership_transferred",
    resource_type: "organization",
    resource_id: self.org_id,
    data: { from_user_id: self.user_id, to_user_id: target.user_id },
  });
  const members = withEntry(
    withEntry(state.members, promoted.user_id, promoted),
    demoted.user_id,
    demoted,
  );
  return { state: { ...state, members }, reply: { message: "Ownership transferred successfully" } };
}

/** Tier check before adding a member (accepting an invitation). */
export function assertMemberCapacity(state: OrgState & { org: Organization }): void {
  const max = TIER_LIMITS[state.org.tier].members;
  if (state.members.size >= max) {
    throw OrgErrors.MEMBER_LIMIT(
      `Organization has reached the maximum number of members (${max}) for tier ${state.org.tier}`,
    );
  }
}

export { teamsOf };
