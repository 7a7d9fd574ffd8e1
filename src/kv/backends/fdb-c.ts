/**
 * Our binding of FoundationDB's C client API (libfdb_c, API version 720) through `bun:ffi`; the
 * KV port adapter on top of it is foundationdb.ts. (The `foundationdb` npm binding cannot run under
 * Bun: docs/adr/0011-foundationdb-through-bun-ffi.md.)
 *
 * - Loading (`loadFdbClient`, once per library file and process): `dlopen` of `FDB_LIBRARY_PATH`
 *   or the platform's `libfdb_c.so` / `libfdb_c.dylib`, `fdb_select_api_version_impl(720, 720)`,
 *   network options, `fdb_setup_network`, then `fdb_run_network` on a dedicated Bun `Worker`
 *   (fdb-network-worker.ts) whose only job is that blocking call, so the event loop never blocks.
 *   Failures are `FdbLoadError`s that tell apart a missing library, one too old for API 720 (2203)
 *   and a failed initialisation, each one line.
 * - Futures: every FDBFuture has one owner (`Future`) that destroys it exactly once. Readiness
 *   comes from `fdb_future_set_callback` with one thread-safe `JSCallback`: FDB calls it on its
 *   network thread (or at once on ours when the future is already ready) and Bun queues the call
 *   onto this thread's event loop, where the waiting promise resolves. While futures are pending,
 *   the network worker is ref'd so the process stays alive to receive them; otherwise unref'd.
 * - Transactions (`FdbTransaction`) and databases (`FdbDatabase`) likewise have one owner with a
 *   `destroyed` flag; operations on a destroyed handle throw instead of touching freed memory.
 * - Errors from the library are `FdbError { code, message }` (message from `fdb_get_error`); the
 *   adapter classifies them (fdb-errors.ts).
 * - Shutdown: `FdbClient.stop()` calls `fdb_stop_network` and joins the worker; a process exit
 *   hook stops the network of any client still running. FDB cannot restart its network in the
 *   same process, so a stopped client stays stopped.
 *
 * Memory: key and value arguments are passed as typed arrays for the duration of the call (FDB
 * copies them before returning); results are copied out of FDB's memory before the future that
 * owns them is destroyed.
 */

import { dlopen, JSCallback, type Pointer, read, toArrayBuffer } from "bun:ffi";
import { existsSync } from "node:fs";
import { type KeyValue, KvError } from "../types.ts";

export const FDB_API_VERSION = 720;

/** fdb_error_predicate tests (fdb.options, scope ErrorPredicate). */
export const ErrorPredicate = {
  retryable: 50000,
  maybeCommitted: 50001,
  retryableNotCommitted: 50002,
} as const;

/** FDBStreamingMode. */
export const StreamingMode = {
  wantAll: -2,
  iterator: -1,
  exact: 0,
  small: 1,
  medium: 2,
  large: 3,
  serial: 4,
} as const;

/** FDBMutationType (the ones we use). */
export const MutationType = {
  add: 2,
  setVersionstampedKey: 14,
  setVersionstampedValue: 15,
} as const;

/** FDBConflictRangeType. */
export const ConflictRangeType = { read: 0, write: 1 } as const;

/** FDBTransactionOption codes (the ones we use; Int parameters are 8-byte little-endian). */
export const TransactionOption = { timeout: 500, retryLimit: 501, sizeLimit: 503 } as const;

/** FDBDatabaseOption codes. */
export const DatabaseOption = { transactionTimeout: 500, transactionSizeLimit: 503 } as const;

/** Error codes the binding itself looks at. */
export const FdbCode = {
  apiVersionNotSupported: 2203,
  noCommitVersion: 2021,
} as const;

/** An error reported by libfdb_c: its numeric code and its own description. */
export class FdbError extends Error {
  readonly code: number;
  /** libfdb_c's own description of the code (`fdb_get_error`). */
  readonly description: string;
  constructor(code: number, description: string) {
    super(`foundationdb error ${code}: ${description}`);
    this.name = "FdbError";
    this.code = code;
    this.description = description;
  }
}

/** A future's result still to come, which its caller may abandon (destroying the future). */
export interface Pending<T> {
  readonly promise: Promise<T>;
  /** Destroys the future now if it is still pending; the promise then rejects (1101). */
  abandon(): void;
}

export type FdbLoadFailure = "missing" | "too_old" | "init";

/** Loading or initialising the client library failed. One line; `reason` says which way. */
export class FdbLoadError extends KvError {
  readonly reason: FdbLoadFailure;
  readonly libraryPath: string;
  constructor(reason: FdbLoadFailure, libraryPath: string, message: string, cause?: unknown) {
    super("unavailable", message.replace(/\s*\n\s*/g, " "), { cause });
    this.reason = reason;
    this.libraryPath = libraryPath;
  }
}

const INSTALL_HINT =
  "install the foundationdb-clients package (7.2 or newer) for your platform from https://github.com/apple/foundationdb/releases, set FDB_LIBRARY_PATH to the library file, or choose storage.backend sqlite";

/** The library file looked for: `FDB_LIBRARY_PATH`, else the platform's default name. */
export function defaultLibraryPath(env: Record<string, string | undefined> = process.env): string {
  const explicit = env.FDB_LIBRARY_PATH;
  if (explicit) return explicit;
  return process.platform === "darwin" ? "libfdb_c.dylib" : "libfdb_c.so";
}

function symbols() {
  return {
    fdb_get_error: { args: ["i32"], returns: "cstring" },
    fdb_error_predicate: { args: ["i32", "i32"], returns: "i32" },
    fdb_select_api_version_impl: { args: ["i32", "i32"], returns: "i32" },
    fdb_get_max_api_version: { args: [], returns: "i32" },
    fdb_network_set_option: { args: ["i32", "ptr", "i32"], returns: "i32" },
    fdb_setup_network: { args: [], returns: "i32" },
    fdb_stop_network: { args: [], returns: "i32" },
    fdb_create_database: { args: ["ptr", "ptr"], returns: "i32" },
    fdb_database_destroy: { args: ["ptr"], returns: "void" },
    fdb_database_set_option: { args: ["ptr", "i32", "ptr", "i32"], returns: "i32" },
    fdb_database_create_transaction: { args: ["ptr", "ptr"], returns: "i32" },
    fdb_transaction_destroy: { args: ["ptr"], returns: "void" },
    fdb_transaction_cancel: { args: ["ptr"], returns: "void" },
    fdb_transaction_set_option: { args: ["ptr", "i32", "ptr", "i32"], returns: "i32" },
    fdb_transaction_get: { args: ["ptr", "ptr", "i32", "i32"], returns: "ptr" },
    fdb_transaction_get_range: {
      // tr, begin key, len, or_equal, offset, end key, len, or_equal, offset,
      // limit, target_bytes, mode, iteration, snapshot, reverse
      args: [
        "ptr",
        "ptr",
        "i32",
        "i32",
        "i32",
        "ptr",
        "i32",
        "i32",
        "i32",
        "i32",
        "i32",
        "i32",
        "i32",
        "i32",
        "i32",
      ],
      returns: "ptr",
    },
    fdb_transaction_set: { args: ["ptr", "ptr", "i32", "ptr", "i32"], returns: "void" },
    fdb_transaction_clear: { args: ["ptr", "ptr", "i32"], returns: "void" },
    fdb_transaction_clear_range: { args: ["ptr", "ptr", "i32", "ptr", "i32"], returns: "void" },
    fdb_transaction_atomic_op: {
      args: ["ptr", "ptr", "i32", "ptr", "i32", "i32"],
      returns: "void",
    },
    fdb_transaction_add_conflict_range: {
      args: ["ptr", "ptr", "i32", "ptr", "i32", "i32"],
      returns: "i32",
    },
    fdb_transaction_commit: { args: ["ptr"], returns: "ptr" },
    fdb_transaction_get_versionstamp: { args: ["ptr"], returns: "ptr" },
    fdb_transaction_on_error: { args: ["ptr", "i32"], returns: "ptr" },
    fdb_future_cancel: { args: ["ptr"], returns: "void" },
    fdb_future_destroy: { args: ["ptr"], returns: "void" },
    fdb_future_set_callback: { args: ["ptr", "ptr", "ptr"], returns: "i32" },
    fdb_future_get_error: { args: ["ptr"], returns: "i32" },
    fdb_future_get_value: { args: ["ptr", "ptr", "ptr", "ptr"], returns: "i32" },
    fdb_future_get_key: { args: ["ptr", "ptr", "ptr"], returns: "i32" },
    fdb_future_get_keyvalue_array: { args: ["ptr", "ptr", "ptr", "ptr"], returns: "i32" },
  } as const;
}

type Lib = ReturnType<typeof dlopen<ReturnType<typeof symbols>>>["symbols"];

/** A 1-byte buffer passed for empty keys and values (length 0), so no pointer is ever null. */
const EMPTY = new Uint8Array(1);
const arg = (b: Uint8Array): Uint8Array => (b.length === 0 ? EMPTY : b);

/** Copies `len` bytes out of FDB-owned memory. */
function copyOut(p: number, len: number): Uint8Array {
  if (len <= 0 || !p) return new Uint8Array(0);
  return new Uint8Array(toArrayBuffer(p as Pointer, 0, len).slice(0));
}

function int64LE(v: number | bigint): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigInt64(0, BigInt(v), true);
  return out;
}

/** An option parameter: none, an Int (8 bytes little-endian), a string or bytes. */
export type OptionValue = null | number | bigint | string | Uint8Array;

function optionBytes(v: OptionValue): Uint8Array | null {
  if (v === null) return null;
  if (typeof v === "number" || typeof v === "bigint") return int64LE(v);
  if (typeof v === "string") return new TextEncoder().encode(v);
  return v;
}

interface Waiter {
  resolve: () => void;
  reject: (e: unknown) => void;
}

export interface FdbClientOptions {
  /** The library file; default `defaultLibraryPath()`. */
  libraryPath?: string;
  /** Network options (code, value), set before `fdb_setup_network`. */
  networkOptions?: readonly (readonly [number, OptionValue])[];
}

/** Counters for tests and metrics. */
export interface FdbClientStats {
  futuresCreated: number;
  futuresDestroyed: number;
  transactionsCreated: number;
  transactionsDestroyed: number;
  /** Futures waited on whose callback has not come yet. */
  pending: number;
}

/** The loaded library with its network running: the entry to databases. */
export class FdbClient {
  readonly libraryPath: string;
  readonly maxApiVersion: number;
  /** @internal */ readonly lib: Lib;
  readonly #waiters = new Map<number, Waiter>();
  #nextId = 1;
  #worker: Worker | undefined;
  #callback: JSCallback | undefined;
  #stopped: Promise<void> | undefined;
  #networkDone: Promise<number>;
  #networkFailure: unknown;
  #running = true;
  /** @internal */ readonly stats: FdbClientStats = {
    futuresCreated: 0,
    futuresDestroyed: 0,
    transactionsCreated: 0,
    transactionsDestroyed: 0,
    pending: 0,
  };

  /** @internal use `loadFdbClient` */
  constructor(libraryPath: string, lib: Lib, maxApiVersion: number) {
    this.libraryPath = libraryPath;
    this.lib = lib;
    this.maxApiVersion = maxApiVersion;
    this.#callback = new JSCallback((_future: number, param: number) => this.#ready(param), {
      args: ["ptr", "ptr"],
      returns: "void",
      threadsafe: true,
    });
    const worker = new Worker(new URL("./fdb-network-worker.ts", import.meta.url));
    this.#worker = worker;
    worker.unref();
    this.#networkDone = new Promise<number>((resolve) => {
      worker.onmessage = (e: MessageEvent<{ type: string; code?: number; message?: string }>) => {
        if (e.data.type === "stopped") resolve(e.data.code ?? 0);
        else if (e.data.type === "failed") {
          this.#networkFailed(new FdbError(2000, `network thread failed: ${e.data.message}`));
          resolve(-1);
        }
      };
      worker.onerror = (e: ErrorEvent) => {
        this.#networkFailed(new FdbError(2000, `network thread failed: ${e.message}`));
        resolve(-1);
      };
    }).then((code) => {
      this.#running = false;
      if (code > 0 && !this.#stopped) {
        this.#networkFailed(new FdbError(code, this.errorMessage(code)));
      }
      return code;
    });
    worker.postMessage({ libraryPath });
  }

  /** True until the network loop has stopped (or failed). */
  get running(): boolean {
    return this.#running && !this.#stopped;
  }

  errorMessage(code: number): string {
    return String(this.lib.fdb_get_error(code));
  }

  errorPredicate(test: number, code: number): boolean {
    return this.lib.fdb_error_predicate(test, code) !== 0;
  }

  /** Throws `FdbError` for a nonzero code. */
  check(code: number): void {
    if (code !== 0) throw new FdbError(code, this.errorMessage(code));
  }

  /** Opens the database of a cluster file (FDB's default location when undefined). */
  openDatabase(clusterFile?: string): FdbDatabase {
    if (!this.running) throw new FdbError(2000, "the FoundationDB network has stopped");
    const out = new BigUint64Array(1);
    const path = clusterFile ? Buffer.from(`${clusterFile}\0`) : null;
    this.check(this.lib.fdb_create_database(path, out));
    return new FdbDatabase(this, Number(out[0]) as Pointer);
  }

  /**
   * Stops FDB's network loop and joins its worker. Pending futures never complete afterwards;
   * nothing can be opened again in this process. Idempotent.
   */
  stop(): Promise<void> {
    this.#stopped ??= (async () => {
      if (this.#running) this.lib.fdb_stop_network();
      this.#worker?.ref();
      await this.#networkDone;
      this.#worker?.terminate();
      this.#worker = undefined;
      const stopped = new FdbError(2000, "the FoundationDB network has stopped");
      for (const w of this.#waiters.values()) w.reject(stopped);
      this.#waiters.clear();
      this.stats.pending = 0;
      this.#callback?.close();
      this.#callback = undefined;
      clients.delete(this.libraryPath);
      stoppedPaths.add(this.libraryPath);
      // The library stays loaded (no dlclose): FDB's exit handlers and thread state live in it.
    })();
    return this.#stopped;
  }

  /** Called by the process exit hook: no joining possible there, just stop the loop. */
  /** @internal */ stopForExit(): void {
    if (this.#running && !this.#stopped) this.lib.fdb_stop_network();
  }

  #networkFailed(e: unknown): void {
    this.#networkFailure = e;
    this.#running = false;
    for (const w of this.#waiters.values()) w.reject(e);
    this.#waiters.clear();
    this.stats.pending = 0;
  }

  #ready(id: number): void {
    const w = this.#waiters.get(id);
    if (!w) return;
    this.#waiters.delete(id);
    if (--this.stats.pending === 0) this.#worker?.unref();
    w.resolve();
  }

  /** @internal Drops the wait on callback `id` (its future was destroyed), rejecting it. */
  forget(id: number): void {
    const w = this.#waiters.get(id);
    if (!w) return;
    this.#ready(id);
    w.reject(new FdbError(1101, "operation cancelled (the future was abandoned)"));
  }

  /** @internal The id the next `whenReady` will use. */
  get nextWaitId(): number {
    return this.#nextId;
  }

  /** @internal Resolves once `future` is ready (its callback fired). */
  whenReady(future: Pointer): Promise<void> {
    if (this.#networkFailure) return Promise.reject(this.#networkFailure);
    if (!this.#callback?.ptr) {
      return Promise.reject(new FdbError(2000, "the FoundationDB network has stopped"));
    }
    const id = this.#nextId++;
    const promise = new Promise<void>((resolve, reject) => {
      this.#waiters.set(id, { resolve, reject });
    });
    if (this.stats.pending++ === 0) this.#worker?.ref();
    const code = this.lib.fdb_future_set_callback(future, this.#callback.ptr, id as Pointer);
    if (code !== 0) {
      this.#ready(id);
      return Promise.reject(new FdbError(code, this.errorMessage(code)));
    }
    return promise;
  }
}

/** The one owner of an FDBFuture: destroys it exactly once. */
class Future {
  #destroyed = false;
  constructor(
    private readonly client: FdbClient,
    readonly ptr: Pointer,
  ) {
    client.stats.futuresCreated++;
  }

  get destroyed(): boolean {
    return this.#destroyed;
  }

  #waitId = 0;

  /** Waits for readiness and throws the future's error, if any. */
  async settled(): Promise<void> {
    this.#waitId = this.client.nextWaitId;
    await this.client.whenReady(this.ptr);
    if (this.#destroyed) throw new FdbError(1101, "operation cancelled");
    this.client.check(this.client.lib.fdb_future_get_error(this.ptr));
  }

  /** Destroys the future while it may still be pending; a waiting `settled()` rejects. */
  abandon(): void {
    if (this.#destroyed) return;
    this.destroy();
    if (this.#waitId) this.client.forget(this.#waitId);
  }

  destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    this.client.stats.futuresDestroyed++;
    this.client.lib.fdb_future_destroy(this.ptr);
  }
}

/** Runs `extract` on a ready future, then destroys it (also when it failed). */
function pending<T>(
  client: FdbClient,
  returned: Pointer | bigint | null,
  extract: (f: Pointer) => T,
): Pending<T> {
  const ptr = asPointer(returned);
  if (!ptr) {
    return {
      promise: Promise.reject(new FdbError(2000, "libfdb_c returned no future")),
      abandon() {},
    };
  }
  const f = new Future(client, ptr);
  const promise = (async () => {
    try {
      await f.settled();
      return extract(ptr);
    } finally {
      f.destroy();
    }
  })();
  return { promise, abandon: () => f.abandon() };
}

function consume<T>(
  client: FdbClient,
  ptr: Pointer | bigint | null,
  extract: (f: Pointer) => T,
): Promise<T> {
  return pending(client, ptr, extract).promise;
}

function asPointer(p: Pointer | bigint | null): Pointer | null {
  if (p === null) return null;
  return (typeof p === "bigint" ? Number(p) : p) as Pointer;
}

/** A database handle: creates transactions; `close()` destroys it once. */
export class FdbDatabase {
  #destroyed = false;
  constructor(
    readonly client: FdbClient,
    readonly ptr: Pointer,
  ) {}

  get destroyed(): boolean {
    return this.#destroyed;
  }

  setOption(option: number, value: OptionValue): void {
    if (this.#destroyed) throw new FdbError(2000, "the database was closed");
    const v = optionBytes(value);
    this.client.check(
      this.client.lib.fdb_database_set_option(this.ptr, option, v ? arg(v) : null, v?.length ?? 0),
    );
  }

  createTransaction(): FdbTransaction {
    if (this.#destroyed) throw new FdbError(2000, "the database was closed");
    const out = new BigUint64Array(1);
    this.client.check(this.client.lib.fdb_database_create_transaction(this.ptr, out));
    return new FdbTransaction(this.client, Number(out[0]) as Pointer);
  }

  close(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    this.client.lib.fdb_database_destroy(this.ptr);
  }
}

export interface FdbRangeOptions {
  /** Maximum pairs; 0 or undefined: all (every page is fetched, following `more`). */
  limit?: number;
  reverse?: boolean;
  snapshot?: boolean;
  /** Default WANT_ALL. */
  mode?: number;
}

/** One FDBTransaction, destroyed exactly once (`destroy()`, idempotent). */
export class FdbTransaction {
  #destroyed = false;
  constructor(
    readonly client: FdbClient,
    readonly ptr: Pointer,
  ) {
    client.stats.transactionsCreated++;
  }

  get destroyed(): boolean {
    return this.#destroyed;
  }

  #live(): Lib {
    if (this.#destroyed) throw new FdbError(2000, "the transaction was destroyed");
    return this.client.lib;
  }

  setOption(option: number, value: OptionValue): void {
    const v = optionBytes(value);
    this.client.check(
      this.#live().fdb_transaction_set_option(this.ptr, option, v ? arg(v) : null, v?.length ?? 0),
    );
  }

  get(key: Uint8Array, snapshot = false): Promise<Uint8Array | undefined> {
    const f = this.#live().fdb_transaction_get(this.ptr, arg(key), key.length, snapshot ? 1 : 0);
    return consume(this.client, f, (p) => {
      const present = new Int32Array(1);
      const value = new BigUint64Array(1);
      const len = new Int32Array(1);
      this.client.check(this.client.lib.fdb_future_get_value(p, present, value, len));
      return present[0] ? copyOut(Number(value[0]), len[0] as number) : undefined;
    });
  }

  /** `begin <= key < end`; pages through `more` until the limit or the end of the range. */
  async getRange(
    begin: Uint8Array,
    end: Uint8Array,
    opts: FdbRangeOptions = {},
  ): Promise<KeyValue[]> {
    const limit = opts.limit && opts.limit > 0 ? opts.limit : 0;
    const reverse = opts.reverse ? 1 : 0;
    const snapshot = opts.snapshot ? 1 : 0;
    const mode = opts.mode ?? StreamingMode.wantAll;
    // Key selectors: firstGreaterOrEqual(k) is (k, or_equal 0, offset 1); firstGreaterThan(k) is (k, 1, 1).
    let b = { key: begin, orEqual: 0 };
    let e = { key: end, orEqual: 0 };
    const out: KeyValue[] = [];
    for (let iteration = 1; ; iteration++) {
      const f = this.#live().fdb_transaction_get_range(
        this.ptr,
        arg(b.key),
        b.key.length,
        b.orEqual,
        1,
        arg(e.key),
        e.key.length,
        e.orEqual,
        1,
        limit > 0 ? limit - out.length : 0,
        0,
        mode,
        iteration,
        snapshot,
        reverse,
      );
      const page: { rows: KeyValue[]; more: boolean } = await consume(this.client, f, (p) =>
        this.#keyValues(p),
      );
      for (const kv of page.rows) out.push(kv);
      if (!page.more || page.rows.length === 0 || (limit > 0 && out.length >= limit)) break;
      const last = (page.rows[page.rows.length - 1] as KeyValue).key;
      if (reverse) e = { key: last, orEqual: 0 };
      else b = { key: last, orEqual: 1 };
    }
    return out;
  }

  #keyValues(p: Pointer): { rows: KeyValue[]; more: boolean } {
    const kvs = new BigUint64Array(1);
    const count = new Int32Array(1);
    const more = new Int32Array(1);
    this.client.check(this.client.lib.fdb_future_get_keyvalue_array(p, kvs, count, more));
    const base = Number(kvs[0]) as Pointer;
    const rows: KeyValue[] = [];
    // FDBKeyValue is packed(4): key ptr @0, key_length i32 @8, value ptr @12, value_length i32 @20.
    for (let i = 0; i < (count[0] as number); i++) {
      const o = i * 24;
      const key = copyOut(Number(read.ptr(base, o)), read.i32(base, o + 8));
      const value = copyOut(Number(read.ptr(base, o + 12)), read.i32(base, o + 20));
      rows.push({ key, value });
    }
    return { rows, more: more[0] !== 0 };
  }

  set(key: Uint8Array, value: Uint8Array): void {
    this.#live().fdb_transaction_set(this.ptr, arg(key), key.length, arg(value), value.length);
  }

  clear(key: Uint8Array): void {
    this.#live().fdb_transaction_clear(this.ptr, arg(key), key.length);
  }

  clearRange(begin: Uint8Array, end: Uint8Array): void {
    this.#live().fdb_transaction_clear_range(
      this.ptr,
      arg(begin),
      begin.length,
      arg(end),
      end.length,
    );
  }

  atomicOp(type: number, key: Uint8Array, param: Uint8Array): void {
    this.#live().fdb_transaction_atomic_op(
      this.ptr,
      arg(key),
      key.length,
      arg(param),
      param.length,
      type,
    );
  }

  /** Adds a signed 64-bit delta (little-endian param) to the value at `key`. */
  atomicAdd(key: Uint8Array, delta: number | bigint): void {
    this.atomicOp(MutationType.add, key, int64LE(delta));
  }

  /** Sets `prefix ++ versionstamp ++ suffix` to `value` (the 4-byte offset suffix of API >= 520). */
  setVersionstampedKey(prefix: Uint8Array, suffix: Uint8Array, value: Uint8Array): void {
    this.atomicOp(MutationType.setVersionstampedKey, withStampSlot(prefix, suffix), value);
  }

  /** Sets `key` to `prefix ++ versionstamp ++ suffix`. */
  setVersionstampedValue(key: Uint8Array, prefix: Uint8Array, suffix?: Uint8Array): void {
    this.atomicOp(
      MutationType.setVersionstampedValue,
      key,
      withStampSlot(prefix, suffix ?? new Uint8Array(0)),
    );
  }

  addConflictRange(begin: Uint8Array, end: Uint8Array, type: number): void {
    this.client.check(
      this.#live().fdb_transaction_add_conflict_range(
        this.ptr,
        arg(begin),
        begin.length,
        arg(end),
        end.length,
        type,
      ),
    );
  }

  /**
   * The versionstamp of this transaction's commit. Call BEFORE `commit()` (the future is created
   * now), await after; rejects with the commit's error, or 2021 when the commit wrote nothing.
   * Abandon it when the commit fails.
   */
  getVersionstamp(): Pending<Uint8Array> {
    const f = this.#live().fdb_transaction_get_versionstamp(this.ptr);
    return pending(this.client, f, (p) => {
      const key = new BigUint64Array(1);
      const len = new Int32Array(1);
      this.client.check(this.client.lib.fdb_future_get_key(p, key, len));
      return copyOut(Number(key[0]), len[0] as number);
    });
  }

  commit(): Promise<void> {
    return consume(this.client, this.#live().fdb_transaction_commit(this.ptr), () => {});
  }

  /** FDB's own retry step: resolves (after its backoff) when `code` is retryable, else rejects. */
  onError(code: number): Promise<void> {
    return consume(this.client, this.#live().fdb_transaction_on_error(this.ptr, code), () => {});
  }

  cancel(): void {
    if (!this.#destroyed) this.client.lib.fdb_transaction_cancel(this.ptr);
  }

  destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    this.client.stats.transactionsDestroyed++;
    this.client.lib.fdb_transaction_destroy(this.ptr);
  }
}

/** `prefix ++ 10 zero bytes ++ suffix ++ u32le(prefix.length)`: where FDB writes the stamp. */
function withStampSlot(prefix: Uint8Array, suffix: Uint8Array): Uint8Array {
  const out = new Uint8Array(prefix.length + 10 + suffix.length + 4);
  out.set(prefix, 0);
  out.set(suffix, prefix.length + 10);
  new DataView(out.buffer).setUint32(out.length - 4, prefix.length, true);
  return out;
}

const clients = new Map<string, FdbClient>();
/** Per library file: the load failure, remembered (the API version can be selected only once). */
const failures = new Map<string, FdbLoadError>();
const stoppedPaths = new Set<string>();
let exitHook = false;

function isMissingFile(path: string, message: string): boolean {
  if (path.includes("/") && !existsSync(path)) return true;
  return (
    /no such file|cannot open shared object|image not found|not found|cannot find/i.test(message) &&
    !/symbol/i.test(message)
  );
}

/**
 * Loads the client library once per file and process, selects API version 720, sets up and runs
 * the network. Throws `FdbLoadError` (one line): "missing", "too_old" (2203) or "init".
 */
export function loadFdbClient(opts: FdbClientOptions = {}): FdbClient {
  const path = opts.libraryPath ?? defaultLibraryPath();
  const existing = clients.get(path);
  if (existing) return existing;
  const failed = failures.get(path);
  if (failed) throw failed;
  if (stoppedPaths.has(path)) {
    throw new FdbLoadError(
      "init",
      path,
      `FoundationDB client initialisation failed: the network of ${path} was stopped and cannot restart in this process`,
    );
  }
  const fail = (e: FdbLoadError): never => {
    failures.set(path, e);
    throw e;
  };

  let handle: ReturnType<typeof dlopen<ReturnType<typeof symbols>>>;
  try {
    handle = dlopen(path, symbols());
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (isMissingFile(path, msg)) {
      // Not remembered: the library may be installed while the process runs.
      throw new FdbLoadError(
        "missing",
        path,
        `FoundationDB client library not found (looked for ${path}): ${INSTALL_HINT}`,
        e,
      );
    }
    return fail(
      new FdbLoadError(
        "init",
        path,
        `FoundationDB client initialisation failed: cannot load ${path}: ${msg}`,
        e,
      ),
    );
  }
  const lib = handle.symbols;
  const describe = (code: number) => `error ${code}: ${String(lib.fdb_get_error(code))}`;
  const max = lib.fdb_get_max_api_version();
  const selected = lib.fdb_select_api_version_impl(FDB_API_VERSION, FDB_API_VERSION);
  if (selected === FdbCode.apiVersionNotSupported) {
    return fail(
      new FdbLoadError(
        "too_old",
        path,
        `FoundationDB client library ${path} is too old for API version ${FDB_API_VERSION} (${describe(selected)}; it supports up to ${max}): install foundationdb-clients 7.2 or newer from https://github.com/apple/foundationdb/releases`,
      ),
    );
  }
  if (selected !== 0) {
    return fail(
      new FdbLoadError(
        "init",
        path,
        `FoundationDB client initialisation failed: fdb_select_api_version(${FDB_API_VERSION}) returned ${describe(selected)}`,
      ),
    );
  }
  for (const [option, value] of opts.networkOptions ?? []) {
    const v = optionBytes(value);
    const code = lib.fdb_network_set_option(option, v ? arg(v) : null, v?.length ?? 0);
    if (code !== 0) {
      return fail(
        new FdbLoadError(
          "init",
          path,
          `FoundationDB client initialisation failed: network option ${option}: ${describe(code)}`,
        ),
      );
    }
  }
  const setup = lib.fdb_setup_network();
  if (setup !== 0) {
    return fail(
      new FdbLoadError(
        "init",
        path,
        `FoundationDB client initialisation failed: fdb_setup_network returned ${describe(setup)}`,
      ),
    );
  }
  let client: FdbClient;
  try {
    client = new FdbClient(path, lib, max);
  } catch (e) {
    lib.fdb_stop_network();
    return fail(
      new FdbLoadError(
        "init",
        path,
        `FoundationDB client initialisation failed: cannot start the network thread: ${e instanceof Error ? e.message : String(e)}`,
        e,
      ),
    );
  }
  clients.set(path, client);
  if (!exitHook) {
    exitHook = true;
    process.on("exit", () => {
      for (const c of clients.values()) c.stopForExit();
    });
  }
  return client;
}

/** Stops every loaded client's network and joins the threads (process shutdown, tests). */
export async function stopAllFdbClients(): Promise<void> {
  await Promise.all([...clients.values()].map((c) => c.stop()));
}
