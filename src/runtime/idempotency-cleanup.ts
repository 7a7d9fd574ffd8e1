/**
 * The leader-only job that deletes expired idempotency records (24 h after their turn): it walks
 * the global expiry index `("$expiry", expiresAt, kind, id, key)` under `Roots.actor` from its head
 * (the oldest first), in fenced batches of at most 500 entries, deleting each index entry and the
 * record it points to. No cursor is needed: what it deleted is gone, so the head is always the
 * next work. Records past their expiry are already ignored by lookups, so a late run only costs
 * space. An index entry only deletes the record it points to when that record has expired too:
 * the same key, used again once its first outcome expired, holds a newer record (with its own,
 * later index entry) that must keep deduplicating retries for its full 24 h.
 */
import { fencedBatchJob } from "../cluster/fenced-job.ts";
import type { LeaderJob } from "../cluster/jobs-types.ts";
import { ActorKeys, IdempotencyCodec } from "./keys.ts";

const BATCH = 500;

export function createIdempotencyCleanupJob(opts: { intervalMs?: number } = {}): LeaderJob {
  return fencedBatchJob({
    name: "actor-idempotency-cleanup",
    intervalMs: opts.intervalMs ?? 60_000,
    async batch(tx, ctx) {
      const now = ctx.clock.now();
      const [begin, end] = ActorKeys.idemExpiryDue(now);
      const due = await tx.getRange(begin, end, { limit: BATCH });
      for (const row of due) {
        tx.clear(row.key);
        const record = ActorKeys.idemOfExpiry(row.key);
        if (!record) continue;
        const raw = await tx.get(record);
        if (raw && IdempotencyCodec.decode(raw).expiresAt <= now) tx.clear(record);
      }
      return { more: due.length === BATCH };
    },
  });
}
