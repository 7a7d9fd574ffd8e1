/**
 * The runtime's keys under `Roots.actor` (documented in docs/actors.md):
 *
 *   (kind, id, "owner")               OwnerRecord: who may commit for the actor (fencing)
 *   (kind, id, "state")               a whole-state blob, for actors that keep their state in one value
 *   (kind, id, "idem", key)           IdempotencyRecord: the stored outcome of a turn (24 h)
 *   ("$expiry", expiresAt, kind, id, key) global expiry index of the idempotency records (empty
 *                                      values), drained by the leader's cleanup job. "$expiry"
 *                                      cannot be a kind (kinds are [a-z][a-z0-9-]*).
 *
 * Actor data itself lives under the feature's own root (e.g. `Roots.org`), written by the turns.
 */
import { defineCodec } from "../kv/codec.ts";
import type { Subspace } from "../kv/keyspace.ts";
import { Roots } from "../kv/layout.ts";
import type { ActorRef, JsonValue } from "./define.ts";

/**
 * Ownership of an actor. `nodeId === null` means released (idle eviction, graceful stop): the
 * epoch is kept so epochs of one actor only ever grow. `seq` counts committed turn batches of the
 * current epoch; a commit checks it so a body re-run after an unknown commit result never applies
 * a batch twice.
 */
export interface OwnerRecord {
  nodeId: string | null;
  incarnation: number | null;
  epoch: number;
  seq: number;
}

export const OwnerCodec = defineCodec<OwnerRecord>({
  name: "actor-owner",
  version: 1,
  validate(v) {
    const o = v as Partial<OwnerRecord> | null;
    if (!o || typeof o.epoch !== "number" || typeof o.seq !== "number") {
      throw new TypeError("owner record needs epoch and seq");
    }
  },
});

/** The stored outcome of a turn that carried an Idempotency-Key. */
export interface IdempotencyRecord {
  /** SHA-256 (hex) of the message, to refuse the same key with another request. */
  fingerprint: string;
  /** Wall ms after which the record may be deleted. */
  expiresAt: number;
  outcome: { ok: true; reply: JsonValue } | { ok: false; error: SerializedError };
}

/** An AppError as plain data (crosses threads and nodes). */
export interface SerializedError {
  code: string;
  kind: string;
  message: string;
  public: boolean;
  details?: { field: string; message: string }[];
  retryAfterSeconds?: number;
  meta?: Record<string, JsonValue>;
}

export const IdempotencyCodec = defineCodec<IdempotencyRecord>({
  name: "actor-idempotency",
  version: 1,
});

/** Idempotency outcomes are kept this long (ms). */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

export function actorSpace(ref: ActorRef): Subspace {
  return Roots.actor.sub(ref.kind, ref.id);
}

const EXPIRY = "$expiry";

export const ActorKeys = {
  owner: (ref: ActorRef) => Roots.actor.key(ref.kind, ref.id, "owner"),
  state: (ref: ActorRef) => Roots.actor.key(ref.kind, ref.id, "state"),
  idem: (ref: ActorRef, key: string) => Roots.actor.key(ref.kind, ref.id, "idem", key),
  idemExpiry: (ref: ActorRef, expiresAt: number, key: string) =>
    Roots.actor.key(EXPIRY, expiresAt, ref.kind, ref.id, key),
  /** Expiry index entries due at or before `now`: [begin, end). */
  idemExpiryDue: (now: number): [Uint8Array, Uint8Array] => [
    Roots.actor.range(EXPIRY)[0],
    Roots.actor.key(EXPIRY, now + 1),
  ],
  /** The idempotency record an expiry index key points to. */
  idemOfExpiry: (expiryKey: Uint8Array): Uint8Array | undefined => {
    const [, , kind, id, key] = Roots.actor.unpack(expiryKey);
    if (typeof kind !== "string" || typeof id !== "string" || typeof key !== "string")
      return undefined;
    return Roots.actor.key(kind, id, "idem", key);
  },
};
