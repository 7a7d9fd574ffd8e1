/** The vault actor's in-memory state and how it is rebuilt from the range ("v", vault). */
import type { KeyValue } from "../../kv/types.ts";
import { VaultCodec, VaultGrantCodec, VaultSyncCodec, type VaultSyncPersisted } from "./codecs.ts";
import { VaultKeys } from "./keys.ts";
import type { Vault, VaultGrant } from "./types.ts";

export interface VaultState {
  /** The record (a tombstone once deleted), or null before the create turn. */
  readonly vault: Vault | null;
  /** Grants by grant id (user and team). */
  readonly grants: ReadonlyMap<string, VaultGrant>;
  /**
   * The persisted vault-sync machine (./sync-machine.ts), or absent for vaults created before it
   * existed (standalone). Restored and stepped by the actor (actors/vault/sync.ts).
   */
  readonly sync?: VaultSyncPersisted | null;
}

export const EMPTY_VAULT_STATE: VaultState = { vault: null, grants: new Map() };

export function vaultStateFromRows(vaultId: string, rows: readonly KeyValue[]): VaultState {
  const space = VaultKeys.space(vaultId);
  let vault: Vault | null = null;
  const grants = new Map<string, VaultGrant>();
  let sync: VaultSyncPersisted | null = null;
  for (const { key, value } of rows) {
    const tag = space.unpack(key)[0];
    if (tag === "vault") vault = VaultCodec.decode(value);
    else if (tag === "sync") sync = VaultSyncCodec.decode(value);
    else if (tag === "grant") {
      const g = VaultGrantCodec.decode(value);
      grants.set(g.id, g);
    } else throw new RangeError(`unknown vault key tag ${String(tag)} in vault ${vaultId}`);
  }
  return { vault, grants, sync };
}
