/**
 * Durable reminders: timeouts that must survive eviction and failover (docs/actors.md). A
 * reminder is a KV record the leader's `reminders` job hands to a delivery callback at its due
 * time (the runtime turns it into an actor message). Delivery is at least once: the entry is
 * deleted only after the callback resolved; a failed delivery is retried later with backoff.
 *
 * Layout under `Roots.reminder` (due times are wall-clock ms since the Unix epoch):
 *
 *   reminder/due/<bucket>/<dueMs>/<kind>/<id>/<name>   Reminder   bucket = floor(dueMs / 1000)
 *   reminder/by/<kind>/<id>/<name>                     {dueMs}    the one current schedule
 *
 * The `by` index makes scheduling and cancelling pure (`Mutation[]`, no reads), so an actor turn
 * can add them to its write set: scheduling writes both keys; rescheduling writes a new due entry
 * and repoints the index; cancelling clears the index only. A due entry the index does not point
 * to is stale: the scanner drops it without delivering.
 *
 * The scan always starts at the head of the due index (delivered entries are gone), so no cursor
 * is kept: a cursor would skip reminders scheduled late into an already-scanned bucket.
 */
import { defineCodec } from "../kv/codec.ts";
import { Roots } from "../kv/layout.ts";
import { applyMutations, type Mutation, type Transaction } from "../kv/types.ts";
import type { LeaderJob, LeaderJobContext } from "./jobs-types.ts";

export const REMINDER_BUCKET_MS = 1000;
const DEFAULT_BATCH = 100;
const RETRY_BASE_MS = 1000;
const RETRY_CAP_MS = 5 * 60_000;

export interface ReminderRef {
  /** Actor kind, e.g. "vault". */
  kind: string;
  /** Actor id. */
  id: string;
  /** Reminder name, unique per actor: "sync-retry". */
  name: string;
}

export interface Reminder extends ReminderRef {
  /** Due time, wall-clock ms since the Unix epoch. */
  dueMs: number;
  /** JSON-serialisable data handed back on delivery. */
  payload?: unknown;
  /** Failed deliveries so far (0 on the first delivery). */
  attempts?: number;
}

/** Delivers one due reminder; resolve when it has been accepted (e.g. the actor committed). */
export type ReminderDelivery = (reminder: Reminder) => Promise<void>;

const ReminderCodec = defineCodec<Reminder>({
  name: "reminder",
  version: 1,
  validate: (v) => {
    const r = v as Partial<Reminder>;
    if (typeof r.kind !== "string" || typeof r.id !== "string" || typeof r.name !== "string") {
      throw new TypeError("reminder ref");
    }
    if (typeof r.dueMs !== "number") throw new TypeError("reminder dueMs");
  },
});

const IndexCodec = defineCodec<{ dueMs: number }>({
  name: "reminder index",
  version: 1,
  validate: (v) => {
    if (typeof (v as { dueMs?: unknown }).dueMs !== "number") throw new TypeError("dueMs");
  },
});

export const ReminderKeys = {
  due: Roots.reminder.sub("due"),
  dueKey: (r: Reminder) =>
    Roots.reminder.key("due", bucketOf(r.dueMs), r.dueMs, r.kind, r.id, r.name),
  index: (r: ReminderRef) => Roots.reminder.key("by", r.kind, r.id, r.name),
  byActor: (kind: string, id: string) => Roots.reminder.sub("by", kind, id),
} as const;

export function bucketOf(dueMs: number): number {
  return Math.floor(dueMs / REMINDER_BUCKET_MS);
}

function checkRef(r: ReminderRef): void {
  if (!r.kind || !r.id || !r.name) throw new RangeError("reminder kind, id and name are required");
}

/** Writes (or moves) the reminder `kind/id/name` to `dueMs`. Pure. */
export function scheduleReminder(r: Reminder): Mutation[] {
  checkRef(r);
  if (!Number.isSafeInteger(r.dueMs) || r.dueMs < 0) throw new RangeError("dueMs must be ms");
  const entry: Reminder = { kind: r.kind, id: r.id, name: r.name, dueMs: r.dueMs };
  if (r.payload !== undefined) entry.payload = r.payload;
  if (r.attempts) entry.attempts = r.attempts;
  return [
    { op: "set", key: ReminderKeys.dueKey(entry), value: ReminderCodec.encode(entry) },
    { op: "set", key: ReminderKeys.index(entry), value: IndexCodec.encode({ dueMs: r.dueMs }) },
  ];
}

/** Cancels the reminder `kind/id/name` (its due entry becomes stale and is dropped). Pure. */
export function cancelReminder(r: ReminderRef): Mutation[] {
  checkRef(r);
  return [{ op: "clear", key: ReminderKeys.index(r) }];
}

/** Cancels every reminder of one actor (when the actor's entity is deleted). Pure. */
export function cancelActorReminders(kind: string, id: string): Mutation[] {
  const [begin, end] = ReminderKeys.byActor(kind, id).range();
  return [{ op: "clearRange", begin, end }];
}

/** The reminder currently scheduled for `ref`, read inside `tx` (for tests and diagnostics). */
export async function readReminder(
  tx: Transaction,
  ref: ReminderRef,
): Promise<Reminder | undefined> {
  const idx = await tx.get(ReminderKeys.index(ref));
  if (!idx) return undefined;
  const { dueMs } = IndexCodec.decode(idx);
  const v = await tx.get(ReminderKeys.dueKey({ ...ref, dueMs }));
  return v ? ReminderCodec.decode(v) : undefined;
}

async function isCurrent(tx: Transaction, r: Reminder): Promise<boolean> {
  const idx = await tx.get(ReminderKeys.index(r));
  return !!idx && IndexCodec.decode(idx).dueMs === r.dueMs;
}

export interface ReminderJobOptions {
  /** Returns the delivery callback, or undefined while none is wired (the job then idles). */
  delivery: () => ReminderDelivery | undefined;
  /** Scan interval when nothing is due (ms). Default 250. */
  intervalMs?: number;
  /** Reminders per batch. Default 100. */
  batchSize?: number;
}

/**
 * The leader job that fans due reminders out: (1) a fenced transaction takes up to `batchSize`
 * due entries from the head of the index, dropping stale ones; (2) each is delivered outside any
 * transaction; (3) a fenced transaction deletes the delivered ones (still current) and moves the
 * failed ones to a later due time with `attempts + 1`.
 */
export function createReminderJob(opts: ReminderJobOptions): LeaderJob {
  const batchSize = opts.batchSize ?? DEFAULT_BATCH;
  return {
    name: "reminders",
    intervalMs: opts.intervalMs ?? 250,
    async runBatch(ctx: LeaderJobContext) {
      const deliver = opts.delivery();
      if (!deliver) return { more: false };
      const now = ctx.clock.now();
      const due = await ctx.kv.transact(
        async (tx) => {
          await ctx.fence(tx);
          const [begin] = ReminderKeys.due.range();
          const end = Roots.reminder.key("due", bucketOf(now) + 1);
          const out: Reminder[] = [];
          const rows = await tx.getRange(begin, end, { limit: batchSize });
          for (const row of rows) {
            const r = ReminderCodec.decode(row.value);
            if (r.dueMs > now) break;
            if (await isCurrent(tx, r)) out.push(r);
            else tx.clear(row.key);
          }
          return { reminders: out, full: rows.length === batchSize };
        },
        { name: "reminders.scan" },
      );
      if (due.reminders.length === 0) return { more: false };
      const results = await Promise.allSettled(due.reminders.map((r) => deliver(r)));
      if (ctx.signal.aborted) return { more: false };
      const delivered: Reminder[] = [];
      const failed: Reminder[] = [];
      results.forEach((res, i) => {
        const r = due.reminders[i]!;
        if (res.status === "fulfilled") delivered.push(r);
        else {
          failed.push(r);
          ctx.log.warn("reminder delivery failed", {
            kind: r.kind,
            id: r.id,
            name: r.name,
            err: res.reason,
          });
        }
      });
      await ctx.kv.transact(
        async (tx) => {
          await ctx.fence(tx);
          for (const r of [...delivered, ...failed]) {
            const current = await isCurrent(tx, r);
            tx.clear(ReminderKeys.dueKey(r));
            if (!current) continue; // rescheduled or cancelled meanwhile
            if (delivered.includes(r)) {
              tx.clear(ReminderKeys.index(r));
            } else {
              const attempts = (r.attempts ?? 0) + 1;
              const delay = Math.min(RETRY_BASE_MS * 2 ** (attempts - 1), RETRY_CAP_MS);
              applyMutations(tx, scheduleReminder({ ...r, dueMs: now + delay, attempts }));
            }
          }
        },
        { name: "reminders.settle" },
      );
      return { more: due.full };
    },
  };
}
