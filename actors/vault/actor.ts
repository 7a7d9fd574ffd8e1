/**
 * The vault actor (one per vault id): holds the vault's record, its grants and its sync state
 * (`sync_status`, `sync_error`); every mutation is a turn of it. On activation it loads
 * ("v", vault) under `Roots.vault` with one range read. Its messages are declared in ./protocol.ts,
 * its turns in ./handlers.ts.
 */
import { VaultKeys } from "../../src/domain/vaults/keys.ts";
import { type VaultState, vaultStateFromRows } from "../../src/domain/vaults/state.ts";
import { defineProtocolActor } from "../../src/runtime/define.ts";
import { handleVaultMessage } from "./handlers.ts";
import { vaultProtocol } from "./protocol.ts";

export const vaultActor = defineProtocolActor<VaultState, typeof vaultProtocol>({
  protocol: vaultProtocol,
  version: 1,
  async load(reader, id) {
    const [begin, end] = VaultKeys.range(id);
    return vaultStateFromRows(id, await reader.getRange(begin, end));
  },
  handle: handleVaultMessage,
});
