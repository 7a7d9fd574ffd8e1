/**
 * Delivery of engine cache invalidations (docs/engine-invalidation.md; records in
 * src/domain/invalidations/records.ts, written in the commit of the change): claim → push →
 * record, like the mail outbox (src/email/delivery.ts).
 *
 * 1. Claim, in one transaction (fenced when run by the leader job): each due, unleased (or
 *    lease-expired) record gets a lease and its due entry moves to the lease's end.
 * 2. Push, after that commit: `POST {endpoint}{path}` with `Authorization: Bearer <JWT>` of this
 *    service (the signer of src/engine/auth.ts) to every endpoint of
 *    `server_api.engine_http_endpoints` not yet in the record's `delivered`.
 * 3. Record, in a second transaction (fenced likewise), only if the record still carries our
 *    lease: endpoints that answered 2xx join `delivered`; the record is deleted once every endpoint
 *    is in it, else retried after an exponential, jittered, capped delay; after
 *    `invalidation_give_up_ms` since the change it is deleted with an error log and
 *    `engine_invalidation_failures_total{reason="given_up"}`.
 *
 * Two users, as for mail: `kick()`, which the node whose call committed an invalidating change
 * runs at once (`kickingActorClient` wraps the services' actor client), and the
 * `engine-invalidation` leader job, which sweeps due records every `invalidation_sweep_interval_ms`
 * (retries, and records a killed node left behind once their lease ran out). The lease makes the
 * two safe together; delivery is at least once (the engine's invalidation is idempotent).
 */
import { Counter, Gauge, Histogram, Registry } from "prom-client";
import type { LeaderJob } from "../cluster/jobs-types.ts";
import type { Config } from "../config/schema.ts";
import {
  deleteInvalidationWrites,
  getInvalidation,
  InvalidationKeys,
  type InvalidationRecord,
  listDueInvalidations,
  normalizeEndpoint,
  putInvalidationWrites,
  remainingEndpoints,
  retryDelayMs,
} from "../domain/invalidations/records.ts";
import { applyMutations, type KvStore, type Transaction } from "../kv/types.ts";
import type { Clock } from "../lib/clock.ts";
import type { Logger } from "../lib/log.ts";
import type { ActorClient } from "../runtime/client.ts";
import type { ServiceTokenSigner } from "./auth.ts";

export const ENGINE_INVALIDATION_JOB = "engine-invalidation";

export interface InvalidationPolicy {
  /** Engine base URLs (normalized, no trailing slash). */
  endpoints: string[];
  baseDelayMs: number;
  maxDelayMs: number;
  /** A record older than this (ms since the change) is given up. */
  giveUpAfterMs: number;
  /** Timeout of one POST (ms). */
  requestTimeoutMs: number;
  /** Period of the leader job's sweep (ms). */
  sweepIntervalMs: number;
  /** Records per claim. */
  batchSize: number;
}

export function invalidationPolicyOf(config: Config): InvalidationPolicy {
  const s = config.server_api;
  return {
    endpoints: [...new Set(s.engine_http_endpoints.map(normalizeEndpoint))],
    baseDelayMs: s.invalidation_base_delay_ms,
    maxDelayMs: s.invalidation_max_delay_ms,
    giveUpAfterMs: s.invalidation_give_up_ms,
    requestTimeoutMs: s.invalidation_request_timeout_ms,
    sweepIntervalMs: s.invalidation_sweep_interval_ms,
    batchSize: 50,
  };
}

/** Messages whose turn may write an invalidation record, by actor kind. */
export const INVALIDATING_MESSAGES: Readonly<Record<string, ReadonlySet<string>>> = {
  organization: new Set([
    "delete",
    "suspend",
    "resume",
    "clients.setActive",
    "clients.delete",
    "certificates.revoke",
    "certificates.delete",
  ]),
  vault: new Set(["update", "delete", "vault.purgeOrg"]),
};

/**
 * `client`, kicking delivery once an invalidating message's turn answered (replies come only
 * after the commit), so the push leaves at once from the node that saw the commit.
 */
export function kickingActorClient(client: ActorClient, kick: () => void): ActorClient {
  return {
    async ask(kind, id, message, opts) {
      const reply = await client.ask(kind, id, message, opts);
      if (INVALIDATING_MESSAGES[kind]?.has(String(message.type))) kick();
      return reply;
    },
  };
}

type Fence = (tx: Transaction) => Promise<void>;
const noFence: Fence = async () => {};

/** One endpoint's answer: null = 2xx, else the failure reason and message. */
type PushResult = { reason: string; message: string } | null;

interface Outcome {
  record: InvalidationRecord;
  results: Map<string, PushResult>;
}

export class InvalidationDelivery {
  readonly #kv: KvStore;
  readonly #clock: Clock;
  readonly #log: Logger;
  readonly #signer: ServiceTokenSigner;
  readonly #random: () => number;
  readonly policy: InvalidationPolicy;
  readonly #inFlight = new Set<Promise<void>>();
  #kicked: Promise<void> | undefined;
  #again = false;
  #closed = false;
  readonly #m: {
    delivered: Counter<"kind">;
    failures: Counter<"reason">;
    lag: Histogram<"kind">;
  };

  constructor(o: {
    kv: KvStore;
    clock: Clock;
    log: Logger;
    signer: ServiceTokenSigner;
    policy: InvalidationPolicy;
    metrics?: Registry;
    /** [0, 1) for the retry jitter (tests may fix it). */
    random?: () => number;
  }) {
    this.#kv = o.kv;
    this.#clock = o.clock;
    this.#log = o.log;
    this.#signer = o.signer;
    this.#random = o.random ?? Math.random;
    this.policy = o.policy;
    const registers = [o.metrics ?? new Registry()];
    const pending = () => this.pending();
    this.#m = {
      delivered: new Counter({
        name: "engine_invalidations_delivered_total",
        help: "Engine cache invalidations delivered to every endpoint, by kind",
        labelNames: ["kind"] as const,
        registers,
      }),
      failures: new Counter({
        name: "engine_invalidation_failures_total",
        help: "Failed invalidation pushes to one endpoint by reason (timeout, network, http_4xx, http_5xx), and records given up (given_up)",
        labelNames: ["reason"] as const,
        registers,
      }),
      lag: new Histogram({
        name: "engine_invalidation_lag_seconds",
        help: "From the commit of the change to its invalidation delivered to every endpoint",
        labelNames: ["kind"] as const,
        buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 5, 30, 60, 300, 3600],
        registers,
      }),
    };
    new Gauge({
      name: "engine_invalidations_pending",
      help: "Engine cache invalidations waiting to be delivered (records in the store)",
      registers,
      async collect() {
        this.set(await pending());
      },
    });
  }

  /** Records waiting (read from the store, at most 10 000 counted). */
  async pending(): Promise<number> {
    return this.#kv.transact(
      async (tx) => {
        const [begin, end] = InvalidationKeys.record.range();
        return (await tx.snapshot.getRange(begin, end, { limit: 10_000 })).length;
      },
      { name: "engine.invalidation.pending" },
    );
  }

  /**
   * Delivers what is due now, in the background (after a commit). Kicks while a round runs
   * coalesce into one more round. Never rejects.
   */
  kick(): void {
    if (this.#closed) return;
    if (this.#kicked) {
      this.#again = true;
      return;
    }
    const p = this.#kickLoop().finally(() => {
      this.#kicked = undefined;
      this.#inFlight.delete(p);
    });
    this.#kicked = p;
    this.#inFlight.add(p);
  }

  async #kickLoop(): Promise<void> {
    try {
      do {
        this.#again = false;
        while (!this.#closed) {
          const n = await this.deliverDue(this.policy.batchSize);
          if (n < this.policy.batchSize) break;
        }
      } while (this.#again && !this.#closed);
    } catch (e) {
      this.#log.warn("invalidation fast path failed; the leader job retries", { err: e });
    }
  }

  /** Resolves once every delivery started so far has finished (shutdown, tests). */
  async drain(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.drain();
  }

  /** The leader job sweeping due records (retries, records left by a dead node). */
  job(): LeaderJob {
    const batch = this.policy.batchSize;
    return {
      name: ENGINE_INVALIDATION_JOB,
      intervalMs: this.policy.sweepIntervalMs,
      runBatch: async (ctx) => {
        const claimed = await this.deliverDue(batch, (tx) => ctx.fence(tx));
        return { more: claimed === batch };
      },
    };
  }

  /** Claims up to `limit` due records and delivers them; returns how many were claimed. */
  async deliverDue(limit: number, fence: Fence = noFence): Promise<number> {
    const claimed = await this.#kv.transact(
      async (tx) => {
        await fence(tx);
        const now = this.#clock.now();
        return this.#claim(tx, await listDueInvalidations(tx, now, limit), now);
      },
      { name: "engine.invalidation.claim" },
    );
    if (claimed.length === 0) return 0;
    const outcomes = await Promise.all(claimed.map((r) => this.#push(r)));
    // Metrics and logs only once the outcome committed (the body may run again on a conflict).
    const effects = await this.#kv.transact(
      async (tx) => {
        await fence(tx);
        const now = this.#clock.now();
        const out: (() => void)[] = [];
        for (const o of outcomes) {
          out.push(this.#record(tx, o, await getInvalidation(tx, o.record.id), now));
        }
        return out;
      },
      { name: "engine.invalidation.record" },
    );
    for (const effect of effects) effect();
    return claimed.length;
  }

  /** Lease of one claim: longer than one round of pushes (each bounded by the timeout). */
  get #leaseMs(): number {
    return 2 * this.policy.requestTimeoutMs + 5_000;
  }

  async #claim(tx: Transaction, ids: readonly string[], now: number) {
    const out: InvalidationRecord[] = [];
    for (const id of ids) {
      const rec = await getInvalidation(tx, id);
      if (!rec || rec.next_attempt_at > now) continue;
      if (rec.lease_until !== null && rec.lease_until > now) continue;
      const until = now + this.#leaseMs;
      const leased: InvalidationRecord = { ...rec, lease_until: until, next_attempt_at: until };
      applyMutations(tx, putInvalidationWrites(leased, rec.next_attempt_at));
      out.push(leased);
    }
    return out;
  }

  async #push(record: InvalidationRecord): Promise<Outcome> {
    const results = new Map<string, PushResult>();
    const targets = remainingEndpoints(record, this.policy.endpoints);
    if (targets.length === 0) return { record, results };
    let auth: string;
    try {
      auth = `Bearer ${await this.#signer.token()}`;
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      for (const t of targets) results.set(t, { reason: "signing", message });
      return { record, results };
    }
    await Promise.all(
      targets.map(async (endpoint) => {
        results.set(endpoint, await this.#post(`${endpoint}${record.path}`, auth));
      }),
    );
    return { record, results };
  }

  async #post(url: string, auth: string): Promise<PushResult> {
    try {
      const res = await fetch(url, {
        method: "POST",
        headers: { authorization: auth },
        signal: AbortSignal.timeout(this.policy.requestTimeoutMs),
      });
      await res.arrayBuffer().catch(() => undefined);
      if (res.status >= 200 && res.status < 300) return null;
      return {
        reason: res.status >= 500 ? "http_5xx" : "http_4xx",
        message: `HTTP ${res.status}`,
      };
    } catch (e) {
      const name = e instanceof Error ? e.name : "";
      const message = e instanceof Error ? e.message : String(e);
      return { reason: name === "TimeoutError" ? "timeout" : "network", message };
    }
  }

  /** Writes the outcome of one record into `tx`; returns its metrics and logs, to run after commit. */
  #record(
    tx: Transaction,
    o: Outcome,
    current: InvalidationRecord | undefined,
    now: number,
  ): () => void {
    // Our lease ran out and someone else claimed it again: theirs to record.
    if (!current || current.lease_until !== o.record.lease_until) return () => {};
    const delivered = [...current.delivered];
    const errors: string[] = [];
    const reasons: string[] = [];
    for (const [endpoint, r] of o.results) {
      if (r === null) delivered.push(endpoint);
      else {
        reasons.push(r.reason);
        errors.push(`${endpoint}: ${r.message}`);
      }
    }
    const countFailures = () => {
      for (const reason of reasons) this.#m.failures.inc({ reason });
    };
    const left = remainingEndpoints({ ...current, delivered }, this.policy.endpoints);
    const fields = {
      invalidation_id: current.id,
      path: current.path,
      attempt: current.attempts + 1,
    };
    if (left.length === 0) {
      applyMutations(tx, deleteInvalidationWrites(current));
      return () => {
        countFailures();
        if (this.policy.endpoints.length === 0) return; // nothing configured: nothing to push
        this.#m.delivered.inc({ kind: current.kind });
        this.#m.lag.observe({ kind: current.kind }, Math.max(0, now - current.created_at) / 1000);
        this.#log.debug("engine invalidation delivered", fields);
      };
    }
    const attempts = current.attempts + 1;
    const lastError = errors.join("; ").slice(0, 500);
    if (now - current.created_at >= this.policy.giveUpAfterMs) {
      applyMutations(tx, deleteInvalidationWrites(current));
      return () => {
        countFailures();
        this.#m.failures.inc({ reason: "given_up" });
        this.#log.error("engine invalidation given up", {
          ...fields,
          attempts,
          endpoints: left,
          error: lastError,
        });
      };
    }
    const next: InvalidationRecord = {
      ...current,
      attempts,
      delivered,
      lease_until: null,
      last_error: lastError,
      next_attempt_at: now + retryDelayMs(this.policy, attempts, this.#random),
    };
    applyMutations(tx, putInvalidationWrites(next, current.next_attempt_at));
    return () => {
      countFailures();
      this.#log.warn("engine invalidation push failed", { ...fields, error: lastError });
    };
  }
}
