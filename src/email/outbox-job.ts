/**
 * The `mail-outbox` leader job: every `intervalMs`, claims due outbox entries in a fenced
 * transaction, sends them after commit and records the outcome in a second fenced transaction
 * (see src/email/delivery.ts). Batches of at most `batchSize` mails.
 */
import type { LeaderJob } from "../cluster/jobs-types.ts";
import type { OutboxDelivery } from "./delivery.ts";

export const MAIL_OUTBOX_JOB = "mail-outbox";

export function mailOutboxJob(
  delivery: OutboxDelivery,
  opts: { intervalMs?: number; batchSize?: number } = {},
): LeaderJob {
  const batchSize = opts.batchSize ?? 25;
  return {
    name: MAIL_OUTBOX_JOB,
    intervalMs: opts.intervalMs ?? 1000,
    async runBatch(ctx) {
      const claimed = await delivery.deliverDue(batchSize, (tx) => ctx.fence(tx));
      return { more: claimed === batchSize };
    },
  };
}
