/**
 * Engine cache invalidations (docs/engine-invalidation.md), the record side: pure. A change the
 * engine may have cached (a vault, an organization, a certificate's key) writes one record per
 * path in the SAME commit as the change (`invalidationWrites`, added to the turn output by the
 * domain operation), so a push exists if and only if the change committed. Delivery
 * (src/engine/invalidation.ts) claims due records with a lease, POSTs them to every endpoint of
 * `server_api.engine_http_endpoints` and records the outcome.
 *
 * Key layout under `Roots.engine` (docs/kv-layout.md):
 *
 *   ("inv", id)              -> InvalidationRecord
 *   ("inv_due", dueAtMs, id) -> empty       due index: records by next attempt (or lease end)
 *
 * Like the mail outbox, a record's due entry always equals `next_attempt_at`; a claim moves it to
 * the lease's end, so a record claimed by a node that then dies is due again when the lease runs
 * out. `delivered` lists the endpoints that already answered 2xx: a retry only goes to the others,
 * and the record is deleted once every configured endpoint is in it.
 */
import { defineCodec } from "../../kv/codec.ts";
import { Roots } from "../../kv/layout.ts";
import type { Mutation, ReadOps } from "../../kv/types.ts";

/** What the engine drops from its caches. */
export type InvalidationTarget =
  | { kind: "vault"; vaultId: string }
  | { kind: "organization"; orgId: string }
  | { kind: "certificate"; orgId: string; clientId: string; certId: string };

export type InvalidationKind = InvalidationTarget["kind"];

export interface InvalidationRecord {
  id: string;
  kind: InvalidationKind;
  /** Appended to each engine base URL: `/internal/cache/invalidate/...`. */
  path: string;
  /** Commit time of the change (ms); the lag metric and the give-up bound start here. */
  created_at: number;
  /** Failed delivery rounds so far. */
  attempts: number;
  /** When the record is next due (ms); while leased, the lease's end. */
  next_attempt_at: number;
  /** End of the current claim (ms), or null when unclaimed. */
  lease_until: number | null;
  /** Endpoints (normalized base URLs) that answered 2xx. */
  delivered: string[];
  last_error: string | null;
}

export const InvalidationCodec = defineCodec<InvalidationRecord>({
  name: "engine_invalidation",
  version: 1,
});

export const InvalidationKeys = {
  record: Roots.engine.sub("inv"),
  due: Roots.engine.sub("inv_due"),
} as const;

export const INVALIDATION_PATH_PREFIX = "/internal/cache/invalidate/";

/** The path of `target` on the engine. */
export function invalidationPath(target: InvalidationTarget): string {
  switch (target.kind) {
    case "vault":
      return `${INVALIDATION_PATH_PREFIX}vault/${target.vaultId}`;
    case "organization":
      return `${INVALIDATION_PATH_PREFIX}organization/${target.orgId}`;
    case "certificate":
      return `${INVALIDATION_PATH_PREFIX}certificate/${target.orgId}/${target.clientId}/${target.certId}`;
  }
}

/** A fresh record for `target`, due at once. */
export function newInvalidation(
  target: InvalidationTarget,
  env: { now: number; newId(): string },
): InvalidationRecord {
  return {
    id: env.newId(),
    kind: target.kind,
    path: invalidationPath(target),
    created_at: env.now,
    attempts: 0,
    next_attempt_at: env.now,
    lease_until: null,
    delivered: [],
    last_error: null,
  };
}

/** Writes `record` and moves its due entry from `previousDueAt` (if any) to `next_attempt_at`. */
export function putInvalidationWrites(
  record: InvalidationRecord,
  previousDueAt?: number,
): Mutation[] {
  const id = BigInt(record.id);
  const out: Mutation[] = [];
  if (previousDueAt !== undefined && previousDueAt !== record.next_attempt_at) {
    out.push({ op: "clear", key: InvalidationKeys.due.key(previousDueAt, id) });
  }
  out.push({
    op: "set",
    key: InvalidationKeys.record.key(id),
    value: InvalidationCodec.encode(record),
  });
  out.push({
    op: "set",
    key: InvalidationKeys.due.key(record.next_attempt_at, id),
    value: new Uint8Array(0),
  });
  return out;
}

/** Removes a finished (or given-up) record and its due entry. */
export function deleteInvalidationWrites(record: InvalidationRecord): Mutation[] {
  const id = BigInt(record.id);
  return [
    { op: "clear", key: InvalidationKeys.record.key(id) },
    { op: "clear", key: InvalidationKeys.due.key(record.next_attempt_at, id) },
  ];
}

/**
 * What a domain operation adds to its turn output: one due record per target, in the commit of
 * the change.
 */
export function invalidationWrites(
  targets: readonly InvalidationTarget[],
  env: { now: number; newId(): string },
): Mutation[] {
  return targets.flatMap((t) => putInvalidationWrites(newInvalidation(t, env)));
}

export async function getInvalidation(
  tx: ReadOps,
  id: string,
): Promise<InvalidationRecord | undefined> {
  const raw = await tx.get(InvalidationKeys.record.key(BigInt(id)));
  return raw ? InvalidationCodec.decode(raw) : undefined;
}

/** Ids of records due at or before `nowMs`, oldest due first, at most `limit`. */
export async function listDueInvalidations(
  tx: ReadOps,
  nowMs: number,
  limit: number,
): Promise<string[]> {
  const [begin] = InvalidationKeys.due.range();
  const rows = await tx.getRange(begin, InvalidationKeys.due.key(nowMs + 1), { limit });
  return rows.map((r) => String(InvalidationKeys.due.unpack(r.key)[1]));
}

/** A base URL as records keep it: no trailing slash. */
export function normalizeEndpoint(url: string): string {
  return url.trim().replace(/\/+$/, "");
}

/** The endpoints of `endpoints` that have not answered 2xx for `record` yet. */
export function remainingEndpoints(
  record: InvalidationRecord,
  endpoints: readonly string[],
): string[] {
  const done = new Set(record.delivered);
  return endpoints.filter((e) => !done.has(e));
}

export interface RetryPolicy {
  /** Delay after the first failed round (ms); doubled per round up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
}

/**
 * Delay before the next round after `attempts` failed ones (≥ 1): exponential, capped, with
 * "equal jitter" (half fixed, half random) so nodes retrying after one outage spread out.
 * `random` returns [0, 1). Always in [ceil(d/2), d] for the capped delay d, and ≥ 1.
 */
export function retryDelayMs(policy: RetryPolicy, attempts: number, random: () => number): number {
  const exp = Math.min(30, Math.max(0, attempts - 1));
  const d = Math.max(1, Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exp));
  const half = Math.ceil(d / 2);
  return Math.min(d, half + Math.floor(random() * (d - half + 1)));
}
