/**
 * The organization actor's turn: runs the domain operation a message names against the in-memory
 * state, then turns its output into the write set (records, indexes, audit events, outbox mail).
 * Reads outside the organization's own keys (the caller's memberships for the per-user limit, the
 * invitee's account) go through `ctx.read`, which the runtime re-validates at commit, so two
 * organizations racing for one user's last slot cannot both commit.
 */

import type { Static } from "@sinclair/typebox";
import { secretMatches } from "../../src/crypto/tokens.ts";
import { appendAuditWrites, auditEvent } from "../../src/domain/audit/events.ts";
import * as clients from "../../src/domain/clients/ops.ts";
import {
  readCertificate,
  readCertificates,
  readClient,
  readClients,
} from "../../src/domain/clients/reads.ts";
import { findEmailByAddress } from "../../src/domain/emails/records.ts";
import {
  expiryReminder,
  expiryReminderName,
  expiryRetry,
  reminderChanges,
} from "../../src/domain/invitations/expiry.ts";
import type { MailBudget } from "../../src/domain/invitations/limits.ts";
import * as inv from "../../src/domain/invitations/ops.ts";
import { readDeletionMark } from "../../src/domain/organizations/deletion.ts";
import { OrgKeys } from "../../src/domain/organizations/keys.ts";
import * as org from "../../src/domain/organizations/ops.ts";
import type { OrgState } from "../../src/domain/organizations/state.ts";
import { authorize, type TurnEnv, TurnOutput } from "../../src/domain/organizations/turn.ts";
import { readCounter } from "../../src/domain/ratelimit/counters.ts";
import * as teams from "../../src/domain/teams/ops.ts";
import { getUser } from "../../src/domain/users/records.ts";
import { VaultCodec } from "../../src/domain/vaults/codecs.ts";
import * as vaults from "../../src/domain/vaults/entries.ts";
import { VaultKeys } from "../../src/domain/vaults/keys.ts";
import { RESERVATION_TTL_MS, type Vault } from "../../src/domain/vaults/types.ts";
import { nameKey } from "../../src/domain/vaults/validation.ts";
import { putOutboxWrites } from "../../src/email/outbox.ts";
import { CommonErrors } from "../../src/lib/errors.ts";
import { checkerOf, RequestMetaSchema } from "../../src/lib/schema.ts";
import type { JsonValue, TurnContext, TurnResult } from "../../src/runtime/define.ts";
import type { ReplyOf } from "../../src/runtime/protocol.ts";
import type { OrganizationProtocol, OrgMessage, OrgMessageName } from "./protocol.ts";

async function userOrgCount(ctx: TurnContext, userId: string): Promise<number> {
  const [begin, end] = OrgKeys.userMemberships(userId);
  return (await ctx.read.getRange(begin, end)).length;
}

/**
 * The invitation mail's budgets with the units used so far (src/domain/invitations/limits.ts):
 * read with `ctx.read`, so the commit re-validates them and concurrent senders cannot overshoot.
 */
async function mailBudgets(
  ctx: TurnContext,
  rules: OrgMessage<"invitations.create">["mailRules"],
  email: string,
): Promise<MailBudget[]> {
  const out: MailBudget[] = [];
  for (const [rule, identifier] of [
    [rules.perOrg, ctx.actor.id],
    // Per (organization, address): one organization cannot mail an address without limit, and
    // another organization spending its budget cannot keep a genuine invitation from it.
    [rules.perAddress, `${ctx.actor.id}:${email}`],
    // Per address across every organization, a wider net against many throwaway organizations.
    [rules.perAddressAll, email],
  ] as const) {
    if (rule)
      out.push({ rule, identifier, used: await readCounter(ctx.read, rule, identifier, ctx.now) });
  }
  return out;
}

/**
 * What an acceptance knows of the caller's account, read with `ctx.read` (re-validated at commit,
 * so an account deletion committing meanwhile re-runs the turn): whether the account still exists
 * and when its deletion started, if it did (src/domain/organizations/deletion.ts).
 */
async function accountOf(ctx: TurnContext, userId: string) {
  return {
    exists: (await getUser(ctx.read, userId)) !== undefined,
    deletionStartedAt: await readDeletionMark(ctx.read, userId),
  };
}

/** The vault records of `ids`, read with `ctx.read` (re-validated at commit; entries.ts). */
async function vaultRecords(ctx: TurnContext, ids: Iterable<string>) {
  const out = new Map<string, Vault | undefined>();
  for (const id of ids) {
    const raw = await ctx.read.get(VaultKeys.record(id));
    out.set(id, raw ? VaultCodec.decode(raw) : undefined);
  }
  return out;
}

/** `name` is the retired name of a deleted vault of `orgId` (one key, entries.ts). */
async function nameRetired(ctx: TurnContext, orgId: string, name: string): Promise<boolean> {
  return (await ctx.read.get(VaultKeys.retiredName(orgId, nameKey(name)))) !== undefined;
}

/** What every handler gets besides its state and message. */
interface Turn {
  env: TurnEnv;
  out: TurnOutput;
  ctx: TurnContext;
}

type Step<R = unknown> = { state: OrgState; reply: R };

/** One handler per message; each must return its message's reply (organizationProtocol). */
type OrgHandlers = {
  [T in OrgMessageName]: (
    state: OrgState,
    msg: OrgMessage<T>,
    turn: Turn,
  ) => Step<ReplyOf<OrganizationProtocol, T>> | Promise<Step<ReplyOf<OrganizationProtocol, T>>>;
};

const HANDLERS: OrgHandlers = {
  create: async (state, msg, { env, out, ctx }) =>
    org.createOrg(
      state,
      {
        orgId: ctx.actor.id,
        name: msg.name,
        creatorVerified: msg.creatorVerified,
        creatorOrgCount: await userOrgCount(ctx, env.userId),
        account: await accountOf(ctx, env.userId),
      },
      env,
      out,
    ),
  get: (state, _msg, { env }) => org.getOrg(state, env),
  "tier.set": (state, msg, { out }) => org.setTier(state, msg.tier, out),
  check: (state, msg, { env }) => ({
    state,
    reply: { role: authorize(state, env, msg.action).principal.role },
  }),
  update: (state, msg, { env, out }) => org.updateOrg(state, { name: msg.name }, env, out),
  delete: (state, _msg, { env, out }) => org.deleteOrg(state, env, out),
  suspend: (state, _msg, { env, out }) => org.suspendOrg(state, true, env, out),
  resume: (state, _msg, { env, out }) => org.suspendOrg(state, false, env, out),
  "members.list": (state, msg, { env }) => org.listMembers(state, msg.page, env),
  "members.role": (state, msg, { env, out }) =>
    org.changeMemberRole(state, { memberId: msg.memberId, role: msg.role }, env, out),
  "members.remove": (state, msg, { env, out }) =>
    org.removeMember(state, { memberId: msg.memberId }, env, out),
  "members.leave": (state, _msg, { env, out }) => org.leaveOrg(state, env, out),
  "members.purge": (state, msg, { env, out }) =>
    org.purgeUser(state, { userId: msg.userId }, env, out),
  transfer: (state, msg, { env, out }) =>
    org.transferOwnership(state, { newOwnerUserId: msg.newOwnerUserId }, env, out),
  "invitations.create": async (state, msg, { env, out, ctx }) => {
    const address = msg.email.trim().toLowerCase();
    const owner = await findEmailByAddress(ctx.read, address);
    const step = inv.createInvitation(
      state,
      {
        invitationId: msg.invitationId,
        email: msg.email,
        role: msg.role,
        token: msg.token,
        secretHash: msg.secretHash,
        existingUserId: owner?.user_id,
        mailBudgets: await mailBudgets(ctx, msg.mailRules, address),
      },
      env,
      out,
    );
    out.write(putOutboxWrites(msg.mail));
    return step;
  },
  "invitations.list": (state, msg, { env }) => inv.listInvitations(state, msg.page, env),
  "invitations.delete": (state, msg, { env, out }) =>
    inv.deleteInvitation(state, { invitationId: msg.invitationId }, env, out),
  "invitations.accept": async (state, msg, { env, out, ctx }) =>
    inv.acceptInvitation(
      state,
      {
        invitationId: msg.invitationId,
        secretMatches: (hash) => secretMatches(msg.secret, hash),
        verifiedEmails: msg.verifiedEmails,
        userOrgCount: await userOrgCount(ctx, env.userId),
        account: await accountOf(ctx, env.userId),
      },
      env,
      out,
    ),
  "invitations.expire": (state, msg, { env, out }) =>
    inv.expireInvitation(state, { invitationId: msg.invitationId }, env.now, out),
  "invitations.decline": (state, msg, { out }) =>
    inv.declineInvitation(
      state,
      { invitationId: msg.invitationId, verifiedEmails: msg.verifiedEmails },
      out,
    ),
  "teams.create": (state, msg, { env, out }) =>
    teams.createTeam(state, { name: msg.name, description: msg.description }, env, out),
  "teams.list": (state, msg, { env }) => teams.listTeams(state, msg.page, env),
  "teams.get": (state, msg, { env }) => teams.getTeam(state, { teamId: msg.teamId }, env),
  "teams.update": (state, msg, { env, out }) => teams.updateTeam(state, msg, env, out),
  "teams.delete": (state, msg, { env, out }) =>
    teams.deleteTeam(state, { teamId: msg.teamId }, env, out),
  "teamMembers.add": (state, msg, { env, out }) => teams.addTeamMember(state, msg, env, out),
  "teamMembers.list": (state, msg, { env }) =>
    teams.listTeamMembers(state, { teamId: msg.teamId, page: msg.page }, env),
  "teamMembers.get": (state, msg, { env }) => teams.getTeamMember(state, msg, env),
  "teamMembers.update": (state, msg, { env, out }) => teams.updateTeamMember(state, msg, env, out),
  "teamMembers.remove": (state, msg, { env, out }) => teams.removeTeamMember(state, msg, env, out),
  "permissions.grant": (state, msg, { env, out }) =>
    teams.grantTeamPermission(state, msg, env, out),
  "permissions.list": (state, msg, { env }) =>
    teams.listTeamPermissions(state, { teamId: msg.teamId }, env),
  "permissions.revoke": (state, msg, { env, out }) =>
    teams.revokeTeamPermission(state, msg, env, out),
  "vaults.reserve": async (state, msg, { env, out, ctx }) =>
    vaults.reserveVault(
      state,
      {
        vaultId: ctx.ids.next(),
        name: msg.name,
        records: await vaultRecords(ctx, vaults.entriesToCheck(state, msg.name)),
        nameRetired: await nameRetired(ctx, ctx.actor.id, msg.name),
      },
      env,
      out,
    ),
  "vaults.rename": async (state, msg, { env, out, ctx }) =>
    vaults.beginRename(
      state,
      {
        vaultId: msg.vaultId,
        name: msg.name,
        records: await vaultRecords(ctx, [msg.vaultId, ...vaults.entriesToCheck(state, msg.name)]),
        nameRetired: await nameRetired(ctx, ctx.actor.id, msg.name),
      },
      env,
      out,
    ),
  "vaults.settle": async (state, msg, { env, out, ctx }) =>
    vaults.settleVault(
      state,
      {
        vaultId: msg.vaultId,
        record: (await vaultRecords(ctx, [msg.vaultId])).get(msg.vaultId),
        rollback: msg.rollback,
      },
      env,
      out,
    ),
  "clients.create": async (state, msg, { env, out, ctx }) =>
    clients.createClient(
      state,
      {
        clientId: msg.clientId,
        name: msg.name,
        description: msg.description,
        clients: await readClients(ctx.read, ctx.actor.id),
      },
      env,
      out,
    ),
  "clients.list": async (state, msg, { env, ctx }) =>
    clients.listClients(
      state,
      { page: msg.page, clients: await readClients(ctx.read, ctx.actor.id) },
      env,
    ),
  "clients.get": async (state, msg, { env, ctx }) =>
    clients.getClient(
      state,
      { client: await readClient(ctx.read, ctx.actor.id, msg.clientId) },
      env,
    ),
  "clients.update": async (state, msg, { env, out, ctx }) =>
    clients.updateClient(
      state,
      {
        client: await readClient(ctx.read, ctx.actor.id, msg.clientId),
        name: msg.name,
        description: msg.description,
        clients: await readClients(ctx.read, ctx.actor.id),
      },
      env,
      out,
    ),
  "clients.setActive": async (state, msg, { env, out, ctx }) =>
    clients.setClientActive(
      state,
      {
        client: await readClient(ctx.read, ctx.actor.id, msg.clientId),
        active: msg.active,
        certificates: await readCertificates(ctx.read, ctx.actor.id, msg.clientId),
      },
      env,
      out,
    ),
  "clients.delete": async (state, msg, { env, out, ctx }) =>
    clients.deleteClient(
      state,
      {
        client: await readClient(ctx.read, ctx.actor.id, msg.clientId),
        certificates: await readCertificates(ctx.read, ctx.actor.id, msg.clientId),
      },
      env,
      out,
    ),
  "certificates.create": async (state, msg, { env, out, ctx }) =>
    clients.createCertificate(
      state,
      {
        client: await readClient(ctx.read, ctx.actor.id, msg.clientId),
        certificates: await readCertificates(ctx.read, ctx.actor.id, msg.clientId),
        certId: msg.certId,
        name: msg.name,
        publicKey: msg.publicKey,
        sealedPrivateKey: msg.sealedPrivateKey,
      },
      env,
      out,
    ),
  "certificates.list": async (state, msg, { env, ctx }) =>
    clients.listCertificates(
      state,
      {
        client: await readClient(ctx.read, ctx.actor.id, msg.clientId),
        certificates: await readCertificates(ctx.read, ctx.actor.id, msg.clientId),
      },
      env,
    ),
  "certificates.get": async (state, msg, { env, ctx }) =>
    clients.getCertificate(state, await certLookup(ctx, msg.clientId, msg.certId), env),
  "certificates.revoke": async (state, msg, { env, out, ctx }) =>
    clients.revokeCertificate(state, await certLookup(ctx, msg.clientId, msg.certId), env, out),
  "certificates.delete": async (state, msg, { env, out, ctx }) =>
    clients.deleteCertificate(state, await certLookup(ctx, msg.clientId, msg.certId), env, out),
};

/** A client and one of its certificates, read with `ctx.read` (re-validated at commit). */
async function certLookup(ctx: TurnContext, clientId: string, certId: string) {
  return {
    client: await readClient(ctx.read, ctx.actor.id, clientId),
    certificate: await readCertificate(ctx.read, ctx.actor.id, clientId, certId),
  };
}

/** Runs the handler of `msg` (the map is typed per message; the call site sees the union). */
function run(state: OrgState, msg: OrgMessage, turn: Turn): Step | Promise<Step> {
  const handler = HANDLERS[msg.type] as (s: OrgState, m: OrgMessage, t: Turn) => Step;
  return handler(state, msg, turn);
}

const NO_ORIGIN = { ip: null, userAgent: null };

/** The request origin the caller sent (`ctx.origin`, checked: it may have crossed threads). */
function originOf(origin: TurnContext["origin"]): Static<typeof RequestMetaSchema> {
  return origin !== undefined && checkerOf(RequestMetaSchema).Check(origin) ? origin : NO_ORIGIN;
}

/** Adds a turn's writes, audit events (stamped with ids, time and origin) to the write set. */
function commitOutput(out: TurnOutput, ctx: TurnContext, userId: string | null) {
  ctx.writes(out.writes);
  const meta = originOf(ctx.origin);
  for (const draft of out.audit) {
    const event = auditEvent(ctx.ids.next(), ctx.now, {
      event_type: draft.event_type,
      organization_id: ctx.actor.id,
      user_id: userId,
      resource_type: draft.resource_type,
      resource_id: draft.resource_id,
      event_data: draft.data ?? null,
      ip_address: meta.ip,
      user_agent: meta.userAgent,
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

/**
 * Keeps a settle reminder for every vault entry still waiting (a reservation or a pending rename),
 * due when it expires, in the same write set (src/domain/vaults/entries.ts): a crash between the
 * two actors' turns is settled by the reminder.
 */
function syncVaultReminders(before: OrgState, step: Step, msg: OrgMessage, ctx: TurnContext) {
  const was = new Map(vaults.unsettled(before).map((e) => [e.id, e]));
  const now = new Map(vaults.unsettled(step.state).map((e) => [e.id, e]));
  for (const [id, e] of now) {
    const old = was.get(id);
    const redelivered = msg.type === "vaults.settle" && msg.vaultId === id;
    if (old && old.since === e.since && !redelivered) continue;
    const at = Math.max(e.since + RESERVATION_TTL_MS, ctx.now + 1000);
    ctx.schedule({
      at,
      name: vaults.settleReminderName(id),
      message: { type: "vaults.settle", vaultId: id, rollback: false },
    });
  }
  for (const id of was.keys()) {
    if (!now.has(id)) ctx.cancelReminder(vaults.settleReminderName(id));
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
  // A vault settle comes from the vault service (a user) or from its reminder (system).
  const settler = msg.type === "vaults.settle" && ctx.principal?.system === true;
  const claimed = ctx.principal?.userId;
  const userId =
    operator || system || settler ? null : typeof claimed === "string" ? claimed : undefined;
  if (userId === undefined) throw CommonErrors.UNAUTHENTICATED();
  const env: TurnEnv = { now: ctx.now, newId: () => ctx.ids.next(), userId: userId ?? "" };
  const out = new TurnOutput();
  const step = await run(state, msg, { env, out, ctx });
  commitOutput(out, ctx, userId);
  // A turn that left the state as it was (every read) changes no reminder, except the two
  // messages that re-arm their own; the comparisons walk every invitation and vault entry.
  if (step.state !== state || msg.type === "invitations.expire" || msg.type === "vaults.settle") {
    syncExpiryReminders(state, step, msg, ctx);
    syncVaultReminders(state, step, msg, ctx);
  }
  return { state: step.state, reply: (step.reply ?? null) as JsonValue };
}
