/**
 * The KV port: an API shaped like FoundationDB's, implemented by every backend (memory, sqlite,
 * foundationdb) and wrapped by `KvStore` (src/kv/store.ts), which adds the retry loop and enforces
 * FoundationDB's limits on every backend, so code that passes on SQLite does not break on a cluster.
 *
 * Keys and values are bytes. Keys are built with the tuple layer (src/kv/keyspace.ts) so ranges sort
 * the same on every backend; values are encoded with the versioned codec (src/kv/codec.ts).
 *
 * Isolation: strict serializability. A transaction sees a consistent snapshot taken at its first
 * read plus its own writes (read-your-writes). Non-snapshot reads (and ranges) add read conflicts:
 * if any key or range read was written by a transaction that committed after this one's snapshot,
 * the commit fails with `conflict` and `KvStore.transact` retries the body. Snapshot reads add no
 * conflicts. Writes are buffered and applied atomically at commit; all or nothing.
 */

export type Key = Uint8Array;
export type Value = Uint8Array;

export interface KeyValue {
  key: Key;
  value: Value;
}

export type BackendName = "memory" | "sqlite" | "foundationdb";

/** Typed failure codes of the KV layer. */
export type KvErrorCode =
  /** Another transaction wrote something this one read. Retryable; `transact` retries it. */
  | "conflict"
  /**
   * The commit may or may not have applied (network loss at commit). Retryable; `transact`
   * retries the body, so bodies must be idempotent (check-then-write, not blind increments, where
   * a duplicate would matter).
   */
  | "unknown_result"
  /** A limit was exceeded: key > 1 KB, value > 90 KB, > 1 MB written in one transaction. Not retryable. */
  | "too_large"
  /** The transaction ran longer than 1 s (FDB's 5 s MVCC window, with margin). Retryable once. */
  | "timeout"
  /** The store cannot be reached or is closed. */
  | "unavailable";

/** Limits enforced by `KvStore` on every backend (FoundationDB's, with margins). Bytes and ms. */
export const KV_LIMITS = {
  maxKeyBytes: 1024,
  maxValueBytes: 90 * 1024,
  maxTransactionWriteBytes: 1024 * 1024,
  maxTransactionMs: 1000,
} as const;

export class KvError extends Error {
  readonly code: KvErrorCode;
  /**
   * True when the store guarantees the transaction did not apply (it never began its commit, as
   * when another process holds SQLite's write lock); false when that is not known.
   */
  readonly notApplied: boolean;
  constructor(
    code: KvErrorCode,
    message: string,
    opts?: { cause?: unknown; notApplied?: boolean },
  ) {
    super(message, opts);
    this.name = "KvError";
    this.code = code;
    this.notApplied = opts?.notApplied ?? false;
  }

  get retryable(): boolean {
    return this.code === "conflict" || this.code === "unknown_result" || this.code === "timeout";
  }
}

export function isKvError(e: unknown, code?: KvErrorCode): e is KvError {
  return (
    typeof e === "object" &&
    e !== null &&
    (e as { name?: unknown }).name === "KvError" &&
    (code === undefined || (e as { code?: unknown }).code === code)
  );
}

export interface RangeOptions {
  /** Maximum number of pairs returned; 0 or undefined means no limit. */
  limit?: number;
  /** Descending key order when true. `limit` then takes the last keys of the range. */
  reverse?: boolean;
}

/** Reads available both as conflicting reads and as snapshot reads. */
export interface ReadOps {
  /** The value at `key`, or undefined. Sees this transaction's own uncommitted writes. */
  get(key: Key): Promise<Value | undefined>;
  /**
   * Pairs with `begin <= key < end`, ordered by key bytes (ascending unless `reverse`), merged with
   * this transaction's own writes. A conflicting read adds the whole requested range (or, with a
   * limit, the part actually scanned) as a read conflict.
   */
  getRange(begin: Key, end: Key, opts?: RangeOptions): Promise<KeyValue[]>;
}

/**
 * One transaction. Obtained only inside `KvStore.transact`; never kept after the body returns.
 * Mutations are synchronous (buffered); reads are async.
 */
export interface Transaction extends ReadOps {
  /** Reads that add no read conflicts (FoundationDB snapshot reads). Still see own writes. */
  readonly snapshot: ReadOps;
  /** Sets `key` to `value`. */
  set(key: Key, value: Value): void;
  /** Removes `key` (no-op when absent). */
  clear(key: Key): void;
  /** Removes every key in `begin <= key < end`. */
  clearRange(begin: Key, end: Key): void;
  /**
   * Adds `delta` to the little-endian signed 64-bit integer stored at `key` (absent = 0), without a
   * read conflict: N concurrent adds give exactly N. Read the value with `decodeI64LE`.
   */
  atomicAdd(key: Key, delta: number | bigint): void;
  /**
   * Writes `value` at key `prefix ++ versionstamp ++ suffix`, where versionstamp is the 10-byte
   * commit versionstamp (8-byte big-endian commit version + 2-byte batch order). Keys written this
   * way sort in commit order across all transactions of the store.
   */
  setVersionstampedKey(prefix: Key, suffix: Key, value: Value): void;
  /** Writes `valuePrefix ++ versionstamp ++ valueSuffix` at `key`. */
  setVersionstampedValue(key: Key, valuePrefix: Value, valueSuffix?: Value): void;
  /** Adds `begin <= key < end` to this transaction's read conflicts without reading it. */
  addReadConflictRange(begin: Key, end: Key): void;
  /**
   * Resolves with this transaction's 10-byte versionstamp once it has committed (rejects if it
   * does not commit). Await it only after `transact` has returned.
   */
  getVersionstamp(): Promise<Uint8Array>;
}

export interface TransactOptions {
  /** Attempts before giving up with the last retryable error. Default 50. */
  maxAttempts?: number;
  /** Name for logs and metrics. */
  name?: string;
}

/**
 * What application code uses. Constructed only in main.ts (and test support) around a backend.
 */
export interface KvStore {
  readonly backend: BackendName;
  /**
   * Runs `body` in a transaction and commits it; on a retryable error (`conflict`,
   * `unknown_result`, `timeout`) runs the body again from scratch in a new transaction. The body
   * must therefore have no effects outside the transaction (no mail, RPC, timers, in-memory
   * mutation): compute, write, return, and perform effects after `transact` resolves.
   * Rejects with `KvError` (`too_large`, `unavailable`, or a retryable code after maxAttempts).
   */
  transact<T>(body: (tx: Transaction) => Promise<T>, opts?: TransactOptions): Promise<T>;
  /** Closes the store; later calls reject with `unavailable`. Idempotent. */
  close(): Promise<void>;
  /** The backend's `storageFault()` (readiness: src/services/system/service.ts). */
  storageFault?(): string | undefined;
  /**
   * A mark of the store's committed state: two calls return the same number only if no
   * transaction with writes committed anywhere (this process, another thread or process) between
   * them; undefined when the backend cannot tell (FoundationDB) or is closed. How to use it: take
   * the mark *before* reading, and a value derived from those reads is still exact for as long as
   * the mark is unchanged (the reads' snapshot is at least as new as the mark, and nothing
   * committed since). A different mark says nothing (it may change without a visible change).
   *
   * With `scope` (a key prefix): the mark of that part of the key space, which moves at least
   * whenever a transaction that wrote a key under `scope` committed anywhere, and may move for
   * other commits too (SQLite: for every commit of another connection or process, whose keys it
   * cannot see); this store's own commits elsewhere in the key space leave it. The same rule of
   * use, for values derived from reads under `scope` only. Marks only grow, and the maximum of
   * several scopes' marks is a mark of their union (src/kv/scoped-marks.ts).
   */
  changeMark?(scope?: Key): number | undefined;
}

/** A backend transaction: the raw operations, without retries or limit checks. */
export interface BackendTransaction extends Transaction {
  /**
   * Commits the buffered writes atomically. Resolves with the 10-byte versionstamp of the commit
   * (read-only transactions resolve without writing anything). Rejects with `KvError`.
   */
  commit(): Promise<Uint8Array>;
  /** Discards the transaction; later operations are invalid. */
  cancel(): void;
}

export interface BackendCapabilities {
  /** Several OS processes can share the store (sqlite file, FoundationDB cluster). */
  multiProcess: boolean;
  /** The backend can inject faults (memory). */
  faultInjection: boolean;
}

/** What each backend implements. `KvStore` wraps it. */
export interface KvBackend {
  readonly name: BackendName;
  readonly capabilities: BackendCapabilities;
  /** Starts a transaction. Cheap; no I/O until the first read or commit. */
  begin(): BackendTransaction;
  /** Releases resources. Idempotent. */
  close(): Promise<void>;
  /**
   * Why the last commit failed in the storage itself (disk full, not writable, I/O error), until a
   * commit succeeds again; undefined when healthy or when the backend cannot tell (SQLite only).
   */
  storageFault?(): string | undefined;
  /** See `KvStore.changeMark` (memory and SQLite; FoundationDB has none). */
  changeMark?(scope?: Key): number | undefined;
}

/** Encodes a signed 64-bit integer as 8 little-endian bytes (the atomicAdd format). */
export function encodeI64LE(v: number | bigint): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigInt64(0, BigInt(v), true);
  return out;
}

/** Decodes an atomicAdd counter; absent or short values count as 0 (shorter values zero-extend). */
export function decodeI64LE(v: Uint8Array | undefined): bigint {
  if (!v || v.length === 0) return 0n;
  const buf = new Uint8Array(8);
  buf.set(v.subarray(0, 8));
  return new DataView(buf.buffer).getBigInt64(0, true);
}

/**
 * A write expressed as data: what actor turns return as their write set and what domain modules
 * produce with pure "writes" builders, so one function serves both a plain transaction and an
 * actor turn. Apply with `applyMutations(tx, mutations)`.
 */
export type Mutation =
  | { op: "set"; key: Key; value: Value }
  | { op: "clear"; key: Key }
  | { op: "clearRange"; begin: Key; end: Key }
  | { op: "atomicAdd"; key: Key; delta: number }
  | { op: "setVersionstampedKey"; prefix: Key; suffix: Key; value: Value };

/** Applies mutations to a transaction in order. */
export function applyMutations(tx: Transaction, mutations: readonly Mutation[]): void {
  for (const m of mutations) {
    switch (m.op) {
      case "set":
        tx.set(m.key, m.value);
        break;
      case "clear":
        tx.clear(m.key);
        break;
      case "clearRange":
        tx.clearRange(m.begin, m.end);
        break;
      case "atomicAdd":
        tx.atomicAdd(m.key, m.delta);
        break;
      case "setVersionstampedKey":
        tx.setVersionstampedKey(m.prefix, m.suffix, m.value);
        break;
    }
  }
}
