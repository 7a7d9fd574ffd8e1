/**
 * Entry point of an actor worker thread (Bun `Worker`). Holds an `ActorExecutor` over the actor
 * definitions of `init.definitionsModule`; never opens the KV store: reads go to main as `read`
 * messages, Snowflake ids come from main in blocks through a shared buffer. See
 * src/runtime/worker-protocol.ts for the messages.
 */
import type { Key, KeyValue, RangeOptions } from "../kv/types.ts";
import { createLogger, type LogLevel } from "../lib/log.ts";
import type { AnyActorDefinition } from "./define.ts";
import { ActorExecutor, type ExecutorPort } from "./executor.ts";
import { fromWire, toWire } from "./wire.ts";
import {
  ID_BLOCK,
  type MainToWorker,
  type WorkerInit,
  type WorkerToMain,
} from "./worker-protocol.ts";

declare const self: Worker;

const post = (m: WorkerToMain) => self.postMessage(toWire(m));

const log = createLogger({
  level: "debug",
  write: () => undefined,
});
const workerLog = {
  ...log,
  debug: (msg: string, fields?: Record<string, unknown>) => forward("debug", msg, fields),
  info: (msg: string, fields?: Record<string, unknown>) => forward("info", msg, fields),
  warn: (msg: string, fields?: Record<string, unknown>) => forward("warn", msg, fields),
  error: (msg: string, fields?: Record<string, unknown>) => forward("error", msg, fields),
  child: () => workerLog,
};

function forward(
  level: Exclude<LogLevel, "silent">,
  msg: string,
  fields?: Record<string, unknown>,
) {
  const safe: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields ?? {})) {
    safe[k] = v instanceof Error ? { name: v.name, message: v.message, stack: v.stack } : v;
  }
  post({ t: "log", level, msg, fields: safe });
}

let nextRid = 1;
const reads = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
let executor: ActorExecutor | undefined;
let idFlag: Int32Array;
let idCount: Int32Array;
let idSlots: BigInt64Array;
const idPool: string[] = [];

function nextId(): string {
  if (idPool.length === 0) {
    Atomics.store(idFlag, 0, 0);
    post({ t: "ids" });
    const r = Atomics.wait(idFlag, 0, 0, 10_000);
    if (r === "timed-out") throw new Error("worker timed out waiting for ids from main");
    const n = Math.min(Atomics.load(idCount, 0), ID_BLOCK);
    for (let i = 0; i < n; i++) idPool.push(idSlots[i]!.toString());
    if (idPool.length === 0) throw new Error("main returned no ids");
  }
  return idPool.shift()!;
}

type ReadRequest =
  | { t: "read"; op: "get"; key: Key }
  | { t: "read"; op: "range"; begin: Key; end: Key; opts?: RangeOptions };

function read<T>(m: ReadRequest): Promise<T> {
  const rid = nextRid++;
  return new Promise<T>((resolve, reject) => {
    reads.set(rid, { resolve: resolve as (v: unknown) => void, reject });
    post({ ...m, rid } as WorkerToMain);
  });
}

const port: ExecutorPort = {
  get: (key: Key) => read<Uint8Array | undefined>({ t: "read", op: "get", key }),
  getRange: (begin: Key, end: Key, opts?: RangeOptions) =>
    read<KeyValue[]>({ t: "read", op: "range", begin, end, ...(opts ? { opts } : {}) }),
  nextId,
};

async function init(m: WorkerInit) {
  idFlag = new Int32Array(m.ids, 0, 1);
  idCount = new Int32Array(m.ids, 4, 1);
  idSlots = new BigInt64Array(m.ids, 8, ID_BLOCK);
  const mod = (await import(m.definitionsModule)) as { actorDefinitions: AnyActorDefinition[] };
  executor = new ActorExecutor(mod.actorDefinitions, port, workerLog);
  post({ t: "ready" });
}

async function handle(m: MainToWorker) {
  const ex = executor!;
  switch (m.t) {
    case "activate":
      return post({ t: "res", rid: m.rid, result: await ex.activate(m.kind, m.id, m.now) });
    case "turn":
      return post({ t: "res", rid: m.rid, result: await ex.turn(m.req) });
    case "query":
      return post({ t: "res", rid: m.rid, result: await ex.query(m.req) });
    case "stats":
      return post({ t: "res", rid: m.rid, result: await ex.stats() });
    case "settle":
      return ex.settle(m.kind, m.id, m.turnIds, m.committed);
    case "deactivate":
      return ex.deactivate(m.kind, m.id);
    case "clear":
      return ex.clear();
    case "read-res": {
      const waiter = reads.get(m.rid);
      if (!waiter) return;
      reads.delete(m.rid);
      if (!m.ok) return waiter.reject(new Error(m.message));
      return waiter.resolve(m.rows ?? m.value);
    }
  }
}

self.onmessage = (e: MessageEvent) => {
  if (typeof e.data !== "string") {
    void init(e.data as WorkerInit).catch((err) =>
      forward("error", "actor worker init failed", { err }),
    );
    return;
  }
  void handle(fromWire<MainToWorker>(e.data)).catch((err) =>
    forward("error", "actor worker message failed", { err }),
  );
};
