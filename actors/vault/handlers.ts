/**
 * The vault actor's turn: reads what the turn needs of the organization (the caller's membership,
 * teams and the organization record, and for a create or rename the organization's entry) with
 * `ctx.read`, re-validated at commit; runs the domain operation (src/domain/vaults/ops.ts); adds
 * its writes and audit events (stamped like the organization actor's) to the write set.
 */
import type { Static } from "@sinclair/typebox";
import { appendAuditWrites, auditEvent } from "../../src/domain/audit/events.ts";
import { JwksKeys } from "../../src/domain/clients/jwks.ts";
import { clientExists } from "../../src/domain/clients/keys.ts";
import { OrganizationCodec } from "../../src/domain/organizations/codecs.ts";
import { OrgKeys } from "../../src/domain/organizations/keys.ts";
import { type TurnEnv, TurnOutput } from "../../src/domain/organizations/turn.ts";
import { type CallerFacts, readCaller, readEntry } from "../../src/domain/vaults/caller.ts";
import * as ops from "../../src/domain/vaults/ops.ts";
import type { VaultState } from "../../src/domain/vaults/state.ts";
import { vaultView } from "../../src/domain/vaults/views.ts";
import { CommonErrors } from "../../src/lib/errors.ts";
import { checkerOf, RequestMetaSchema } from "../../src/lib/schema.ts";
import type { JsonValue, TurnContext, TurnResult } from "../../src/runtime/define.ts";
import type { ReplyOf } from "../../src/runtime/protocol.ts";
import type { VaultMessage, VaultMessageName, VaultProtocol } from "./protocol.ts";
import { driveSync, type SyncStepReply } from "./sync.ts";

interface Turn {
  env: TurnEnv;
  out: TurnOutput;
  ctx: TurnContext;
}

type Step<R = unknown> = { state: VaultState; reply: R };

type VaultHandlers = {
  [T in VaultMessageName]: (
    state: VaultState,
    msg: VaultMessage<T>,
    turn: Turn,
  ) => Step<ReplyOf<VaultProtocol, T>> | Promise<Step<ReplyOf<VaultProtocol, T>>>;
};

function facts(
  state: VaultState,
  ctx: TurnContext,
  orgId: string,
  env: TurnEnv,
  permissions = false,
): Promise<CallerFacts> {
  return readCaller(ctx.read, orgId, env.userId, ops.grantTeams(state), { permissions });
}

async function subjectValid(
  ctx: TurnContext,
  msg: VaultMessage<"grants.create">,
): Promise<boolean> {
  if (msg.kind === "client") return clientExists(ctx.read, msg.orgId, msg.subjectId);
  const key =
    msg.kind === "user"
      ? OrgKeys.member(msg.orgId, msg.subjectId)
      : OrgKeys.team(msg.orgId, msg.subjectId);
  return (await ctx.read.get(key)) !== undefined;
}

const NO_SYNC: SyncStepReply = { state: null, lag_ms: null, done: null, call: false };

const HANDLERS: VaultHandlers = {
  create: async (state, msg, { env, out, ctx }) =>
    ops.createVault(
      state,
      await facts(state, ctx, msg.orgId, env),
      {
        orgId: msg.orgId,
        vaultId: ctx.actor.id,
        name: msg.name,
        description: msg.description,
        standalone: msg.standalone,
        entry: await readEntry(ctx.read, msg.orgId, ctx.actor.id),
      },
      env,
      out,
    ),
  get: async (state, msg, { env, ctx }) =>
    ops.getVault(state, await facts(state, ctx, msg.orgId, env), msg.orgId, env),
  authorize: async (state, msg, { env, ctx }) =>
    ops.authorizeVault(state, await facts(state, ctx, msg.orgId, env), msg, env),
  "tokens.authorize": async (state, msg, { env, out, ctx }) =>
    ops.authorizeToken(
      state,
      await facts(state, ctx, msg.orgId, env),
      {
        ...msg,
        keyPublished:
          msg.kid !== null && (await ctx.read.get(JwksKeys.key(msg.orgId, msg.kid))) !== undefined,
      },
      env,
      out,
    ),
  update: async (state, msg, { env, out, ctx }) =>
    ops.updateVault(
      state,
      await facts(state, ctx, msg.orgId, env),
      { ...msg, entry: await readEntry(ctx.read, msg.orgId, ctx.actor.id) },
      env,
      out,
    ),
  delete: async (state, msg, { env, out, ctx }) =>
    ops.deleteVault(state, await facts(state, ctx, msg.orgId, env, true), msg.orgId, env, out),
  "sync.report": (state, msg, { env, out }) => ops.reportSync(state, msg, env, out),
  // The machine is stepped by driveSync (./sync.ts), which also gives these their reply.
  "sync.result": (state) => ({ state, reply: NO_SYNC }),
  "sync.timer": (state) => ({ state, reply: NO_SYNC }),
  "sync.redrive": (state) => ({ state, reply: NO_SYNC }),
  "sync.start": (state) => ({ state, reply: NO_SYNC }),
  "grants.create": async (state, msg, { env, out, ctx }) =>
    ops.createGrant(
      state,
      await facts(state, ctx, msg.orgId, env),
      { ...msg, subjectValid: await subjectValid(ctx, msg) },
      env,
      out,
    ),
  "grants.list": async (state, msg, { env, ctx }) =>
    ops.listGrants(state, await facts(state, ctx, msg.orgId, env), msg, env),
  "grants.get": async (state, msg, { env, ctx }) =>
    ops.getGrant(state, await facts(state, ctx, msg.orgId, env), msg, env),
  "grants.update": async (state, msg, { env, out, ctx }) =>
    ops.updateGrant(state, await facts(state, ctx, msg.orgId, env), msg, env, out),
  "grants.delete": async (state, msg, { env, out, ctx }) =>
    ops.deleteGrant(state, await facts(state, ctx, msg.orgId, env), msg, env, out),
  "grants.purgeUser": async (state, msg, { out, ctx }) =>
    ops.purgeUserGrants(
      state,
      {
        ...msg,
        isMember: (await ctx.read.get(OrgKeys.member(msg.orgId, msg.userId))) !== undefined,
      },
      out,
    ),
  "grants.purgeTeam": (state, msg, { out }) => ops.purgeTeamGrants(state, msg, out),
  "vault.purgeOrg": async (state, msg, { env, out, ctx }) =>
    ops.purgeOrgVault(
      state,
      { orgId: msg.orgId, orgDeleted: await orgDeleted(ctx, msg.orgId) },
      env,
      out,
    ),
  "grants.purgeClient": (state, msg, { out }) => ops.purgeClientGrants(state, msg, out),
};

/** The organization is a tombstone (read with `ctx.read`, re-validated at commit). */
async function orgDeleted(ctx: TurnContext, orgId: string): Promise<boolean> {
  const raw = await ctx.read.get(OrgKeys.org(orgId));
  return raw !== undefined && OrganizationCodec.decode(raw).deleted_at !== null;
}

/** Messages only the system principal may send (the sync driver, the cascades). */
const SYSTEM_MESSAGES: ReadonlySet<VaultMessageName> = new Set<VaultMessageName>([
  "sync.report",
  "sync.result",
  "sync.timer",
  "sync.redrive",
  "sync.start",
  "grants.purgeUser",
  "grants.purgeTeam",
  "vault.purgeOrg",
  "grants.purgeClient",
]);

function run(state: VaultState, msg: VaultMessage, turn: Turn): Step | Promise<Step> {
  const handler = HANDLERS[msg.type] as (s: VaultState, m: VaultMessage, t: Turn) => Step;
  return handler(state, msg, turn);
}

const NO_ORIGIN = { ip: null, userAgent: null };

function originOf(origin: TurnContext["origin"]): Static<typeof RequestMetaSchema> {
  return origin !== undefined && checkerOf(RequestMetaSchema).Check(origin) ? origin : NO_ORIGIN;
}

/** Adds the turn's writes and its audit events (A11), under the vault's organization. */
function commitOutput(
  out: TurnOutput,
  ctx: TurnContext,
  orgId: string | undefined,
  userId: string | null,
) {
  ctx.writes(out.writes);
  if (!orgId) return;
  const meta = originOf(ctx.origin);
  for (const draft of out.audit) {
    const event = auditEvent(ctx.ids.next(), ctx.now, {
      event_type: draft.event_type,
      organization_id: orgId,
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

/** One turn of the vault actor. */
export async function handleVaultMessage(
  state: VaultState,
  msg: VaultMessage,
  ctx: TurnContext,
): Promise<TurnResult<VaultState>> {
  // Sync reports come from the sync driver (system principal), never from a user's request.
  const system = SYSTEM_MESSAGES.has(msg.type);
  if (system && ctx.principal?.system !== true) throw CommonErrors.FORBIDDEN();
  const claimed = ctx.principal?.userId;
  const userId = system ? null : typeof claimed === "string" ? claimed : undefined;
  if (userId === undefined) throw CommonErrors.UNAUTHENTICATED();
  const env: TurnEnv = { now: ctx.now, newId: () => ctx.ids.next(), userId: userId ?? "" };
  const out = new TurnOutput();
  const step = await run(state, msg, { env, out, ctx });
  // The engine sync follows the turn's operation (./sync.ts): machine, reminders, index, audit.
  const synced = driveSync(state, step.state, msg, ctx, out);
  let reply: unknown = synced.reply ?? step.reply;
  if (msg.type === "create" && synced.state.vault && reply !== null && typeof reply === "object") {
    reply = { ...reply, vault: vaultView(synced.state.vault) };
  }
  commitOutput(out, ctx, synced.state.vault?.org_id ?? state.vault?.org_id, userId);
  return { state: synced.state, reply: (reply ?? null) as JsonValue };
}
