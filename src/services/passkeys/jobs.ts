/**
 * Leader job `passkey-challenge-cleanup` (docs/passkeys.md), fenced and batched: deletes the
 * challenges of ceremonies nobody finished, once expired, oldest first.
 */
import { fencedBatchJob } from "../../cluster/fenced-job.ts";
import type { LeaderJob } from "../../cluster/jobs-types.ts";
import { listExpiredChallenges, PasskeyKeys } from "../../domain/passkeys/records.ts";
import { CLEANUP_BATCH } from "../sessions/jobs.ts";

export function passkeyChallengeCleanupJob(intervalMs = 300_000): LeaderJob {
  return fencedBatchJob({
    name: "passkey-challenge-cleanup",
    intervalMs,
    async batch(tx, ctx) {
      const expired = await listExpiredChallenges(tx, ctx.clock.now(), CLEANUP_BATCH);
      for (const { indexKey, hash } of expired) {
        tx.clear(indexKey);
        tx.clear(PasskeyKeys.challengeByHash(hash));
      }
      return { more: expired.length === CLEANUP_BATCH };
    },
  });
}
