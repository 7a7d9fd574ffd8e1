/**
 * `fencedBatchJob()`: the common shape of a leader-only job whose every batch is one transaction,
 * fenced first (the leader record is re-read in it, so a deposed leader commits nothing). The
 * batch body returns `{more: true}` while work remains; the framework (src/cluster/jobs.ts) then
 * runs the next batch at once.
 */
import type { Transaction } from "../kv/types.ts";
import type { LeaderJob, LeaderJobContext } from "./jobs-types.ts";

export interface FencedBatchJobSpec {
  /** Unique, kebab-case; the transaction is named `job.<name>` in logs and metrics. */
  name: string;
  /** Pause between batches once a batch reported no more work (ms). */
  intervalMs: number;
  /** One bounded batch inside the fenced transaction (retried as a whole on conflict). */
  batch(tx: Transaction, ctx: LeaderJobContext): Promise<{ more: boolean }>;
}

export function fencedBatchJob(spec: FencedBatchJobSpec): LeaderJob {
  const txName = `job.${spec.name}`;
  return {
    name: spec.name,
    intervalMs: spec.intervalMs,
    runBatch: (ctx) =>
      ctx.kv.transact(
        async (tx) => {
          await ctx.fence(tx);
          return spec.batch(tx, ctx);
        },
        { name: txName },
      ),
  };
}
