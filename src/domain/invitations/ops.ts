/**
 * Invitation operations (docs/organizations.md#invitations; docs/http-api.md (A8, A9, A12)): create (mail through the outbox in
 * the same write set), list, delete, accept, decline. Pure functions over `OrgState`, run as turns
 * of the organization actor.
 */
import { CommonErrors } from "../../lib/errors.ts";
import { compareIds } from "../../lib/ids.ts";
import { can } from "../authz/can.ts";
import {
  type AccountState,
  clearDeletionMarkWrites,
  deletionInProgress,
} from "../organizations/deletion.ts";
import { OrgErrors } from "../organizations/errors.ts";
import { MAX_ORGS_PER_USER } from "../organizations/limits.ts";
import { assertMemberCapacity } from "../organizations/ops.ts";
import { isLive, type OrgState, withEntry } from "../organizations/state.ts";
import {
  authorize,
  type OpResult,
  type PageRequest,
  paginate,
  type TurnEnv,
  type TurnOutput,
} from "../organizations/turn.ts";
import type { Member, OrgRole } from "../organizations/types.ts";
import { normalizeInviteEmail } from "../organizations/validation.ts";
import { invitationView, orgView } from "../organizations/views.ts";
import {
  deleteInvitationWrites,
  putInvitationWrites,
  putMemberWrites,
} from "../organizations/writes.ts";
import { assertPendingCapacity, type MailBudget, spendMailBudgets } from "./limits.ts";
import { INVITATION_TTL_MS, type Invitation, isExpired } from "./types.ts";

export interface CreateInvitationInput {
  invitationId: string;
  email: string;
  role: OrgRole;
  /** The token `<invitationId>.<secret>` mailed to the invitee, and the stored hash of its secret. */
  token: string;
  secretHash: string;
  /** The user owning the invited address, if any (read by the actor from the address index). */
  existingUserId: string | undefined;
  /**
   * The rate-limit budgets the invitation mail spends (per organization, per address), with the
   * units used so far, read by the actor (limits.ts). None when rate limiting is off.
   */
  mailBudgets?: readonly MailBudget[];
}

export function createInvitation(
  state: OrgState,
  input: CreateInvitationInput,
  env: TurnEnv,
  out: TurnOutput,
) {
  const { org } = authorize(
    state,
    env,
    "invitation:create",
    { roles: [input.role] },
    { write: true },
  );
  const email = normalizeInviteEmail(input.email);
  assertMemberCapacity({ ...state, org });
  if (input.existingUserId !== undefined && state.members.has(input.existingUserId)) {
    throw OrgErrors.ALREADY_MEMBER();
  }
  for (const other of state.invitations.values()) {
    if (other.email === email && !isExpired(other, env.now)) throw OrgErrors.INVITATION_EXISTS();
  }
  // Expired invitations still held (their reminder not yet delivered, or older than reminders)
  // go first: an expired one to the same address is replaced, and the cap counts only the
  // pending ones, which keeps the whole map within the cap.
  let swept: OrgState = state;
  for (const other of state.invitations.values()) {
    if (!isExpired(other, env.now)) continue;
    if (other.email === email) {
      out.write(deleteInvitationWrites(other));
      swept = { ...swept, invitations: withEntry(swept.invitations, other.id, undefined) };
    } else {
      swept = dropInvitation(swept, other, "invitation_expired", out);
    }
  }
  const invitations = swept.invitations;
  assertPendingCapacity(org.tier, invitations.size);
  out.write(spendMailBudgets(input.mailBudgets ?? [], env.now));
  const inv: Invitation = {
    id: input.invitationId,
    org_id: org.id,
    email,
    role: input.role,
    invited_by_user_id: env.userId,
    secret_hash: input.secretHash,
    created_at: env.now,
    expires_at: env.now + INVITATION_TTL_MS,
  };
  out.write(putInvitationWrites(inv));
  out.mails.push({
    to: email,
    token: input.token,
    organizationName: org.name,
    role: inv.role,
    inviterUserId: env.userId,
    expiresAt: inv.expires_at,
  });
  out.event({
    event_type: "invitation_created",
    resource_type: "invitation",
    resource_id: inv.id,
    data: { email, role: inv.role },
  });
  return {
    state: { ...state, invitations: withEntry(invitations, inv.id, inv) },
    reply: { invitation: invitationView(inv) },
  };
}

export function listInvitations(state: OrgState, page: PageRequest, env: TurnEnv) {
  authorize(state, env, "invitation:read");
  const all = [...state.invitations.values()].sort((a, b) => compareIds(a.id, b.id));
  const p = paginate(all, page);
  return { state, reply: { invitations: p.items.map(invitationView), total: p.total } };
}

export function deleteInvitation(
  state: OrgState,
  input: { invitationId: string },
  env: TurnEnv,
  out: TurnOutput,
): OpResult<null> {
  const { principal } = authorize(state, env, "invitation:delete", undefined, { write: true });
  const inv = state.invitations.get(input.invitationId);
  if (!inv) throw OrgErrors.INVITATION_NOT_FOUND();
  // Withdrawing an invitation touches the role it offers, as inviting does (A8): only an OWNER
  // withdraws an OWNER invitation, only an ADMIN or OWNER an ADMIN one.
  if (!can(principal, "invitation:delete", { roles: [inv.role] })) throw OrgErrors.ORG_FORBIDDEN();
  return { state: dropInvitation(state, inv, "invitation_deleted", out), reply: null };
}

export interface AcceptInvitationInput {
  invitationId: string;
  /** Constant-time check of the presented secret against a stored hash. */
  secretMatches: (storedHash: string) => boolean;
  /** The caller's verified addresses (lower-cased). */
  verifiedEmails: readonly string[];
  /** Organizations the caller belongs to now (read by the actor, validated at commit). */
  userOrgCount: number;
  /** The caller's account (read by the actor, validated at commit; organizations/deletion.ts). */
  account: AccountState;
}

/** The invitation of a live organization, or INVITATION_INVALID (nothing more is revealed). */
function ownInvitation(state: OrgState, invitationId: string): Invitation {
  const inv = isLive(state) ? state.invitations.get(invitationId) : undefined;
  if (!inv) throw OrgErrors.INVITATION_INVALID();
  return inv;
}

export function acceptInvitation(
  state: OrgState,
  input: AcceptInvitationInput,
  env: TurnEnv,
  out: TurnOutput,
) {
  const inv = ownInvitation(state, input.invitationId);
  if (!input.secretMatches(inv.secret_hash) || isExpired(inv, env.now)) {
    throw OrgErrors.INVITATION_INVALID();
  }
  if (!input.verifiedEmails.includes(inv.email)) throw OrgErrors.INVITATION_EMAIL_MISMATCH();
  // An account being deleted (or gone) joins nothing: its membership would outlive it.
  if (!input.account.exists) throw CommonErrors.UNAUTHENTICATED();
  if (deletionInProgress(input.account, env.now)) throw OrgErrors.ACCOUNT_BEING_DELETED();
  if (input.account.deletionStartedAt !== null) {
    out.write(clearDeletionMarkWrites(env.userId)); // an abandoned deletion's mark
  }
  const org = state.org!;
  if (state.members.has(env.userId)) throw OrgErrors.ALREADY_MEMBER();
  if (org.suspended_at !== null) throw OrgErrors.ORG_SUSPENDED();
  assertMemberCapacity({ ...state, org });
  if (input.userOrgCount >= MAX_ORGS_PER_USER) throw OrgErrors.USER_ORG_LIMIT();
  const member: Member = {
    id: env.newId(),
    org_id: org.id,
    user_id: env.userId,
    role: inv.role,
    created_at: env.now,
  };
  out.write(deleteInvitationWrites(inv));
  out.write(putMemberWrites(member));
  out.event({
    event_type: "invitation_accepted",
    resource_type: "invitation",
    resource_id: inv.id,
    data: { email: inv.email },
  });
  out.event({
    event_type: "organization_member_added",
    resource_type: "organization_member",
    resource_id: member.id,
    data: { user_id: member.user_id, role: member.role, invitation_id: inv.id },
  });
  return {
    state: {
      ...state,
      invitations: withEntry(state.invitations, inv.id, undefined),
      members: withEntry(state.members, member.user_id, member),
    },
    reply: { organization: orgView(org, member.role) },
  };
}

/** Removes an invitation (deleted, declined or expired) with its indexes and audit event. */
function dropInvitation(
  state: OrgState,
  inv: Invitation,
  eventType: "invitation_deleted" | "invitation_declined" | "invitation_expired",
  out: TurnOutput,
): OrgState {
  out.write(deleteInvitationWrites(inv));
  out.event({
    event_type: eventType,
    resource_type: "invitation",
    resource_id: inv.id,
    data: { email: inv.email },
  });
  return { ...state, invitations: withEntry(state.invitations, inv.id, undefined) };
}

export function declineInvitation(
  state: OrgState,
  input: { invitationId: string; verifiedEmails: readonly string[] },
  out: TurnOutput,
): OpResult<null> {
  const inv = isLive(state) ? state.invitations.get(input.invitationId) : undefined;
  // Somebody else's invitation is reported as missing: its existence is not theirs to learn.
  if (!inv || !input.verifiedEmails.includes(inv.email)) throw OrgErrors.INVITATION_NOT_FOUND();
  return { state: dropInvitation(state, inv, "invitation_declined", out), reply: null };
}

/**
 * The expiry reminder's turn (src/domain/invitations/expiry.ts): deletes the invitation when it is
 * still pending and expired at `now`. Otherwise nothing changes: an invitation already accepted,
 * declined or deleted is gone, and one not yet expired (a reminder delivered early, on a leader
 * whose clock runs ahead) is kept, `expired: false` telling the actor to look again later.
 */
export function expireInvitation(
  state: OrgState,
  input: { invitationId: string },
  now: number,
  out: TurnOutput,
): OpResult<{ expired: boolean }> {
  const inv = isLive(state) ? state.invitations.get(input.invitationId) : undefined;
  if (!inv || !isExpired(inv, now)) return { state, reply: { expired: false } };
  return { state: dropInvitation(state, inv, "invitation_expired", out), reply: { expired: true } };
}
