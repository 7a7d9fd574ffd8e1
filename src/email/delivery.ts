/**
 * Delivery of outbox entries (src/email/outbox.ts): claim → send → record.
 *
 * 1. Claim, in one transaction (fenced when run by the leader job): read each entry, skip it unless
 *    it is pending, due and unleased (or its lease ran out), then set a lease and move its due index
 *    to the lease's end.
 * 2. Send each claimed mail through the `Mailer`, after that transaction committed.
 * 3. Record, in a second transaction (fenced likewise): only if the entry still carries our lease,
 *    delete it (sent) or schedule the next attempt with exponential backoff, or mark it `failed`
 *    after `maxAttempts`.
 *
 * Two users: the `mail-outbox` leader job (src/email/outbox-job.ts), which sweeps due entries, and
 * `deliverNow()`, which a service calls right after committing an action that enqueued mail, so a
 * mail normally leaves at once; the lease makes the two safe to run at the same time.
 */
import type { Sealer } from "../crypto/envelope.ts";
import type { KvStore, Transaction } from "../kv/types.ts";
import { applyMutations } from "../kv/types.ts";
import type { Clock } from "../lib/clock.ts";
import type { Logger } from "../lib/log.ts";
import type { Mailer } from "./mailer.ts";
import {
  deleteOutboxWrites,
  getOutboxEntry,
  listDueMail,
  mailBody,
  type OutboxEntry,
  putOutboxWrites,
} from "./outbox.ts";

export interface DeliveryPolicy {
  /** How long a claim holds an entry (ms); longer than the slowest SMTP exchange. */
  leaseMs: number;
  /** Attempts before an entry is marked failed. */
  maxAttempts: number;
  /** First retry delay (ms); doubles per attempt up to `backoffMaxMs`. */
  backoffBaseMs: number;
  backoffMaxMs: number;
}

export const DEFAULT_DELIVERY_POLICY: DeliveryPolicy = {
  leaseMs: 60_000,
  maxAttempts: 8,
  backoffBaseMs: 30_000,
  backoffMaxMs: 3_600_000,
};

/** Delay before attempt `attempts + 1`, after `attempts` failures (≥ 1). */
export function backoffMs(policy: DeliveryPolicy, attempts: number): number {
  return Math.min(policy.backoffMaxMs, policy.backoffBaseMs * 2 ** Math.max(0, attempts - 1));
}

type Fence = (tx: Transaction) => Promise<void>;
const noFence: Fence = async () => {};

interface Outcome {
  entry: OutboxEntry;
  error: string | null;
}

export class OutboxDelivery {
  readonly #kv: KvStore;
  readonly #clock: Clock;
  readonly #mailer: Mailer;
  readonly #log: Logger;
  readonly policy: DeliveryPolicy;
  readonly #inFlight = new Set<Promise<void>>();
  readonly #sealer: Sealer | undefined;

  constructor(opts: {
    kv: KvStore;
    clock: Clock;
    mailer: Mailer;
    log: Logger;
    policy?: Partial<DeliveryPolicy>;
    /** Opens sealed mail bodies (the sealer the `MailOutbox` writing them uses). */
    sealer?: Sealer;
  }) {
    this.#sealer = opts.sealer;
    this.#kv = opts.kv;
    this.#clock = opts.clock;
    this.#mailer = opts.mailer;
    this.#log = opts.log;
    this.policy = { ...DEFAULT_DELIVERY_POLICY, ...opts.policy };
  }

  /**
   * Claims up to `limit` due entries and delivers them. Returns how many were claimed (a full
   * batch means more may be due).
   */
  async deliverDue(limit: number, fence: Fence = noFence): Promise<number> {
    const claimed = await this.#kv.transact(
      async (tx) => {
        await fence(tx);
        const now = this.#clock.now();
        return this.#claim(tx, await listDueMail(tx, now, limit), now);
      },
      { name: "outbox.claim" },
    );
    await this.#sendAndRecord(claimed, fence);
    return claimed.length;
  }

  /**
   * Delivers specific entries now (the fast path after an action commits). Never rejects; callers
   * need not await it (`drain()` waits for every delivery in flight).
   */
  deliverNow(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return Promise.resolve();
    const p = this.#deliverNow(ids).finally(() => this.#inFlight.delete(p));
    this.#inFlight.add(p);
    return p;
  }

  /** Resolves once every `deliverNow` started so far has finished (graceful shutdown, tests). */
  async drain(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.all([...this.#inFlight]);
  }

  async #deliverNow(ids: readonly string[]): Promise<void> {
    try {
      const claimed = await this.#kv.transact((tx) => this.#claim(tx, ids, this.#clock.now()), {
        name: "outbox.claim_now",
      });
      await this.#sendAndRecord(claimed, noFence);
    } catch (e) {
      this.#log.warn("mail fast path failed; the outbox job will retry", { error: e });
    }
  }

  async #claim(tx: Transaction, ids: readonly string[], now: number): Promise<OutboxEntry[]> {
    const out: OutboxEntry[] = [];
    for (const id of ids) {
      const entry = await getOutboxEntry(tx, id);
      if (entry?.status !== "pending" || entry.next_attempt_at > now) continue;
      if (entry.lease_until !== null && entry.lease_until > now) continue;
      const leased: OutboxEntry = {
        ...entry,
        lease_until: now + this.policy.leaseMs,
        next_attempt_at: now + this.policy.leaseMs,
      };
      applyMutations(tx, putOutboxWrites(leased, entry.next_attempt_at));
      out.push(leased);
    }
    return out;
  }

  async #sendAndRecord(claimed: OutboxEntry[], fence: Fence): Promise<void> {
    if (claimed.length === 0) return;
    const outcomes: Outcome[] = await Promise.all(
      claimed.map(async (entry) => {
        try {
          await this.#mailer.send({
            to: entry.to,
            subject: entry.subject,
            ...mailBody(entry, this.#sealer),
            messageId: entry.message_id,
          });
          return { entry, error: null };
        } catch (e) {
          return { entry, error: e instanceof Error ? e.message : String(e) };
        }
      }),
    );
    await this.#kv.transact(
      async (tx) => {
        await fence(tx);
        const now = this.#clock.now();
        for (const o of outcomes) this.#record(tx, o, await getOutboxEntry(tx, o.entry.id), now);
      },
      { name: "outbox.record" },
    );
    for (const o of outcomes) {
      const fields = { mail_id: o.entry.id, kind: o.entry.kind, attempt: o.entry.attempts + 1 };
      if (o.error === null) this.#log.debug("mail sent", fields);
      else this.#log.warn("mail send failed", { ...fields, error: o.error });
    }
  }

  #record(tx: Transaction, o: Outcome, current: OutboxEntry | undefined, now: number): void {
    // Someone else's lease (ours ran out and the entry was claimed again): leave it to them.
    if (!current || current.lease_until !== o.entry.lease_until) return;
    if (o.error === null) {
      applyMutations(tx, deleteOutboxWrites(current));
      return;
    }
    const attempts = current.attempts + 1;
    const failed = attempts >= this.policy.maxAttempts;
    const next: OutboxEntry = {
      ...current,
      attempts,
      lease_until: null,
      last_error: o.error.slice(0, 500),
      status: failed ? "failed" : "pending",
      next_attempt_at: failed ? current.next_attempt_at : now + backoffMs(this.policy, attempts),
    };
    if (failed) {
      // Given up: keep the record for operators, not the tokens in its body.
      next.text = "";
      next.html = "";
      next.failed_at = now;
      delete next.sealed_body;
    }
    applyMutations(tx, putOutboxWrites(next, current.next_attempt_at));
    if (failed) {
      this.#log.error("mail given up", { mail_id: current.id, kind: current.kind, attempts });
    }
  }
}
