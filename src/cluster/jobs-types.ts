/**
 * The contract of leader-only background jobs (implemented by src/cluster/jobs.ts, used by
 * features: mail outbox delivery, session cleanup, vault sync retries, reminder fan-out, ...).
 *
 * A job works in bounded batches. Each batch runs inside transactions that call `ctx.fence(tx)`
 * first: it re-reads the leader record and aborts the transaction (typed error) when the epoch is
 * not this node's, so a deposed leader can never commit a job's effects. Effects outside the KV
 * store (sending mail) happen between fenced transactions (claim with a lease, then send, then
 * record), never inside a transaction body.
 */

import type { KvStore, Transaction } from "../kv/types.ts";
import type { Clock } from "../lib/clock.ts";
import type { Logger } from "../lib/log.ts";

export interface LeaderJobContext {
  kv: KvStore;
  clock: Clock;
  log: Logger;
  /** Aborted when this node stops being leader or shuts down. */
  signal: AbortSignal;
  /**
   * Call first in every transaction of the job. Re-reads the leader record in `tx` (adding it to
   * the read conflicts) and throws `AppError` code `NOT_LEADER` when the epoch is not ours.
   */
  fence(tx: Transaction): Promise<void>;
  /** The job's stored cursor (read/written inside the caller's fenced transaction). */
  cursor: {
    get(tx: Transaction): Promise<string | undefined>;
    set(tx: Transaction, cursor: string | undefined): void;
  };
}

export interface LeaderJob {
  /** Unique, kebab-case: "mail-outbox", "session-cleanup". */
  name: string;
  /** Pause between batches when the previous batch reported no more work (ms). */
  intervalMs: number;
  /**
   * Runs one bounded batch (≤ 500 keys, ≤ 1 MB, ≤ 1 s per transaction). Resolve `{more: true}`
   * when work remains so the next batch starts at once.
   */
  runBatch(ctx: LeaderJobContext): Promise<{ more: boolean }>;
}
