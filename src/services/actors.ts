/**
 * How use cases reach an actor as the caller: `askAs(actors, protocol, principal, id, type, input,
 * opts)`, typed by the actor's protocol (src/runtime/protocol.ts). It sends the request origin
 * beside the message (not fingerprinted: a retry from another proxy or node replays the first
 * outcome) and scopes the caller's Idempotency-Key to them. Each feature wraps it once
 * (`askOrg`, `askVault`).
 */
import type { ActorClient } from "../runtime/client.ts";
import {
  type ActorProtocol,
  type InputOf,
  type MessageName,
  type ProtocolClient,
  protocolClient,
  type ReplyOf,
} from "../runtime/protocol.ts";
import { type CallOptions, type Principal, scopedIdempotencyKey } from "./context.ts";

const clients = new WeakMap<ActorClient, Map<ActorProtocol, ProtocolClient<ActorProtocol>>>();

/** The typed client of `protocol`'s actors on `actors` (made once per pair). */
export function actorsOf<P extends ActorProtocol>(
  actors: ActorClient,
  protocol: P,
): ProtocolClient<P> {
  let byProtocol = clients.get(actors);
  if (!byProtocol) {
    byProtocol = new Map();
    clients.set(actors, byProtocol);
  }
  let c = byProtocol.get(protocol);
  if (!c) {
    c = protocolClient(actors, protocol);
    byProtocol.set(protocol, c);
  }
  return c as ProtocolClient<P>;
}

/** Sends message `type` to actor `id` of `protocol` as `p`; resolves with its reply. */
export function askAs<P extends ActorProtocol, T extends MessageName<P>>(
  actors: ActorClient,
  protocol: P,
  p: Principal,
  id: string,
  type: T,
  input: InputOf<P, T>,
  opts?: Partial<CallOptions>,
): Promise<ReplyOf<P, T>> {
  return actorsOf(actors, protocol).ask(id, type, input, {
    principal: { userId: p.userId },
    ...(opts?.meta ? { origin: { ip: opts.meta.ip, userAgent: opts.meta.userAgent } } : {}),
    ...(opts?.idempotencyKey
      ? { idempotencyKey: scopedIdempotencyKey(p.userId, opts.idempotencyKey) }
      : {}),
  });
}
