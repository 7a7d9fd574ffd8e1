/** The one typed way from the vault use cases to the vault actors (as ../organizations/ask.ts). */
import { type VaultProtocol, vaultProtocol } from "../../../actors/vault/protocol.ts";
import type { ActorClient } from "../../runtime/client.ts";
import {
  type InputOf,
  type MessageName,
  type ProtocolClient,
  protocolClient,
  type ReplyOf,
} from "../../runtime/protocol.ts";
import { type CallOptions, type Principal, scopedIdempotencyKey } from "../context.ts";

const clients = new WeakMap<ActorClient, ProtocolClient<VaultProtocol>>();

export function vaultActors(actors: ActorClient): ProtocolClient<VaultProtocol> {
  let c = clients.get(actors);
  if (!c) {
    c = protocolClient(actors, vaultProtocol);
    clients.set(actors, c);
  }
  return c;
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
  return vaultActors(deps.actors).ask(vaultId, type, input, {
    principal: { userId: p.userId },
    ...(opts?.meta ? { origin: { ip: opts.meta.ip, userAgent: opts.meta.userAgent } } : {}),
    ...(opts?.idempotencyKey
      ? { idempotencyKey: scopedIdempotencyKey(p.userId, opts.idempotencyKey) }
      : {}),
  });
}
