/**
 * The organization actor's turn: runs the domain operation a message names against the in-memory
 * state, then turns its output into the write set (records, indexes, audit events, outbox mail).
 * Reads outside the organization's own keys (the caller's memberships for the per-user limit, the
 * invitee's account) go through `ctx.read`, which the runtime re-validates at commit, so two
 * organizations racing for one user's last slot cannot both commit.
 */
import { secretMatches } from "../../src/crypto/tokens.ts";
import { appendAuditWrites, auditEvent } from "../../src/domain/audit/events.ts";
import { findEmailByAddress } from "../../src/domain/emails/records.ts";
import {
  expiryReminder,
  expiryReminderName,
  expiryRetry,
  reminderChanges,
} from "../../src/domain/invitations/expiry.ts";
import * as inv from "../../src/domain/invitations/ops.ts";
import { OrgKeys } from "../../src/domain/organizations/keys.ts";
import * as org from "../../src/domain/organizations/ops.ts";
import type { OrgState } from "../../src/domain/organizations/state.ts";
import { authorize, type TurnEnv, TurnOutput } from "../../src/domain/organizations/turn.ts";
import * as teams from "../../src/domain/teams/ops.ts";
import { putOutboxWrites } from "../../src/email/outbox.ts";
import { CommonErrors } from "../../src/lib/errors.ts";
import type { JsonValue, TurnContext, TurnResult } from "../../src/runtime/define.ts";
import type { MessageMeta, OrgMessage } from "./messages.ts";

const USER_AGENT_MAX = 512;

async function userOrgCount(ctx: TurnContext, userId: string): Promise<number> {
  const [begin, end] = OrgKeys.userMemberships(userId);
  return (await ctx.read.getRange(begin, end)).length;
}

type Step = { state: OrgState; reply: unknown };

async function run(
  state: OrgState,
  msg: OrgMessage,
  env: TurnEnv,
  out: TurnOutput,
  ctx: TurnContext,
): Promise<Step> {
  switch (msg.type) {
    case "create":
      return org.createOrg(
        state,
        {
          orgId: ctx.actor.id,
          name: msg.name,
          creatorVerified: msg.creatorVerified,
          creatorOrgCount: await userOrgCount(ctx, env.userId),
        },
        env,
        out,
      );
    case "get":
      return org.getOrg(state, env);
    case "tier.set":
      return org.setTier(state, msg.tier, out);
    case "check":
      return { state, reply: { role: authorize(state, env, msg.action).principal.role } };
    case "update":
      return org.updateOrg(state, { name: msg.name }, env, out);
    case "delete":
      return org.deleteOrg(state, env, out);
    case "suspend":
    case "resume":
      return org.suspendOrg(state, msg.type === "suspend", env, out);
    case "members.list":
      return org.listMembers(state, msg.page, env);
    case "members.role":
      return org.changeMemberRole(state, { memberId: msg.memberId, role: msg.role }, env, out);
    case "members.remove":
      return org.removeMember(state, { memberId: msg.memberId }, env, out);
    case "members.leave":
      return org.leaveOrg(state, env, out);
    case "members.purge":
      return org.purgeUser(state, { userId: msg.userId }, env, out);
    case "transfer":
      return org.transferOwnership(state, { newOwnerUserId: msg.newOwnerUserId }, env, out);
    case "invitations.create": {
      const owner = await findEmailByAddress(ctx.read, msg.email.trim().toLowerCase());
      const step = inv.createInvitation(
        state,
        {
          invitationId: msg.invitationId,
          email: msg.email,
          role: msg.role,
          token: msg.token,
          secretHash: msg.secretHash,
          existingUserId: owner?.user_id,
        },
        env,
        out,
      );
      out.write(putOutboxWrites(msg.mail));
      return step;
    }
    case "invitations.list":
      return inv.listInvitations(state, msg.page, env);
    case "invitations.delete":
      return inv.deleteInvitation(state, { invitationId: msg.invitationId }, env, out);
    case "invitations.accept":
      return inv.acceptInvitation(
        state,
        {
          invitationId: msg.invitationId,
          secretMatches: (hash) => secretMatches(msg.secret, hash),
          verifiedEmails: msg.verifiedEmails,
          userOrgCount: await userOrgCount(ctx, env.userId),
        },
        env,
        out,
      );
    case "invitations.expire":
      return inv.expireInvitation(state, { invitationId: msg.invitationId }, env.now, out);
    case "invitations.decline":
      return inv.declineInvitation(
        state,
        { invitationId: msg.invitationId, verifiedEmails: msg.verifiedEmails },
        out,
      );
    case "teams.create":
      return teams.createTeam(state, { name: msg.name, description: msg.description }, env, out);
    case "teams.list":
      return teams.listTeams(state, msg.page, env);
    case "teams.get":
      return teams.getTeam(state, { teamId: msg.teamId }, env);
    case "teams.update":
      return teams.updateTeam(state, msg, env, out);
    case "teams.delete":
      return teams.deleteTeam(state, { teamId: msg.teamId }, env, out);
    case "teamMembers.add":
      return teams.addTeamMember(state, msg, env, out);
    case "teamMembers.list":
      return teams.listTeamMembers(state, { teamId: msg.teamId, page: msg.page }, env);
    case "teamMembers.update":
      return teams.updateTeamMember(state, msg, env, out);
    case "teamMembers.remove":
      return teams.removeTeamMember(state, msg, env, out);
    case "permissions.grant":
      return teams.grantTeamPermission(state, msg, env, out);
    case "permissions.list":
      return teams.listTeamPermissions(state, { teamId: msg.teamId }, env);
    case "permissions.revoke":
      return teams.revokeTeamPermission(state, msg, env, out);
  }
}

/** Adds a turn's writes, audit events (stamped with ids, time and origin) to the write set. */
function commitOutput(out: TurnOutput, msg: OrgMessage, ctx: TurnContext, userId: string | null) {
  ctx.writes(out.writes);
  const meta: MessageMeta = msg.meta ?? { ip: null, userAgent: null };
  for (const draft of out.audit) {
    const event = auditEvent(ctx.ids.next(), ctx.now, {
      event_type: draft.event_type,
      organization_id: ctx.actor.id,
      user_id: userId,
      resource_type: draft.resource_type,
      resource_id: draft.resource_id,
      event_data: draft.data ?? null,
      ip_address: meta.ip,
      user_agent: meta.userAgent?.slice(0, USER_AGENT_MAX) ?? null,
    });
    ctx.writes(appendAuditWrites(event));
  }
}

/**
 * Keeps every pending invitation's expiry reminder in step with the turn's new state
 * (src/domain/invitations/expiry.ts), in the same write set.
 */
function syncExpiryReminders(before: OrgState, step: Step, msg: OrgMessage, ctx: TurnContext) {
  const { schedule, cancel } = reminderChanges(before.invitations, step.state.invitations);
  for (const inv of schedule) ctx.schedule(expiryReminder(inv.id, inv.expires_at));
  for (const id of cancel) ctx.cancelReminder(expiryReminderName(id));
  if (msg.type === "invitations.expire") {
    // Delivered before the invitation expired on this node's clock: look again after it.
    const pending = step.state.invitations.get(msg.invitationId);
    if (pending) ctx.schedule(expiryRetry(pending, msg.at, ctx.now));
  }
}

/** One turn of the organization actor. */
export async function handleOrgMessage(
  state: OrgState,
  msg: OrgMessage,
  ctx: TurnContext,
): Promise<TurnResult<OrgState>> {
  // Tier changes come from operators (billing) and invitation expiry from the reminder scanner
  // (system principal), never from a user's request.
  const operator = msg.type === "tier.set";
  const system = msg.type === "invitations.expire";
  if (operator && ctx.principal?.operator !== true) throw CommonErrors.FORBIDDEN();
  if (system && ctx.principal?.system !== true) throw CommonErrors.FORBIDDEN();
  const claimed = ctx.principal?.userId;
  const userId = operator || system ? null : typeof claimed === "string" ? claimed : undefined;
  if (userId === undefined) throw CommonErrors.UNAUTHENTICATED();
  const env: TurnEnv = { now: ctx.now, newId: () => ctx.ids.next(), userId: userId ?? "" };
  const out = new TurnOutput();
  const step = await run(state, msg, env, out, ctx);
  commitOutput(out, msg, ctx, userId);
  syncExpiryReminders(state, step, msg, ctx);
  return { state: step.state, reply: (step.reply ?? null) as JsonValue };
}
