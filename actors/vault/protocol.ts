/**
 * The vault actor's protocol (one actor per vault id): every message with its input schema and
 * its reply (the domain operation's). Every message names the organization the caller addressed
 * (`orgId`): a vault of another organization answers 404. Services ask through
 * `protocolClient(actors, vaultProtocol)` (src/services/vaults/ask.ts).
 */
import { Type } from "@sinclair/typebox";
import type * as ops from "../../src/domain/vaults/ops.ts";
import { GRANT_KINDS, SYNC_STATUSES, VAULT_ROLES } from "../../src/domain/vaults/types.ts";
import { Count, Id, literalUnion } from "../../src/lib/schema.ts";
import {
  defineProtocol,
  type MessageName,
  type MessageOf,
  message,
} from "../../src/runtime/protocol.ts";

type Reply<F extends (...args: never[]) => unknown> =
  ReturnType<F> extends { reply: infer R } ? R : never;

const PageSchema = Type.Object({ limit: Count, offset: Count }, { additionalProperties: false });
const Role = literalUnion(VAULT_ROLES);
const Kind = literalUnion(GRANT_KINDS);
const NullableString = Type.Union([Type.String(), Type.Null()]);

export const vaultProtocol = defineProtocol("vault", {
  /** Writes the record the organization reserved (src/domain/vaults/entries.ts). */
  create: message(
    Type.Object({
      orgId: Id,
      name: Type.String(),
      description: Type.String(),
      standalone: Type.Boolean(),
    }),
  ).returns<Reply<typeof ops.createVault>>(),
  get: message(Type.Object({ orgId: Id })).returns<Reply<typeof ops.getVault>>(),
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
  "grants.create": message(
    Type.Object({ orgId: Id, kind: Kind, subjectId: Id, role: Role }),
  ).returns<Reply<typeof ops.createGrant>>(),
  "grants.list": message(Type.Object({ orgId: Id, kind: Kind, page: PageSchema })).returns<
    Reply<typeof ops.listGrants>
  >(),
  "grants.get": message(Type.Object({ orgId: Id, kind: Kind, grantId: Id })).returns<
    Reply<typeof ops.getGrant>
  >(),
  "grants.update": message(Type.Object({ orgId: Id, kind: Kind, grantId: Id, role: Role })).returns<
    Reply<typeof ops.updateGrant>
  >(),
  "grants.delete": message(Type.Object({ orgId: Id, kind: Kind, grantId: Id })).returns<
    Reply<typeof ops.deleteGrant>
  >(),
});

export type VaultProtocol = typeof vaultProtocol;
export type VaultMessageName = MessageName<VaultProtocol>;
export type VaultMessage<T extends VaultMessageName = VaultMessageName> = MessageOf<
  VaultProtocol,
  T
>;
