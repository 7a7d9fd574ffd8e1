/**
 * The leader-only jobs framework (contract in ./jobs-types.ts). Jobs are registered once; while
 * this node leads, each job runs in its own loop of bounded batches. Every batch gets a context
 * whose `fence(tx)` checks the leader record for *this term* (so a batch of an earlier term can
 * never commit under a later one) and whose cursor lives under `Roots.job/<name>/cursor`, written
 * in the caller's fenced transaction. Leadership loss or shutdown aborts `ctx.signal`. Errors are
 * logged, counted and backed off (exponentially, capped); a job never crashes the node.
 */
import { defineCodec } from "../kv/codec.ts";
import { Roots } from "../kv/layout.ts";
import type { KvStore, Transaction } from "../kv/types.ts";
import type { Clock } from "../lib/clock.ts";
import { isAppError } from "../lib/errors.ts";
import type { Logger } from "../lib/log.ts";
import { ClusterErrors } from "./errors.ts";
import type { LeaderJob, LeaderJobContext } from "./jobs-types.ts";
import type { ClusterMetrics } from "./metrics.ts";
import type { LeaderInfo } from "./types.ts";

const BACKOFF_START_MS = 100;
const BACKOFF_CAP_MS = 30_000;
/** A batch running longer than this is logged: batches must stay bounded. */
const SLOW_BATCH_MS = 1000;
const JOB_NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const CursorCodec = defineCodec<{ cursor: string }>({
  name: "job cursor",
  version: 1,
  validate: (v) => {
    if (typeof (v as { cursor?: unknown }).cursor !== "string") throw new TypeError("cursor");
  },
});

/** The key of a job's cursor. */
export const jobCursorKey = (job: string) => Roots.job.key(job, "cursor");

export interface LeaderJobsOptions {
  kv: KvStore;
  clock: Clock;
  log: Logger;
  metrics?: ClusterMetrics;
  /** Checks inside `tx` that `term` is still the leader record (throws `NOT_LEADER`). */
  fence: (tx: Transaction, term: LeaderInfo) => Promise<void>;
}

interface Running {
  term: LeaderInfo;
  abort: AbortController;
  loops: Set<Promise<void>>;
}

export class LeaderJobs {
  readonly #o: LeaderJobsOptions;
  readonly #jobs = new Map<string, LeaderJob>();
  #running: Running | undefined;

  constructor(opts: LeaderJobsOptions) {
    this.#o = opts;
  }

  /** Registers a job (names are unique). Starts it at once when this node is leading. */
  register(job: LeaderJob): () => void {
    if (!JOB_NAME.test(job.name)) throw new RangeError(`job name must be kebab-case: ${job.name}`);
    if (this.#jobs.has(job.name)) throw new RangeError(`job already registered: ${job.name}`);
    this.#jobs.set(job.name, job);
    if (this.#running) this.#spawn(job, this.#running);
    return () => {
      this.#jobs.delete(job.name);
    };
  }

  get names(): string[] {
    return [...this.#jobs.keys()];
  }

  /** Starts every job for `term` (called when this node becomes leader). */
  start(term: LeaderInfo): void {
    void this.stop();
    const running: Running = { term, abort: new AbortController(), loops: new Set() };
    this.#running = running;
    for (const job of this.#jobs.values()) this.#spawn(job, running);
  }

  /** Aborts every job and resolves when their loops have ended. */
  async stop(): Promise<void> {
    const running = this.#running;
    if (!running) return;
    this.#running = undefined;
    running.abort.abort(ClusterErrors.NOT_LEADER());
    await Promise.allSettled([...running.loops]);
  }

  #spawn(job: LeaderJob, running: Running): void {
    const p = this.#loop(job, running).finally(() => running.loops.delete(p));
    running.loops.add(p);
  }

  #context(job: LeaderJob, running: Running): LeaderJobContext {
    const { kv, clock, log, fence } = this.#o;
    const signal = running.abort.signal;
    const key = jobCursorKey(job.name);
    return {
      kv,
      clock,
      log: log.child({ job: job.name }),
      signal,
      fence: async (tx) => {
        if (signal.aborted) throw ClusterErrors.NOT_LEADER();
        await fence(tx, running.term);
      },
      cursor: {
        get: async (tx) => {
          const v = await tx.get(key);
          return v ? CursorCodec.decode(v).cursor : undefined;
        },
        set: (tx, cursor) => {
          if (cursor === undefined) tx.clear(key);
          else tx.set(key, CursorCodec.encode({ cursor }));
        },
      },
    };
  }

  async #loop(job: LeaderJob, running: Running): Promise<void> {
    const { clock, log, metrics } = this.#o;
    const signal = running.abort.signal;
    const ctx = this.#context(job, running);
    let backoff = BACKOFF_START_MS;
    while (!signal.aborted && this.#jobs.get(job.name) === job) {
      let pause: number;
      const started = clock.monotonic();
      try {
        const { more } = await job.runBatch(ctx);
        metrics?.jobRuns.inc({ job: job.name });
        const took = clock.monotonic() - started;
        if (took > SLOW_BATCH_MS) log.warn("job batch ran long", { job: job.name, ms: took });
        backoff = BACKOFF_START_MS;
        pause = more ? 0 : job.intervalMs;
      } catch (e) {
        if (signal.aborted) return;
        if (isAppError(e) && e.code === "NOT_LEADER") {
          log.info("job fenced out", { job: job.name, term: running.term });
          pause = job.intervalMs;
        } else {
          metrics?.jobErrors.inc({ job: job.name });
          log.error("job batch failed", { job: job.name, err: e, retryInMs: backoff });
          pause = backoff;
          backoff = Math.min(backoff * 2, BACKOFF_CAP_MS);
        }
      }
      try {
        await clock.sleep(pause, signal);
      } catch {
        return;
      }
    }
  }
}
