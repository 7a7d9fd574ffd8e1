/**
 * Leader jobs of sign-up and sign-in (src/cluster/jobs-types.ts), fenced and batched:
 * - `token-cleanup`: deletes one-time tokens (address verification, password reset) past their
 *   expiry, oldest first;
 * - `ratelimit-cleanup`: clears every finished rate-limit window (one range clear).
 */
import { fencedBatchJob } from "../../cluster/fenced-job.ts";
import type { LeaderJob } from "../../cluster/jobs-types.ts";
import { finishedWindowsRange } from "../../domain/ratelimit/counters.ts";
import { deleteTokenWrites, getToken, listExpiredTokens } from "../../domain/tokens/records.ts";
import { applyMutations } from "../../kv/types.ts";
import { CLEANUP_BATCH } from "../sessions/jobs.ts";

export function tokenCleanupJob(intervalMs = 300_000): LeaderJob {
  return fencedBatchJob({
    name: "token-cleanup",
    intervalMs,
    async batch(tx, ctx) {
      const expired = await listExpiredTokens(tx, ctx.clock.now(), CLEANUP_BATCH);
      for (const { id, indexKey } of expired) {
        const t = await getToken(tx, id);
        if (t) applyMutations(tx, deleteTokenWrites(t));
        else tx.clear(indexKey);
      }
      return { more: expired.length === CLEANUP_BATCH };
    },
  });
}

export function rateLimitCleanupJob(intervalMs = 300_000): LeaderJob {
  return fencedBatchJob({
    name: "ratelimit-cleanup",
    intervalMs,
    async batch(tx, ctx) {
      const [begin, end] = finishedWindowsRange(ctx.clock.now());
      tx.clearRange(begin, end);
      return { more: false };
    },
  });
}
