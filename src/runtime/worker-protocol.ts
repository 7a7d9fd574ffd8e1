/**
 * Messages between the main thread and actor workers (encoded with src/runtime/wire.ts). Requests
 * carry a request id `rid`; the other side answers `{t: "res", rid, result}`.
 *
 * Main → worker: `activate`, `turn`, `query`, `stats` (requests); `settle`, `deactivate`, `clear` (one-way);
 * `read-res` (answer to a worker's read).
 * Worker → main: `res` (answers), `read` (KV snapshot read served by main), `log`, `ids` (refill
 * of the Snowflake id block, signalled through the shared buffer: the worker waits on it with
 * `Atomics.wait`, so `ctx.ids.next()` stays synchronous).
 */
import type { KeyValue, RangeOptions } from "../kv/types.ts";
import type { QueryRequest, TurnRequest } from "./executor.ts";

export type MainToWorker =
  | { t: "activate"; rid: number; kind: string; id: string; now: number }
  | { t: "turn"; rid: number; req: TurnRequest }
  | { t: "query"; rid: number; req: QueryRequest }
  | { t: "stats"; rid: number }
  | { t: "settle"; kind: string; id: string; turnIds: number[]; committed: boolean }
  | { t: "deactivate"; kind: string; id: string }
  | { t: "clear" }
  | { t: "read-res"; rid: number; ok: true; value?: Uint8Array | undefined; rows?: KeyValue[] }
  | { t: "read-res"; rid: number; ok: false; message: string };

export type WorkerToMain =
  | { t: "res"; rid: number; result: unknown }
  | { t: "read"; rid: number; op: "get"; key: Uint8Array }
  | { t: "read"; rid: number; op: "range"; begin: Uint8Array; end: Uint8Array; opts?: RangeOptions }
  | {
      t: "log";
      level: "debug" | "info" | "warn" | "error";
      msg: string;
      fields?: Record<string, unknown>;
    }
  | { t: "ids" }
  | { t: "ready" };

/** First message to a worker (the only non-string one: it carries the shared id buffer). */
export interface WorkerInit {
  t: "init";
  /** Module whose `actorDefinitions` export the worker registers (named by src/main.ts). */
  definitionsModule: string;
  /** Int32 flag at byte 0, Int32 count at byte 4, then `ID_BLOCK` BigInt64 ids from byte 8. */
  ids: SharedArrayBuffer;
}

/** Snowflake ids handed to a worker per refill. */
export const ID_BLOCK = 32;
export const ID_BUFFER_BYTES = 8 + ID_BLOCK * 8;
