/**
 * The vault actor's protocol (one actor per vault id): every message with its input schema and
 * its reply (the domain operation's). Every message names the organization the caller addressed
 * (`orgId`): a vault of another organization answers 404. Services ask through
 * `protocolClient(actors, vaultProtocol)` (src/services/vaults/ask.ts).
 */
import { Type } from "@sinclair/typebox";
import { VAULT_ACTIONS } from "../../src/domain/authz/vault-can.ts";
import type * as tokenOps from "../../src/domain/tokens/ops.ts";
import { TOKEN_ROLES } from "../../src/domain/tokens/scopes.ts";
import type * as ops from "../../src/domain/vaults/ops.ts";
import { GRANT_KINDS, SYNC_STATUSES, VAULT_ROLES } from "../../src/domain/vaults/types.ts";
import { Count, Id, literalUnion } from "../../src/lib/schema.ts";
import {
  defineProtocol,
  type MessageName,
  type MessageOf,
  message,
  query,
} from "../../src/runtime/protocol.ts";
import type { SyncStepReply } from "./sync.ts";

type Reply<F extends (...args: never[]) => unknown> =
  ReturnType<F> extends { reply: infer R } ? R : never;

const PageSchema = Type.Object({ limit: Count, offset: Count }, { additionalProperties: false });
const Role = literalUnion(VAULT_ROLES);
const Kind = literalUnion(GRANT_KINDS);
const NullableString = Type.Union([Type.String(), Type.Null()]);
const TokenRole = literalUnion(TOKEN_ROLES);
const SecretHash = Type.String({ pattern: "^[A-Za-z0-9_-]{43}$" });
const Ms = Type.Integer({ minimum: 0 });
/** A refresh token the service prepared: ids, the hash of its secret, TTLs (s). */
const NewRefreshSchema = Type.Object(
  {
    familyId: Id,
    tokenId: Id,
    secretHash: SecretHash,
    ttlS: Type.Integer({ minimum: 1 }),
    accessTtlS: Type.Integer({ minimum: 1 }),
  },
  { additionalProperties: false },
);
const PositiveMs = Type.Integer({ minimum: 1 });
const SyncPolicySchema = Type.Object(
  {
    maxAttempts: PositiveMs,
    baseDelayMs: PositiveMs,
    maxDelayMs: PositiveMs,
    callDeadlineMs: PositiveMs,
    attemptTimeoutMs: PositiveMs,
  },
  { additionalProperties: false },
);

export const vaultProtocol = defineProtocol("vault", {
  /** Writes the record the organization reserved (src/domain/vaults/entries.ts). */
  create: message(
    Type.Object({
      orgId: Id,
      name: Type.String(),
      description: Type.String(),
      standalone: Type.Boolean(),
      /** The vault-sync policy (server_api.sync_*); absent: the machine's defaults. */
      sync: Type.Optional(SyncPolicySchema),
    }),
  ).returns<Reply<typeof ops.createVault>>(),
  get: query(Type.Object({ orgId: Id })).returns<Reply<typeof ops.getVault>>(),
  authorize: query(
    Type.Object({ orgId: Id, action: literalUnion(VAULT_ACTIONS), write: Type.Boolean() }),
  ).returns<Reply<typeof ops.authorizeVault>>(),
  /**
   * Authorizes a user's vault token (issue 11 item 4) against committed data: the caller's
   * effective role bounds `role`; `kid` (the service's pick, null for none) must still be in the
   * JWKS index. Writes only the `vault_token_issued` audit event.
   */
  "tokens.authorize": message(
    Type.Object({
      orgId: Id,
      role: Role,
      kid: NullableString,
      jti: Type.String({ minLength: 1, maxLength: 64 }),
      expiresAt: Type.Integer({ minimum: 0 }),
      /** The session-bound refresh family to start with the token (item 6), when asked for. */
      refresh: Type.Optional(Type.Object({ sessionId: Id, token: NewRefreshSchema })),
    }),
  ).returns<Reply<typeof ops.authorizeToken> & { refreshExpiresAt: number | null }>(),
  /**
   * A client's vault token from an assertion the service verified (item 5), system principal:
   * client, certificate, `jti`, grant and vault re-checked against committed data; writes the
   * `jti`, the client-bound family and the audit event.
   */
  "tokens.authorizeClient": message(
    Type.Object({
      orgId: Id,
      clientId: Id,
      certId: Id,
      kid: Type.String({ minLength: 1, maxLength: 128 }),
      jti: Type.String({ minLength: 1, maxLength: 256 }),
      jtiExpiresAt: Ms,
      role: TokenRole,
      signingKid: NullableString,
      accessJti: Type.String({ minLength: 1, maxLength: 64 }),
      accessExpiresAt: Ms,
      refresh: NewRefreshSchema,
    }),
  ).returns<Reply<typeof tokenOps.authorizeClientToken>>(),
  /** One rotation of a refresh family (item 6), system principal (the token is the credential). */
  "tokens.refresh": message(
    Type.Object({
      orgId: Id,
      tokenId: Id,
      secretHash: SecretHash,
      next: Type.Object({ tokenId: Id, secretHash: SecretHash }, { additionalProperties: false }),
      signingKid: NullableString,
      accessJti: Type.String({ minLength: 1, maxLength: 64 }),
      accessTtlS: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]),
    }),
  ).returns<tokenOps.RefreshReply>(),
  /** `POST /v1/tokens/revoke/vault/{vault}` (vault ADMIN): every family of the vault. */
  "tokens.revokeAll": message(Type.Object({ orgId: Id })).returns<
    Reply<typeof tokenOps.revokeVaultFamilies>
  >(),
  /** The families of a deactivated client (cascade `client_tokens`; system, idempotent). */
  "tokens.revokeClient": message(Type.Object({ orgId: Id, clientId: Id })).returns<{
    revoked: number;
  }>(),
  update: message(
    Type.Object({ orgId: Id, name: NullableString, description: NullableString }),
  ).returns<Reply<typeof ops.updateVault>>(),
  delete: message(Type.Object({ orgId: Id })).returns<Reply<typeof ops.deleteVault>>(),
  /**
   * The seam of the engine sync (A13): the sync driver (src/domain/vaults/sync-machine.ts, built
   * separately) reports the engine status. System principal only.
   */
  "sync.report": message(
    Type.Object({ status: literalUnion(SYNC_STATUSES), error: NullableString }),
  ).returns<Reply<typeof ops.reportSync>>(),
  /**
   * The engine sync (actors/vault/sync.ts), system principal only: the outcome of an engine call
   * the sync driver made after commit (`ok`, or the EngineError's code, message and retryable),
   * the machine's durable reminder, the leader's re-drive of a vault that may be stuck.
   */
  "sync.result": message(
    Type.Object({
      op: literalUnion(["create", "delete"] as const),
      attempt: Type.Integer({ minimum: 0 }),
      ok: Type.Boolean(),
      code: Type.String({ maxLength: 64 }),
      message: Type.String({ maxLength: 2000 }),
      retryable: Type.Boolean(),
    }),
  ).returns<SyncStepReply>(),
  "sync.timer": message(
    Type.Object({ seq: Type.Integer({ minimum: 0 }) }),
  ).returns<SyncStepReply>(),
  "sync.redrive": message(Type.Object({})).returns<SyncStepReply>(),
  /**
   * Starts the sync of a new vault (pending → syncing, the first engine call): sent by the
   * create's durable reminder `vault-sync-start` and by the service right after the create
   * answered. Acts only in `pending`; system principal only.
   */
  "sync.start": message(Type.Object({})).returns<SyncStepReply>(),
  "grants.create": message(
    Type.Object({ orgId: Id, kind: Kind, subjectId: Id, role: Role }),
  ).returns<Reply<typeof ops.createGrant>>(),
  "grants.list": query(Type.Object({ orgId: Id, kind: Kind, page: PageSchema })).returns<
    Reply<typeof ops.listGrants>
  >(),
  "grants.get": query(Type.Object({ orgId: Id, kind: Kind, grantId: Id })).returns<
    Reply<typeof ops.getGrant>
  >(),
  "grants.update": message(Type.Object({ orgId: Id, kind: Kind, grantId: Id, role: Role })).returns<
    Reply<typeof ops.updateGrant>
  >(),
  "grants.delete": message(Type.Object({ orgId: Id, kind: Kind, grantId: Id })).returns<
    Reply<typeof ops.deleteGrant>
  >(),
  /**
   * Cascades (A9, src/domain/organizations/cascades.ts), system principal only, idempotent: the
   * grants of a member removed at `before`, of a deleted team; the vault of a deleted organization.
   */
  "grants.purgeUser": message(
    Type.Object({ orgId: Id, userId: Id, before: Type.Integer({ minimum: 0 }) }),
  ).returns<Reply<typeof ops.purgeUserGrants>>(),
  "grants.purgeTeam": message(Type.Object({ orgId: Id, teamId: Id })).returns<
    Reply<typeof ops.purgeTeamGrants>
  >(),
  "vault.purgeOrg": message(Type.Object({ orgId: Id })).returns<Reply<typeof ops.purgeOrgVault>>(),
  /** The grants of a deleted client (docs/clients.md; system principal, idempotent). */
  "grants.purgeClient": message(Type.Object({ orgId: Id, clientId: Id })).returns<
    Reply<typeof ops.purgeClientGrants>
  >(),
});

export type VaultProtocol = typeof vaultProtocol;
export type VaultMessageName = MessageName<VaultProtocol>;
export type VaultMessage<T extends VaultMessageName = VaultMessageName> = MessageOf<
  VaultProtocol,
  T
>;
