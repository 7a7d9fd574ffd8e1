/**
 * The sessions' leader job (src/cluster/jobs-types.ts), fenced and batched: `session-cleanup`
 * walks all sessions by id with a stored cursor and deletes those revoked, or past their deadline,
 * for longer than `auth.session_retention_s`.
 */

import { fencedBatchJob } from "../../cluster/fenced-job.ts";
import type { LeaderJob } from "../../cluster/jobs-types.ts";
import { stepSession } from "../../domain/sessions/machine.ts";
import {
  deleteSessionWrites,
  SessionCodec,
  SessionKeys,
  type SessionRecord,
} from "../../domain/sessions/records.ts";
import { concatBytes } from "../../kv/keyspace.ts";
import { applyMutations } from "../../kv/types.ts";

/** Keys examined per batch. */
export const CLEANUP_BATCH = 200;

/** True when the session can be deleted at `now`: revoked or expired for over `retentionMs`. */
export function sessionDeletable(s: SessionRecord, now: number, retentionMs: number): boolean {
  const m = stepSession(s.machine, { type: "CHECK", now }).next;
  if (m.value === "revoked") return (m.context.revokedAt ?? 0) + retentionMs < now;
  if (m.value === "expired") return m.context.expiresAt + retentionMs < now;
  return false;
}

export function sessionCleanupJob(retentionMs: number, intervalMs = 60_000): LeaderJob {
  return fencedBatchJob({
    name: "session-cleanup",
    intervalMs,
    async batch(tx, ctx) {
      const now = ctx.clock.now();
      const cursor = await ctx.cursor.get(tx);
      const [rangeBegin, end] = SessionKeys.session.range();
      const begin =
        cursor === undefined
          ? rangeBegin
          : concatBytes(SessionKeys.session.key(BigInt(cursor)), Uint8Array.of(0));
      // Snapshot reads: a concurrent touch of a live session must not abort the sweep; the
      // sessions we delete are final (revoked/expired), which no concurrent use can undo.
      const rows = await tx.snapshot.getRange(begin, end, { limit: CLEANUP_BATCH });
      let deleted = 0;
      for (const row of rows) {
        const s = SessionCodec.decode(row.value);
        if (!sessionDeletable(s, now, retentionMs)) continue;
        applyMutations(tx, deleteSessionWrites(s));
        deleted++;
      }
      const last = rows.at(-1);
      const more = rows.length === CLEANUP_BATCH && last !== undefined;
      ctx.cursor.set(tx, more ? String(SessionKeys.session.unpack(last.key)[0]) : undefined);
      if (deleted > 0) ctx.log.debug("sessions deleted", { count: deleted });
      return { more };
    },
  });
}
