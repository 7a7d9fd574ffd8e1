/**
 * The SQLite KV backend on `bun:sqlite`: the default for development and single-host deployments.
 * Several OS processes may share one database file; conflict detection is correct across them.
 *
 * Schema: `kv(key BLOB PRIMARY KEY, value BLOB, version INTEGER) WITHOUT ROWID` and
 * `kv_meta(name, value)` holding `version` (the latest commit version) and `horizon` (see below).
 *
 * Conflict detection (FoundationDB's rule, applied to versioned rows):
 * - Every row carries the commit version that last wrote it. A deletion keeps the row as a
 *   *tombstone* (`value IS NULL`) with the deleting version, so deletions are detectable too.
 * - A transaction's read version is `kv_meta.version` at its first read. Reads run against the
 *   committed state. A non-snapshot read that meets a row (live or tombstone) newer than the read
 *   version fails at once with `conflict` (the commit could never succeed), so every value a
 *   conflicting read returns is the value as of the read version: the body never sees torn state.
 *   Snapshot reads return the latest committed value and never conflict.
 * - Reads run inside a read snapshot shared by the transactions that start while it is current
 *   (`SqliteStore.beginRead`: replaced when the WAL-index header shows a commit, ended by this
 *   process's own commits and after 10 ms), not one SQLite read transaction per statement.
 * - Commit: `BEGIN IMMEDIATE` (one writer at a time across processes; waits up to `busy_timeout`),
 *   then every read-conflict range is re-checked: any row in it with `version > readVersion` is a
 *   write that committed after we read → `conflict`. Then the writes are applied with version
 *   `v + 1`, `kv_meta.version` is bumped, `COMMIT`. Write-only transactions skip validation.
 * - Group commit: commits issued in the same microtask turn share one SQLite transaction; each is
 *   validated and applied in arrival order with its own version, so a later one conflicts with an
 *   earlier one exactly as if they had committed separately.
 * - Tombstones older than ~10 s of wall time are purged, and `horizon` records the newest purged
 *   version; a transaction whose read version is below the horizon is older than 10 s (a read
 *   version below a version committed 10 s ago) and fails with `timeout` (FDB's
 *   transaction_too_old). The KvStore limit of 1 s per attempt keeps this from happening in practice.
 *
 * Durability: WAL with `synchronous=NORMAL` by default: a commit survives the process being killed
 * (SIGKILL) at any point, because the WAL is written before `COMMIT` returns; after a power loss or
 * OS crash the last commits may be rolled back (never corrupted). Pass `synchronous: "full"` to
 * fsync the WAL on every commit.
 */
import { concatBytes } from "../keyspace.ts";
import {
  type BackendCapabilities,
  type Key,
  type KeyValue,
  type KvBackend,
  KvError,
  type Value,
} from "../types.ts";
import { BufferedTransaction, keyAfter, makeVersionstamp, resolvePoint } from "./buffered.ts";
import { keyStr } from "./key-ranges.ts";
import {
  type Committable,
  mapSqliteError,
  type Row,
  type SqliteBackendOptions,
  SqliteStore,
} from "./sqlite-store.ts";

export type { SqliteBackendOptions } from "./sqlite-store.ts";

/** `[value, version]` of a row, plus the current commit version for a transaction's first read. */
type PointRow = [Uint8Array | null, number, number?];
/** Rows fetched per page of a limited range read: what is wanted (at least 16, at most 4096). */
function pageSize(wanted: number): number {
  return Math.min(4096, Math.max(16, Math.ceil(wanted)));
}

/** `[key, value, version]` of a row of a range read. */
type RangeTuple = [Uint8Array, Uint8Array | null, number];

class SqliteTransaction extends BufferedTransaction implements Committable {
  constructor(private readonly s: SqliteStore) {
    super();
  }

  protected acquireReadVersion(): number {
    if (this.s.closed) throw new KvError("unavailable", "the sqlite backend is closed");
    this.s.beginRead();
    return this.s.q.version.values()[0]![0] as number;
  }

  #check(row: Row, snapshot: boolean, rv: number): void {
    if (!snapshot && row.version > rv) {
      throw new KvError(
        "conflict",
        "a key read by this transaction was written since its read version",
      );
    }
  }

  protected readPoint(key: Key, snapshot: boolean): Value | undefined {
    let rv = this.readVersionIfAny;
    let row: PointRow | undefined;
    if (rv === undefined) {
      // First read: the read version comes with the row, from the same statement (one snapshot).
      if (this.s.closed) throw new KvError("unavailable", "the sqlite backend is closed");
      this.s.beginRead();
      row = this.s.q.getFirst.values(key)[0] as PointRow | undefined;
      if (row) {
        rv = row[2]!;
        this.adoptReadVersion(rv);
      } else {
        // No row, so no version came with it. The version read next may be newer than the miss;
        // read the key again after it, so the absence is the absence as of the read version.
        rv = this.readVersion();
        row = this.s.q.getValue.values(key)[0] as PointRow | undefined;
      }
    } else row = this.s.q.getValue.values(key)[0] as PointRow | undefined;
    if (!row) return undefined;
    if (!snapshot && row[1] > rv) this.#check({ value: row[0], version: row[1] }, snapshot, rv);
    return row[0] ?? undefined;
  }

  protected *readRange(
    begin: Key,
    end: Key,
    reverse: boolean,
    snapshot: boolean,
    wanted: number,
  ): Iterable<KeyValue[]> {
    const rv = this.readVersion();
    const size = Number.isFinite(wanted) ? pageSize(wanted) : -1;
    const stmt = this.s.range(reverse, size);
    let lo = begin;
    let hi = end;
    for (;;) {
      // Each page is read completely (`all`), so no statement is left open between operations.
      // Arrays (`values`), not row objects: cheaper on every range read.
      const rows = stmt.values(lo, hi) as RangeTuple[];
      const page: KeyValue[] = [];
      let stale: RangeTuple | undefined;
      for (const row of rows) {
        if (!snapshot && row[2] > rv) {
          stale = row;
          break;
        }
        if (row[1] !== null) page.push({ key: row[0], value: row[1] });
      }
      // Rows before a newer one are still valid; the conflict is raised only if the caller goes on
      // reading past them (a limited read that stops earlier does not depend on that row).
      if (page.length > 0) yield page;
      if (stale) this.#check({ value: stale[1], version: stale[2] }, snapshot, rv);
      if (size < 0 || rows.length < size) return;
      const last = rows[rows.length - 1]![0];
      if (reverse) hi = last;
      else lo = keyAfter(last);
    }
  }

  protected commitWrites(): Promise<Uint8Array> {
    if (this.s.closed) throw new KvError("unavailable", "the sqlite backend is closed");
    if (!this.hasWrites) return Promise.resolve(makeVersionstamp(this.readVersionIfAny ?? 0));
    return this.s.enqueue(this);
  }

  /** Under the write lock: fails with `conflict` (or `timeout`) if a read is out of date. */
  validate(): void {
    // No read at all: the read version is the commit's own (FoundationDB's rule), nothing conflicts.
    if (this.readConflicts.length === 0 || this.readVersionIfAny === undefined) return;
    const rv = this.readVersionIfAny;
    const q = this.s.q;
    if (rv < q.horizon.get()!.value) {
      throw new KvError("timeout", "transaction too old: its read version predates purged history");
    }
    for (const r of this.readConflicts) {
      const conflict =
        r.point || r.e === `${r.b}\0`
          ? (q.get.get(r.begin)?.version ?? 0) > rv
          : q.newerInRange.get(r.begin, r.end, rv) !== null;
      if (conflict) {
        throw new KvError("conflict", "a key read by this transaction was written since");
      }
    }
  }

  /** Under the write lock: applies the write set with commit version `v`. */
  apply(v: number): void {
    const q = this.s.q;
    const stamp = makeVersionstamp(v);
    for (const r of this.ws.clears) q.clearRange.run(r.begin, r.end, v);
    for (const p of this.ws.points.values()) {
      if (p.t === "clear") q.clearKey.run(p.key, v);
      else if (p.t === "set") q.upsert.run(p.key, p.value, v);
      else {
        const current = p.t === "add" ? (q.get.get(p.key)?.value ?? undefined) : undefined;
        q.upsert.run(p.key, resolvePoint(p, current, stamp)!, v);
      }
    }
    for (const k of this.ws.vsKeys)
      q.upsert.run(concatBytes(k.prefix, stamp, k.suffix), k.value, v);
  }
}

export interface SqliteBackend extends KvBackend {
  /** The database file path. */
  readonly path: string;
  /** Why the last commit failed in the storage (disk full, not writable, I/O), until one succeeds. */
  storageFault(): string | undefined;
  /**
   * Test-only fault injection: runs `PRAGMA query_only[ = 0|1]`, `PRAGMA max_page_count[ = N]` or
   * `PRAGMA page_count` on
   * this connection (a read-only or full database where chmod and mount are not available) and
   * returns the pragma's value.
   */
  testPragma(pragma: string): unknown;
}

/** Opens (creating if needed) the SQLite database at `opts.path`. */
export function createSqliteBackend(opts: SqliteBackendOptions): SqliteBackend {
  let store: SqliteStore;
  try {
    store = new SqliteStore(opts);
  } catch (e) {
    throw mapSqliteError(e, `open of ${opts.path}`);
  }
  const capabilities: BackendCapabilities = { multiProcess: true, faultInjection: false };
  return {
    name: "sqlite",
    capabilities,
    path: opts.path,
    storageFault: () => store.fault,
    changeMark: (scope) => store.changeMark(scope === undefined ? undefined : keyStr(scope)),
    testPragma(pragma) {
      if (!/^(query_only|max_page_count|page_count)( = \d+)?$/.test(pragma)) {
        throw new Error(`testPragma: unsupported pragma ${pragma}`);
      }
      return Object.values(store.db.query(`PRAGMA ${pragma}`).get() ?? {})[0];
    },
    begin() {
      if (store.closed) throw new KvError("unavailable", "the sqlite backend is closed");
      return new SqliteTransaction(store);
    },
    async close() {
      if (store.closed) return;
      store.endRead();
      store.closed = true;
      store.closeConnection();
      store.closeWalIndex();
    },
  };
}
