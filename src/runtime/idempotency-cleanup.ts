/**
 * The leader-only job that deletes expired idempotency records (24 h after their turn): it walks
 * the global expiry index `("$expiry", expiresAt, kind, id, key)` under `Roots.actor` from its head
 * (the oldest first), in fenced batches of at most 500 entries, deleting each index entry and the
 * record it points to. No cursor is needed: what it deleted is gone, so the head is always the
 * next work. Records past their expiry are already ignored by lookups, so a late run only costs
 * space.
 */
import type { LeaderJob } from "../cluster/jobs-types.ts";
import { ActorKeys } from "./keys.ts";

const BATCH = 500;

export function createIdempotencyCleanupJob(opts: { intervalMs?: number } = {}): LeaderJob {
  return {
    name: "actor-idempotency-cleanup",
    intervalMs: opts.intervalMs ?? 60_000,
    async runBatch(ctx) {
      const now = ctx.clock.now();
      const deleted = await ctx.kv.transact(
        async (tx) => {
          await ctx.fence(tx);
          const [begin, end] = ActorKeys.idemExpiryDue(now);
          const due = await tx.getRange(begin, end, { limit: BATCH });
          for (const row of due) {
            tx.clear(row.key);
            const record = ActorKeys.idemOfExpiry(row.key);
            if (record) tx.clear(record);
          }
          return due.length;
        },
        { name: "actors.idempotency-cleanup" },
      );
      return { more: deleted === BATCH };
    },
  };
}
