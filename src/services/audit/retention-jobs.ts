/**
 * Retention leader jobs (src/cluster/jobs-types.ts): each transaction calls `ctx.fence(tx)` first
 * and touches a bounded batch (≤ 500 keys).
 *
 * - `audit-retention` (docs/organizations.md#audit-log, `audit.retention_days`): deletes audit events older than the
 *   retention period with their organization copy and user index entry. Event ids are Snowflakes
 *   (time-ordered) and stored as tuple integers, so `("e", id)` is in time order: the job reads
 *   from the head and stops at the first event young enough to keep. No cursor is needed: what it
 *   passed over is deleted.
 * - `mail-failed-cleanup` (`email.failed_retention_days`): deletes outbox entries that failed for
 *   good longer ago than the retention period. Mail ids are Snowflakes too; an entry created after
 *   the cutoff cannot have failed before it, so the sweep stops at the first such entry. Older
 *   entries it must keep (still pending, or failed recently) are passed with a stored cursor.
 *
 * Both read with snapshot reads: the records they delete are final (audit events are never
 * rewritten; a failed mail is never retried), so a concurrent append must not abort the sweep.
 */
import { fencedBatchJob } from "../../cluster/fenced-job.ts";
import type { LeaderJob, LeaderJobContext } from "../../cluster/jobs-types.ts";
import type { Config } from "../../config/schema.ts";
import { AuditCodec, AuditKeys, deleteAuditEventWrites } from "../../domain/audit/events.ts";
import { deleteOutboxWrites, failedSince, OutboxCodec, OutboxKeys } from "../../email/outbox.ts";
import { concatBytes } from "../../kv/keyspace.ts";
import { applyMutations, type Transaction } from "../../kv/types.ts";

const DAY_MS = 86_400_000;
/** Events per batch: each deletion clears up to 3 keys (event, org copy, user index). */
export const AUDIT_RETENTION_BATCH = 150;
/** Outbox entries examined per batch: each deletion clears 2 keys (entry, due index). */
export const FAILED_MAIL_BATCH = 200;

export const AUDIT_RETENTION_JOB = "audit-retention";
export const FAILED_MAIL_CLEANUP_JOB = "mail-failed-cleanup";

type Batch = (tx: Transaction, ctx: LeaderJobContext, cutoff: number) => Promise<{ more: boolean }>;

/**
 * A retention job: every batch is one transaction, fenced first, that deletes what is older than
 * `now - retentionMs` (the cutoff handed to `batch`).
 */
function retentionJob(
  name: string,
  retentionMs: number,
  intervalMs: number,
  batch: Batch,
): LeaderJob {
  return fencedBatchJob({
    name,
    intervalMs,
    batch: (tx, ctx) => batch(tx, ctx, ctx.clock.now() - retentionMs),
  });
}

/** Deletes audit events created more than `retentionMs` ago, oldest first. */
export function auditRetentionJob(retentionMs: number, intervalMs = 3_600_000): LeaderJob {
  return retentionJob(AUDIT_RETENTION_JOB, retentionMs, intervalMs, async (tx, ctx, cutoff) => {
    const [begin, end] = AuditKeys.event.range();
    const rows = await tx.snapshot.getRange(begin, end, { limit: AUDIT_RETENTION_BATCH });
    let deleted = 0;
    for (const row of rows) {
      const event = AuditCodec.decode(row.value);
      if (event.created_at >= cutoff) break;
      applyMutations(tx, deleteAuditEventWrites(event));
      deleted++;
    }
    if (deleted > 0) ctx.log.debug("audit events deleted", { count: deleted });
    return { more: deleted === AUDIT_RETENTION_BATCH };
  });
}

/** Deletes outbox entries that were given up more than `retentionMs` ago. */
export function failedMailCleanupJob(retentionMs: number, intervalMs = 3_600_000): LeaderJob {
  return retentionJob(FAILED_MAIL_CLEANUP_JOB, retentionMs, intervalMs, async (tx, ctx, cutoff) => {
    const cursor = await ctx.cursor.get(tx);
    const [rangeBegin, end] = OutboxKeys.mail.range();
    const begin =
      cursor === undefined
        ? rangeBegin
        : concatBytes(OutboxKeys.mail.key(BigInt(cursor)), Uint8Array.of(0));
    const rows = await tx.snapshot.getRange(begin, end, { limit: FAILED_MAIL_BATCH });
    let deleted = 0;
    let young = false;
    for (const row of rows) {
      const entry = OutboxCodec.decode(row.value);
      if (entry.created_at >= cutoff) {
        young = true;
        break;
      }
      const failedAt = failedSince(entry);
      if (failedAt === undefined || failedAt >= cutoff) continue;
      applyMutations(tx, deleteOutboxWrites(entry));
      deleted++;
    }
    const last = rows.at(-1);
    const more = !young && rows.length === FAILED_MAIL_BATCH && last !== undefined;
    ctx.cursor.set(tx, more ? String(OutboxKeys.mail.unpack(last.key)[0]) : undefined);
    if (deleted > 0) ctx.log.info("failed mail deleted", { count: deleted });
    return { more };
  });
}

/** The retention jobs `config` enables (a retention of 0 days keeps records for ever: no job). */
export function retentionJobs(config: {
  audit: Pick<Config["audit"], "retention_days">;
  email: Pick<Config["email"], "failed_retention_days">;
}): LeaderJob[] {
  const jobs: LeaderJob[] = [];
  if (config.audit.retention_days > 0) {
    jobs.push(auditRetentionJob(config.audit.retention_days * DAY_MS));
  }
  if (config.email.failed_retention_days > 0) {
    jobs.push(failedMailCleanupJob(config.email.failed_retention_days * DAY_MS));
  }
  return jobs;
}
