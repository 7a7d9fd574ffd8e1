/**
 * The FoundationDB KV backend, for multi-host clusters, through the optional `foundationdb` npm
 * binding. The binding (and FoundationDB's native client library `libfdb_c` it links against) is
 * loaded lazily, only when this backend is opened, so the rest of the service runs without it.
 * When the client library is missing, opening fails with one clear line naming what to install.
 *
 * FoundationDB provides everything the port promises natively (MVCC snapshot reads, conflict
 * detection, read-your-writes, versionstamps, atomic add); this file only adapts types and maps
 * FDB error codes to `KvError` codes. One database handle per process (FDB's network thread is a
 * per-process singleton), opened with API version 720.
 */
import type * as Fdb from "foundationdb";
import {
  type BackendCapabilities,
  type BackendTransaction,
  encodeI64LE,
  type Key,
  type KeyValue,
  type KvBackend,
  KvError,
  type RangeOptions,
  type ReadOps,
  type Value,
} from "../types.ts";

type FdbModule = typeof Fdb;
type FdbTransaction = Fdb.Transaction;

export interface FoundationDbBackendOptions {
  /** Path of the cluster file; default: FoundationDB's default location (/etc/foundationdb/fdb.cluster). */
  clusterFile?: string;
  /** FDB-side timeout of one transaction attempt in ms (reads that hang fail with `timeout`). Default 5000. */
  transactionTimeoutMs?: number;
}

const API_VERSION = 720;

export const FDB_MISSING_MESSAGE =
  "FoundationDB client library (libfdb_c) is not available: install the foundationdb-clients package for your platform (https://github.com/apple/foundationdb/releases) or choose storage.backend sqlite";

let loaded: Promise<FdbModule> | undefined;

/**
 * Imports the `foundationdb` binding once per process and selects the API version. The binding
 * prints several lines of its own when its native part cannot load; they are swallowed and replaced
 * by one `KvError("unavailable")` whose message is `FDB_MISSING_MESSAGE` (the original error is its
 * `cause`). `importer` exists for tests.
 */
export function loadFoundationDb(
  importer: () => Promise<unknown> = () => import("foundationdb"),
): Promise<FdbModule> {
  loaded ??= (async () => {
    const original = console.error;
    const swallowed: unknown[] = [];
    console.error = (...args: unknown[]) => {
      swallowed.push(args);
    };
    let mod: FdbModule;
    try {
      const imported = (await importer()) as FdbModule & { default?: FdbModule };
      mod = typeof imported.setAPIVersion === "function" ? imported : imported.default!;
      if (typeof mod?.setAPIVersion !== "function") throw new Error("not the foundationdb binding");
      mod.setAPIVersion(API_VERSION);
    } catch (e) {
      loaded = undefined;
      throw new KvError("unavailable", FDB_MISSING_MESSAGE, { cause: e });
    } finally {
      console.error = original;
    }
    return mod;
  })();
  return loaded;
}

/** Maps a FoundationDB error (FDBError, numeric `code`) to the port's error codes. */
export function mapFdbError(e: unknown): unknown {
  if (e instanceof KvError) return e;
  const code = (e as { code?: unknown })?.code;
  if (typeof code !== "number") return e;
  const msg = `foundationdb error ${code}: ${(e as Error).message}`;
  switch (code) {
    case 1020: // not_committed
      return new KvError("conflict", msg, { cause: e });
    case 1021: // commit_unknown_result
      return new KvError("unknown_result", msg, { cause: e });
    case 2101: // transaction_too_large
    case 2102: // key_too_large
    case 2103: // value_too_large
      return new KvError("too_large", msg, { cause: e });
    case 1007: // transaction_too_old
    case 1031: // transaction_timed_out
      return new KvError("timeout", msg, { cause: e });
    default:
      return new KvError("unavailable", msg, { cause: e });
  }
}

const buf = (b: Uint8Array): Buffer => Buffer.from(b.buffer, b.byteOffset, b.byteLength);
const bytes = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

async function mapped<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    throw mapFdbError(e);
  }
}

function sync(fn: () => void): void {
  try {
    fn();
  } catch (e) {
    throw mapFdbError(e);
  }
}

function readOps(tn: FdbTransaction): ReadOps {
  return {
    async get(key: Key): Promise<Value | undefined> {
      const v = await mapped(tn.get(buf(key)));
      return v === undefined ? undefined : bytes(v);
    },
    async getRange(begin: Key, end: Key, opts?: RangeOptions): Promise<KeyValue[]> {
      const o: { limit?: number; reverse?: boolean } = {};
      if (opts?.limit && opts.limit > 0) o.limit = opts.limit;
      if (opts?.reverse) o.reverse = true;
      const rows = await mapped(tn.getRangeAll(buf(begin), buf(end), o));
      return rows.map(([k, v]) => ({ key: bytes(k), value: bytes(v) }));
    },
  };
}

class FoundationDbTransaction implements BackendTransaction {
  readonly snapshot: ReadOps;
  readonly #reads: ReadOps;
  #wrote = false;
  #stamp: Promise<Uint8Array>;
  #settle!: (r: { ok: Uint8Array } | { err: unknown }) => void;

  constructor(private readonly tn: FdbTransaction) {
    this.#reads = readOps(tn);
    this.snapshot = readOps(tn.snapshot());
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
    this.#write(() => this.tn.set(buf(key), buf(value)));
  }
  clear(key: Key): void {
    this.#write(() => this.tn.clear(buf(key)));
  }
  clearRange(begin: Key, end: Key): void {
    this.#write(() => this.tn.clearRange(buf(begin), buf(end)));
  }
  atomicAdd(key: Key, delta: number | bigint): void {
    this.#write(() => this.tn.add(buf(key), buf(encodeI64LE(delta))));
  }
  setVersionstampedKey(prefix: Key, suffix: Key, value: Value): void {
    this.#write(() => this.tn.setVersionstampedKeyBuf(buf(prefix), buf(suffix), buf(value)));
  }
  setVersionstampedValue(key: Key, valuePrefix: Value, valueSuffix?: Value): void {
    const suffix = valueSuffix && valueSuffix.length > 0 ? buf(valueSuffix) : undefined;
    this.#write(() => this.tn.setVersionstampPrefixedValue(buf(key), suffix, buf(valuePrefix)));
  }
  addReadConflictRange(begin: Key, end: Key): void {
    sync(() => this.tn.addReadConflictRange(buf(begin), buf(end)));
  }
  getVersionstamp(): Promise<Uint8Array> {
    return this.#stamp;
  }

  async commit(): Promise<Uint8Array> {
    try {
      // The versionstamp future must be requested before the commit.
      const stamp = this.#wrote ? this.tn.getVersionstamp().promise : undefined;
      stamp?.catch(() => {});
      await mapped(this.tn.rawCommit());
      const out = stamp ? bytes(await mapped(stamp)) : new Uint8Array(10);
      this.#settle({ ok: out });
      return out;
    } catch (e) {
      this.#settle({ err: e });
      throw e;
    }
  }

  cancel(): void {
    this.tn.rawCancel();
    this.#settle({ err: new KvError("unavailable", "transaction was cancelled") });
  }
}

/** Opens the FoundationDB database named by the cluster file (loads the binding lazily). */
export async function createFoundationDbBackend(
  opts: FoundationDbBackendOptions = {},
): Promise<KvBackend> {
  const fdb = await loadFoundationDb();
  let db: ReturnType<FdbModule["open"]>;
  try {
    db = fdb.open(opts.clusterFile, { transaction_timeout: opts.transactionTimeoutMs ?? 5000 });
  } catch (e) {
    throw new KvError(
      "unavailable",
      `cannot open FoundationDB (${opts.clusterFile ?? "default cluster file"})`,
      {
        cause: e,
      },
    );
  }
  let closed = false;
  const capabilities: BackendCapabilities = { multiProcess: true, faultInjection: false };
  return {
    name: "foundationdb",
    capabilities,
    begin() {
      if (closed) throw new KvError("unavailable", "the foundationdb backend is closed");
      return new FoundationDbTransaction(db.rawCreateTransaction());
    },
    async close() {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
}
