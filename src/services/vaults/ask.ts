/**
 * The one typed way from the vault use cases to the vault actors (as ../organizations/ask.ts;
 * what travels with the message: src/services/actors.ts).
 */
import { type VaultProtocol, vaultProtocol } from "../../../actors/vault/protocol.ts";
import type { ActorClient } from "../../runtime/client.ts";
import type { InputOf, MessageName, ProtocolClient, ReplyOf } from "../../runtime/protocol.ts";
import { actorsOf, askAs } from "../actors.ts";
import type { CallOptions, Principal } from "../context.ts";

export function vaultActors(actors: ActorClient): ProtocolClient<VaultProtocol> {
  return actorsOf(actors, vaultProtocol);
}

/** Sends message `type` to vault `vaultId`'s actor as `p`; resolves with its reply. */
export function askVault<T extends MessageName<VaultProtocol>>(
  deps: { actors: ActorClient },
  p: Principal,
  vaultId: string,
  type: T,
  input: InputOf<VaultProtocol, T>,
  opts?: Partial<CallOptions>,
): Promise<ReplyOf<VaultProtocol, T>> {
  return askAs(deps.actors, vaultProtocol, p, vaultId, type, input, opts);
}
