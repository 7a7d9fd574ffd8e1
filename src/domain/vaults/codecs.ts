/** Versioned codecs of vault records (src/kv/codec.ts). Version 1. */
import { defineCodec } from "../../kv/codec.ts";
import { requireStrings } from "../organizations/codecs.ts";
import type { OrgVaultEntry, RetiredVaultName, Vault, VaultGrant } from "./types.ts";

export const VaultCodec = defineCodec<Vault>({
  name: "vault",
  version: 1,
  validate: requireStrings("vault", ["id", "org_id", "name", "sync_status"]),
});

export const VaultGrantCodec = defineCodec<VaultGrant>({
  name: "vault_grant",
  version: 1,
  validate: requireStrings("vault_grant", ["id", "vault_id", "kind", "subject_id", "role"]),
});

export const OrgVaultEntryCodec = defineCodec<OrgVaultEntry>({
  name: "org_vault_entry",
  version: 1,
  validate: requireStrings("org_vault_entry", ["id", "name", "state"]),
});

export const RetiredVaultNameCodec = defineCodec<RetiredVaultName>({
  name: "retired_vault_name",
  version: 1,
  validate: requireStrings("retired_vault_name", ["name", "vault_id"]),
});

/** The vault-sync machine as persisted (`persistMachine`, src/runtime/define.ts): plain JSON. */
export interface VaultSyncPersisted {
  machine: string;
  version: number;
  /** XState's persisted snapshot (JSON), opaque here. */
  snapshot: unknown;
}

export const VaultSyncCodec = defineCodec<VaultSyncPersisted>({
  name: "vault_sync_machine",
  version: 1,
  validate: requireStrings("vault_sync_machine", ["machine"]),
});
