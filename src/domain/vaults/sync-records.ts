/**
 * What the vault actor stores of its engine sync besides the machine snapshot (docs/vaults.md,
 * "Engine sync"): an index entry per vault with engine work under way (the call to make, the
 * pending reminder's due time) and a notice per vault that gave up and whose owners are still to
 * be mailed. Both are written in the same commit as the turn that decided them; the sync driver
 * (src/services/vaults/sync-driver.ts, main thread) reads them to call the engine after commit and
 * to send the owners' mail exactly once.
 */
import { defineCodec } from "../../kv/codec.ts";
import type { Mutation } from "../../kv/types.ts";
import { VaultKeys } from "./keys.ts";
import type { VaultSyncOp, VaultSyncStateValue } from "./sync-machine.ts";

/** A vault whose machine is in syncing, failed, deleting or delete_waiting. */
export interface VaultSyncIndex {
  vault_id: string;
  org_id: string;
  name: string;
  state: VaultSyncStateValue;
  /** The engine call to make now (syncing / deleting), after commit; null while waiting. */
  call: { op: VaultSyncOp; attempt: number; deadline_ms: number; since: number } | null;
  /** Due time of the pending reminder (watchdog or end of backoff), or null. */
  timer_at: number | null;
}

/** Creation gave up: the organization's owners get one mail. */
export interface GivenUpNotice {
  vault_id: string;
  org_id: string;
  name: string;
  attempts: number;
  last_error: string;
  at: number;
}

export const VaultSyncIndexCodec = defineCodec<VaultSyncIndex>({
  name: "vault_sync_index",
  version: 1,
});

export const GivenUpNoticeCodec = defineCodec<GivenUpNotice>({
  name: "vault_sync_given_up",
  version: 1,
});

export function putSyncIndexWrites(e: VaultSyncIndex): Mutation[] {
  return [
    { op: "set", key: VaultKeys.syncIndex(e.vault_id), value: VaultSyncIndexCodec.encode(e) },
  ];
}

export function clearSyncIndexWrites(vaultId: string): Mutation[] {
  return [{ op: "clear", key: VaultKeys.syncIndex(vaultId) }];
}

export function putGivenUpNoticeWrites(n: GivenUpNotice): Mutation[] {
  return [
    { op: "set", key: VaultKeys.givenUpNotice(n.vault_id), value: GivenUpNoticeCodec.encode(n) },
  ];
}
