/**
 * The vault actor's turn: reads what the turn needs of the organization (the caller's membership,
 * teams and the organization record, and for a create or rename the organization's entry) with
 * `ctx.read`, re-validated at commit; runs the domain operation (src/domain/vaults/ops.ts); adds
 * its writes and audit events (stamped like the organization actor's) to the write set.
 */
import type { Static } from "@sinclair/typebox";
import { appendAuditWrites, auditEvent } from "../../src/domain/audit/events.ts";
import { CertificateCodec, ClientCodec } from "../../src/domain/clients/codecs.ts";
import { JwksKeys } from "../../src/domain/clients/jwks.ts";
import { ClientKeys, ClientRanges, clientExists } from "../../src/domain/clients/keys.ts";
import { OrganizationCodec } from "../../src/domain/organizations/codecs.ts";
import { OrgKeys } from "../../src/domain/organizations/keys.ts";
import { type TurnEnv, TurnOutput } from "../../src/domain/organizations/turn.ts";
import { getSession } from "../../src/domain/sessions/records.ts";
import {
  FamilyKeys,
  type RefreshFamily,
  RefreshFamilyCodec,
  RefreshTokenCodec,
} from "../../src/domain/tokens/families.ts";
import * as tokenOps from "../../src/domain/tokens/ops.ts";
import { tokenRoleOf } from "../../src/domain/tokens/scopes.ts";
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

/** The vault's refresh families (src/domain/tokens/families.ts), read with `ctx.read`. */
async function readFamilies(ctx: TurnContext): Promise<RefreshFamily[]> {
  const [b, e] = FamilyKeys.families(ctx.actor.id);
  return (await ctx.read.getRange(b, e)).map((r) => RefreshFamilyCodec.decode(r.value));
}

async function readOrg(ctx: TurnContext, orgId: string) {
  const raw = await ctx.read.get(OrgKeys.org(orgId));
  return raw ? OrganizationCodec.decode(raw) : null;
}

async function readClient(ctx: TurnContext, orgId: string, clientId: string) {
  const raw = await ctx.read.get(ClientKeys.client(orgId, clientId));
  return raw ? ClientCodec.decode(raw) : null;
}

async function readCertificate(ctx: TurnContext, orgId: string, clientId: string, certId: string) {
  const raw = await ctx.read.get(ClientRanges.certificate(orgId, clientId, certId));
  return raw ? CertificateCodec.decode(raw) : null;
}

async function published(ctx: TurnContext, orgId: string, kid: string | null): Promise<boolean> {
  return kid !== null && (await ctx.read.get(JwksKeys.key(orgId, kid))) !== undefined;
}

/** The facts a refresh of `msg.tokenId` needs (src/domain/tokens/ops.ts `refreshFamily`). */
async function refreshFacts(
  state: VaultState,
  ctx: TurnContext,
  msg: VaultMessage<"tokens.refresh">,
): Promise<tokenOps.RefreshFacts> {
  const none: tokenOps.RefreshFacts = {
    token: null,
    family: null,
    caller: null,
    session: null,
    client: null,
    certificate: null,
    org: null,
    keyPublished: false,
  };
  const rawToken = await ctx.read.get(FamilyKeys.token(msg.tokenId));
  const token = rawToken ? RefreshTokenCodec.decode(rawToken) : null;
  if (!token || token.vault_id !== ctx.actor.id) return none;
  const rawFamily = await ctx.read.get(FamilyKeys.family(ctx.actor.id, token.family_id));
  const family = rawFamily ? RefreshFamilyCodec.decode(rawFamily) : null;
  if (!family) return { ...none, token };
  const keyPublished = await published(ctx, family.org_id, msg.signingKid);
  const b = family.binding;
  if (b.kind === "session") {
    return {
      ...none,
      token,
      family,
      keyPublished,
      session: (await getSession(ctx.read, b.session_id)) ?? null,
      caller: await readCaller(ctx.read, family.org_id, b.user_id, ops.grantTeams(state)),
    };
  }
  return {
    ...none,
    token,
    family,
    keyPublished,
    org: await readOrg(ctx, family.org_id),
    client: await readClient(ctx, family.org_id, b.client_id),
    certificate: await readCertificate(ctx, family.org_id, b.client_id, b.cert_id),
  };
}

/** Revokes the families of `who` (everyone when empty) after a cascade or a delete (A9). */
async function revokeFamilies(
  ctx: TurnContext,
  env: TurnEnv,
  out: TurnOutput,
  who: { user?: string; client?: string },
  reason: string,
  before?: number,
): Promise<number> {
  return tokenOps.revokeFamiliesWrites(
    ctx.actor.id,
    await readFamilies(ctx),
    who,
    reason,
    env,
    out,
    before,
  );
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
  "tokens.authorize": async (state, msg, { env, out, ctx }) => {
    const step = ops.authorizeToken(
      state,
      await facts(state, ctx, msg.orgId, env),
      { ...msg, keyPublished: await published(ctx, msg.orgId, msg.kid) },
      env,
      out,
    );
    const refresh = msg.refresh
      ? tokenOps.startFamily(
          {
            orgId: msg.orgId,
            vaultId: ctx.actor.id,
            subject: `user:${env.userId}`,
            binding: { kind: "session", session_id: msg.refresh.sessionId, user_id: env.userId },
            role: tokenRoleOf(msg.role),
            refresh: msg.refresh.token,
          },
          env.now,
          out,
        )
      : null;
    return {
      state: step.state,
      reply: { ...step.reply, refreshExpiresAt: refresh?.expiresAt ?? null },
    };
  },
  "tokens.authorizeClient": async (state, msg, { env, out, ctx }) =>
    tokenOps.authorizeClientToken(
      state,
      {
        org: await readOrg(ctx, msg.orgId),
        client: await readClient(ctx, msg.orgId, msg.clientId),
        certificate: await readCertificate(ctx, msg.orgId, msg.clientId, msg.certId),
        jtiUsed:
          (await ctx.read.get(FamilyKeys.jti(msg.orgId, msg.clientId, msg.jti))) !== undefined,
        keyPublished: await published(ctx, msg.orgId, msg.signingKid),
      },
      msg,
      env,
      out,
    ),
  "tokens.refresh": async (state, msg, { env, out, ctx }) =>
    tokenOps.refreshFamily(state, await refreshFacts(state, ctx, msg), msg, env, out),
  "tokens.revokeAll": async (state, msg, { env, out, ctx }) =>
    tokenOps.revokeVaultFamilies(
      state,
      await facts(state, ctx, msg.orgId, env),
      { orgId: msg.orgId, families: await readFamilies(ctx) },
      env,
      out,
    ),
  "tokens.revokeClient": async (state, msg, { env, out, ctx }) => {
    if (state.vault?.org_id !== msg.orgId) return { state, reply: { revoked: 0 } };
    const revoked = await revokeFamilies(
      ctx,
      env,
      out,
      { client: msg.clientId },
      "client_deactivated",
    );
    return { state, reply: { revoked } };
  },
  update: async (state, msg, { env, out, ctx }) =>
    ops.updateVault(
      state,
      await facts(state, ctx, msg.orgId, env),
      { ...msg, entry: await readEntry(ctx.read, msg.orgId, ctx.actor.id) },
      env,
      out,
    ),
  delete: async (state, msg, { env, out, ctx }) => {
    const step = ops.deleteVault(
      state,
      await facts(state, ctx, msg.orgId, env, true),
      msg.orgId,
      env,
      out,
    );
    // A deleted vault issues no tokens (A9): its refresh families are revoked in the same commit.
    if (step.state.vault?.deleted_at != null && state.vault?.deleted_at === null) {
      await revokeFamilies(ctx, env, out, {}, "vault_deleted");
    }
    return step;
  },
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
  "grants.purgeUser": async (state, msg, { env, out, ctx }) => {
    const step = ops.purgeUserGrants(
      state,
      {
        ...msg,
        isMember: (await ctx.read.get(OrgKeys.member(msg.orgId, msg.userId))) !== undefined,
      },
      out,
    );
    // Their refresh families go too (A9), those of a later membership stay.
    if (state.vault?.org_id === msg.orgId) {
      await revokeFamilies(ctx, env, out, { user: msg.userId }, "member_removed", msg.before);
    }
    return step;
  },
  "grants.purgeTeam": (state, msg, { out }) => ops.purgeTeamGrants(state, msg, out),
  "vault.purgeOrg": async (state, msg, { env, out, ctx }) => {
    const orgGone = await orgDeleted(ctx, msg.orgId);
    const step = ops.purgeOrgVault(state, { orgId: msg.orgId, orgDeleted: orgGone }, env, out);
    if (orgGone && state.vault?.org_id === msg.orgId) {
      await revokeFamilies(ctx, env, out, {}, "organization_deleted");
    }
    return step;
  },
  "grants.purgeClient": async (state, msg, { env, out, ctx }) => {
    const step = ops.purgeClientGrants(state, msg, out);
    if (state.vault?.org_id === msg.orgId) {
      await revokeFamilies(ctx, env, out, { client: msg.clientId }, "client_deleted");
    }
    return step;
  },
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
  "tokens.authorizeClient",
  "tokens.refresh",
  "tokens.revokeClient",
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
