/**
 * The worker pool: a `TurnRunner` that runs actors on `W` long-lived Bun `Worker`s. An actor is
 * pinned to worker `hash(kind/id) mod W` for as long as the pool lives, so its state and its
 * pending after-commit effects stay on one thread. Main serves the workers' KV reads (it is the
 * node's only KV client) and hands out Snowflake ids from the node's generator.
 */
import type { Logger } from "../lib/log.ts";
import { RuntimeErrors } from "./errors.ts";
import type {
  ActivateOutcome,
  ExecutorStats,
  QueryOutcome,
  QueryRequest,
  TurnOutcome,
  TurnRequest,
  TurnRunner,
} from "./executor.ts";
import { serializeError } from "./executor.ts";
import type { CommittedReads } from "./persistence.ts";
import { fromWire, toWire } from "./wire.ts";
import {
  ID_BLOCK,
  ID_BUFFER_BYTES,
  type MainToWorker,
  type WorkerInit,
  type WorkerToMain,
} from "./worker-protocol.ts";

export interface WorkerPoolOptions {
  size: number;
  /** How the workers' reads are served (the runtime's committed reads). */
  reads: CommittedReads;
  log: Logger;
  /** Snowflake ids for turns (the node's generator). */
  nextId: () => bigint;
  /** Absolute module URL/path exporting `actorDefinitions` (given by src/main.ts). */
  definitionsModule: string;
}

interface Thread {
  worker: Worker;
  ids: SharedArrayBuffer;
  pending: Map<number, (v: unknown) => void>;
  ready: Promise<void>;
}

/** Stable thread index for an actor key (`hash(key) mod W`). */
export function workerIndex(key: string, size: number): number {
  return Number(BigInt(Bun.hash(key)) % BigInt(size));
}

export class WorkerPool implements TurnRunner {
  readonly #o: WorkerPoolOptions;
  readonly #threads: Thread[] = [];
  #rid = 1;
  #closed = false;

  constructor(opts: WorkerPoolOptions) {
    if (!Number.isInteger(opts.size) || opts.size < 1)
      throw new RangeError("pool size must be >= 1");
    this.#o = opts;
    for (let i = 0; i < opts.size; i++) this.#threads.push(this.#spawn(i));
  }

  /** Resolves once every worker loaded its definitions. */
  ready(): Promise<void> {
    return Promise.all(this.#threads.map((t) => t.ready)).then(() => undefined);
  }

  #spawn(index: number): Thread {
    const worker = new Worker(new URL("./worker-entry.ts", import.meta.url).href);
    const ids = new SharedArrayBuffer(ID_BUFFER_BYTES);
    const pending = new Map<number, (v: unknown) => void>();
    let markReady!: () => void;
    const ready = new Promise<void>((r) => {
      markReady = r;
    });
    const thread: Thread = { worker, ids, pending, ready };
    worker.onmessage = (e: MessageEvent) => {
      const m = fromWire<WorkerToMain>(e.data as string);
      this.#onMessage(thread, m, markReady);
    };
    worker.onerror = (e) => {
      this.#o.log.error("actor worker error", { worker: index, err: e.message });
      // Whatever was in flight on this thread is lost: fail it so no caller waits forever.
      const failed = { ok: false, error: serializeError(RuntimeErrors.ACTOR_HANDLER_FAILED()) };
      for (const done of pending.values()) done(failed);
      pending.clear();
    };
    const init: WorkerInit = {
      t: "init",
      definitionsModule: this.#o.definitionsModule,
      ids,
    };
    worker.postMessage(init);
    return thread;
  }

  #onMessage(thread: Thread, m: WorkerToMain, markReady: () => void) {
    switch (m.t) {
      case "ready":
        return markReady();
      case "res": {
        const done = thread.pending.get(m.rid);
        thread.pending.delete(m.rid);
        return done?.(m.result);
      }
      case "ids": {
        const slots = new BigInt64Array(thread.ids, 8, ID_BLOCK);
        for (let i = 0; i < ID_BLOCK; i++) slots[i] = this.#o.nextId();
        Atomics.store(new Int32Array(thread.ids, 4, 1), 0, ID_BLOCK);
        const flag = new Int32Array(thread.ids, 0, 1);
        Atomics.store(flag, 0, 1);
        Atomics.notify(flag, 0);
        return;
      }
      case "log":
        return this.#o.log[m.level](m.msg, { ...m.fields, thread: "actor-worker" });
      case "read":
        return void this.#serveRead(thread, m);
    }
  }

  async #serveRead(thread: Thread, m: Extract<WorkerToMain, { t: "read" }>) {
    let reply: MainToWorker;
    try {
      if (m.op === "get") {
        reply = {
          t: "read-res",
          rid: m.rid,
          ok: true,
          value: await this.#o.reads.get(m.key),
        };
      } else {
        const rows = await this.#o.reads.getRange(m.begin, m.end, m.opts);
        reply = { t: "read-res", rid: m.rid, ok: true, rows };
      }
    } catch (e) {
      reply = { t: "read-res", rid: m.rid, ok: false, message: (e as Error).message };
    }
    if (!this.#closed) thread.worker.postMessage(toWire(reply));
  }

  #thread(kind: string, id: string): Thread {
    return this.#threads[workerIndex(`${kind}/${id}`, this.#threads.length)]!;
  }

  #request<T>(thread: Thread, m: MainToWorker & { rid: number }): Promise<T> {
    return new Promise<T>((resolve) => {
      thread.pending.set(m.rid, resolve as (v: unknown) => void);
      thread.worker.postMessage(toWire(m));
    });
  }

  activate(kind: string, id: string, now: number): Promise<ActivateOutcome> {
    return this.#request(this.#thread(kind, id), {
      t: "activate",
      rid: this.#rid++,
      kind,
      id,
      now,
    });
  }

  turn(req: TurnRequest): Promise<TurnOutcome> {
    return this.#request(this.#thread(req.kind, req.id), { t: "turn", rid: this.#rid++, req });
  }

  /** Posted after every earlier `settle` of the actor, so the worker's committed state has them. */
  query(req: QueryRequest): Promise<QueryOutcome> {
    return this.#request(this.#thread(req.kind, req.id), { t: "query", rid: this.#rid++, req });
  }

  settle(kind: string, id: string, turnIds: readonly number[], committed: boolean): void {
    const m: MainToWorker = { t: "settle", kind, id, turnIds: [...turnIds], committed };
    this.#thread(kind, id).worker.postMessage(toWire(m));
  }

  deactivate(kind: string, id: string): void {
    this.#thread(kind, id).worker.postMessage(toWire({ t: "deactivate", kind, id }));
  }

  clear(): void {
    for (const t of this.#threads) t.worker.postMessage(toWire({ t: "clear" }));
  }

  async stats(): Promise<ExecutorStats> {
    const all = await Promise.all(
      this.#threads.map((t) => this.#request<ExecutorStats>(t, { t: "stats", rid: this.#rid++ })),
    );
    return all.reduce(
      (a, b) => ({
        activations: a.activations + b.activations,
        effectsRun: a.effectsRun + b.effectsRun,
        effectsFailed: a.effectsFailed + b.effectsFailed,
      }),
      { activations: 0, effectsRun: 0, effectsFailed: 0 },
    );
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const t of this.#threads) t.worker.terminate();
  }
}
