/**
 * The vault actor's turn: reads what the turn needs of the organization (the caller's membership,
 * teams and the organization record, and for a create or rename the organization's entry) with
 * `ctx.read`, re-validated at commit; runs the domain operation (src/domain/vaults/ops.ts); adds
 * its writes and audit events (stamped like the organization actor's) to the write set.
 */
import type { Static } from "@sinclair/typebox";
import { appendAuditWrites, auditEvent } from "../../src/domain/audit/events.ts";
import { OrgKeys } from "../../src/domain/organizations/keys.ts";
import { type TurnEnv, TurnOutput } from "../../src/domain/organizations/turn.ts";
import { type CallerFacts, readCaller, readEntry } from "../../src/domain/vaults/caller.ts";
import * as ops from "../../src/domain/vaults/ops.ts";
import type { VaultState } from "../../src/domain/vaults/state.ts";
import { CommonErrors } from "../../src/lib/errors.ts";
import { checkerOf, RequestMetaSchema } from "../../src/lib/schema.ts";
import type { JsonValue, TurnContext, TurnResult } from "../../src/runtime/define.ts";
import type { ReplyOf } from "../../src/runtime/protocol.ts";
import type { VaultMessage, VaultMessageName, VaultProtocol } from "./protocol.ts";

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
  const key =
    msg.kind === "user"
      ? OrgKeys.member(msg.orgId, msg.subjectId)
      : OrgKeys.team(msg.orgId, msg.subjectId);
  return (await ctx.read.get(key)) !== undefined;
}

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
};

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
  const system = msg.type === "sync.report";
  if (system && ctx.principal?.system !== true) throw CommonErrors.FORBIDDEN();
  const claimed = ctx.principal?.userId;
  const userId = system ? null : typeof claimed === "string" ? claimed : undefined;
  if (userId === undefined) throw CommonErrors.UNAUTHENTICATED();
  const env: TurnEnv = { now: ctx.now, newId: () => ctx.ids.next(), userId: userId ?? "" };
  const out = new TurnOutput();
  const step = await run(state, msg, { env, out, ctx });
  commitOutput(out, ctx, step.state.vault?.org_id ?? state.vault?.org_id, userId);
  return { state: step.state, reply: (step.reply ?? null) as JsonValue };
}
