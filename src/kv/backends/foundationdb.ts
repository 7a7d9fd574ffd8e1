/**
 * The FoundationDB KV backend, for multi-host clusters, over our own binding of FoundationDB's C
 * client API through `bun:ffi` (fdb-c.ts; why not the `foundationdb` npm binding:
 * docs/adr/0011-foundationdb-through-bun-ffi.md). The client library `libfdb_c` is loaded only when
 * this backend is opened, so the rest of the service runs without it; when it is missing, too old
 * for API 720 or fails to initialise, opening fails with one `FdbLoadError` line saying which.
 *
 * FoundationDB provides everything the port promises natively (MVCC snapshot reads, conflict
 * detection, read-your-writes, versionstamps, atomic add); this file adapts types, owns each
 * FDBTransaction (destroyed once: after its commit settles, or on cancel) and classifies FDB error
 * codes as the port's (`classifyFdbError`, fdb-errors.ts; commit errors with phase "commit"). One
 * network thread per process (FDB's is a per-process singleton), opened with API version 720.
 */

import {
  type BackendCapabilities,
  type BackendTransaction,
  type Key,
  type KeyValue,
  type KvBackend,
  KvError,
  type RangeOptions,
  type ReadOps,
  type Value,
} from "../types.ts";
import {
  ConflictRangeType,
  type FdbClient,
  type FdbClientOptions,
  FdbCode,
  type FdbDatabase,
  FdbError,
  type FdbTransaction as FdbTx,
  loadFdbClient,
  type Pending,
  stopAllFdbClients,
  TransactionOption,
} from "./fdb-c.ts";
import { classifyFdbError } from "./fdb-errors.ts";

export { FdbLoadError, type FdbLoadFailure } from "./fdb-c.ts";

export interface FoundationDbBackendOptions {
  /** Path of the cluster file; default: FoundationDB's default location (/etc/foundationdb/fdb.cluster). */
  clusterFile?: string;
  /** FDB-side timeout of one transaction attempt in ms (reads that hang fail with `timeout`). Default 5000. */
  transactionTimeoutMs?: number;
  /** FDB-side size limit of one transaction in bytes (option size_limit); FDB's default when absent. */
  transactionSizeLimit?: number;
  /** The client library file; default `FDB_LIBRARY_PATH` or the platform's `libfdb_c`. */
  libraryPath?: string;
}

/**
 * Loads the client library (once per process and file) and starts its network thread. Throws
 * `FdbLoadError` (a `KvError` "unavailable" with one line): missing, too old (2203), or init.
 */
export function loadFoundationDb(opts: FdbClientOptions = {}): FdbClient {
  return loadFdbClient(opts);
}

/** Stops FoundationDB's network thread(s) and joins them; nothing can be opened afterwards. */
export function shutdownFoundationDb(): Promise<void> {
  return stopAllFdbClients();
}

/** The port's error for anything a binding call threw (`phase` "commit" for the commit). */
export function mapFdbError(e: unknown, phase: "commit" | "other" = "other"): unknown {
  if (e instanceof KvError) return e;
  if (e instanceof FdbError) return classifyFdbError(e.code, e.description, phase, e);
  return e;
}

async function mapped<T>(p: Promise<T>, phase: "commit" | "other" = "other"): Promise<T> {
  try {
    return await p;
  } catch (e) {
    throw mapFdbError(e, phase);
  }
}

function sync(fn: () => void): void {
  try {
    fn();
  } catch (e) {
    throw mapFdbError(e);
  }
}

function readOps(tn: FdbTx, snapshot: boolean): ReadOps {
  return {
    get(key: Key): Promise<Value | undefined> {
      return mapped(tn.get(key, snapshot));
    },
    getRange(begin: Key, end: Key, opts?: RangeOptions): Promise<KeyValue[]> {
      const o: { limit?: number; reverse?: boolean; snapshot: boolean } = { snapshot };
      if (opts?.limit && opts.limit > 0) o.limit = opts.limit;
      if (opts?.reverse) o.reverse = true;
      return mapped(tn.getRange(begin, end, o));
    },
  };
}

const cancelled = () => new KvError("unavailable", "transaction was cancelled");

class FoundationDbTransaction implements BackendTransaction {
  readonly snapshot: ReadOps;
  readonly #reads: ReadOps;
  #wrote = false;
  #done = false;
  #stamp: Promise<Uint8Array>;
  #settle!: (r: { ok: Uint8Array } | { err: unknown }) => void;

  constructor(private readonly tn: FdbTx) {
    this.#reads = readOps(tn, false);
    this.snapshot = readOps(tn, true);
    this.#stamp = new Promise<{ ok: Uint8Array } | { err: unknown }>((res) => {
      this.#settle = res;
    }).then((r) => {
      if ("ok" in r) return r.ok;
      throw r.err;
    });
    this.#stamp.catch(() => {});
  }

  get(key: Key): Promise<Value | undefined> {
    return this.#reads.get(key);
  }
  getRange(begin: Key, end: Key, opts?: RangeOptions): Promise<KeyValue[]> {
    return this.#reads.getRange(begin, end, opts);
  }
  #write(fn: () => void): void {
    this.#wrote = true;
    sync(fn);
  }
  set(key: Key, value: Value): void {
    this.#write(() => this.tn.set(key, value));
  }
  clear(key: Key): void {
    this.#write(() => this.tn.clear(key));
  }
  clearRange(begin: Key, end: Key): void {
    this.#write(() => this.tn.clearRange(begin, end));
  }
  atomicAdd(key: Key, delta: number | bigint): void {
    this.#write(() => this.tn.atomicAdd(key, delta));
  }
  setVersionstampedKey(prefix: Key, suffix: Key, value: Value): void {
    this.#write(() => this.tn.setVersionstampedKey(prefix, suffix, value));
  }
  setVersionstampedValue(key: Key, valuePrefix: Value, valueSuffix?: Value): void {
    this.#write(() => this.tn.setVersionstampedValue(key, valuePrefix, valueSuffix));
  }
  addReadConflictRange(begin: Key, end: Key): void {
    sync(() => this.tn.addConflictRange(begin, end, ConflictRangeType.read));
  }
  getVersionstamp(): Promise<Uint8Array> {
    return this.#stamp;
  }

  async commit(): Promise<Uint8Array> {
    if (this.#done) throw cancelled();
    this.#done = true;
    let stamp: Pending<Uint8Array> | undefined;
    try {
      // The versionstamp future must be requested before the commit, and only when something
      // was written (a read-only transaction has no commit version).
      if (this.#wrote) {
        stamp = this.tn.getVersionstamp();
        stamp.promise.catch(() => {});
      }
      try {
        await this.tn.commit();
      } catch (e) {
        stamp?.abandon();
        throw mapFdbError(e, "commit");
      }
      let out: Uint8Array = new Uint8Array(10);
      if (stamp) {
        try {
          out = await stamp.promise;
        } catch (e) {
          // Writes that change nothing (an empty clearRange) commit read-only: no versionstamp.
          if (!(e instanceof FdbError && e.code === FdbCode.noCommitVersion)) {
            throw mapFdbError(e);
          }
        }
      }
      this.#settle({ ok: out });
      return out;
    } catch (e) {
      this.#settle({ err: e });
      throw e;
    } finally {
      this.tn.destroy();
    }
  }

  cancel(): void {
    if (this.#done) return;
    this.#done = true;
    this.tn.cancel();
    this.tn.destroy();
    this.#settle({ err: cancelled() });
  }
}

/** Opens the FoundationDB database named by the cluster file (loads the client library lazily). */
export async function createFoundationDbBackend(
  opts: FoundationDbBackendOptions = {},
): Promise<KvBackend> {
  const client = loadFoundationDb(opts.libraryPath ? { libraryPath: opts.libraryPath } : {});
  let db: FdbDatabase;
  try {
    db = client.openDatabase(opts.clusterFile);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new KvError(
      "unavailable",
      `cannot open FoundationDB (${opts.clusterFile ?? "default cluster file"}): ${why}`,
      { cause: e },
    );
  }
  const timeoutMs = opts.transactionTimeoutMs ?? 5000;
  const sizeLimit = opts.transactionSizeLimit;
  let closed = false;
  const capabilities: BackendCapabilities = { multiProcess: true, faultInjection: false };
  return {
    name: "foundationdb",
    capabilities,
    begin() {
      if (closed) throw new KvError("unavailable", "the foundationdb backend is closed");
      let tn: FdbTx;
      try {
        tn = db.createTransaction();
      } catch (e) {
        throw mapFdbError(e);
      }
      try {
        tn.setOption(TransactionOption.timeout, timeoutMs);
        if (sizeLimit !== undefined) tn.setOption(TransactionOption.sizeLimit, sizeLimit);
      } catch (e) {
        tn.destroy();
        throw mapFdbError(e);
      }
      return new FoundationDbTransaction(tn);
    },
    async close() {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
}
