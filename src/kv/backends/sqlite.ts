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
import { Database, type Statement } from "bun:sqlite";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { type Clock, systemClock } from "../../lib/clock.ts";
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

export interface SqliteBackendOptions {
  /** Database file; its directory is created. `:memory:` for a private in-memory database. */
  path: string;
  /** `normal` (default) or `full`; see the header for what each guarantees. */
  synchronous?: "normal" | "full";
  /** How long a writer waits for another process's write lock, in ms. Default 5000. */
  busyTimeoutMs?: number;
  /** Wall clock for tombstone aging. Default: the system clock. */
  clock?: Clock;
}

/** Tombstones older than this (wall ms) are purged. */
const TOMBSTONE_AGE_MS = 10_000;
/** How often (wall ms) a process samples the commit version for tombstone aging. */
const SAMPLE_EVERY_MS = 1_000;

type Row = { value: Uint8Array | null; version: number };
type RangeRow = Row & { key: Uint8Array };

function mapSqliteError(e: unknown, during: string): KvError {
  const code = (e as { code?: unknown }).code;
  if (
    typeof code === "string" &&
    (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED"))
  ) {
    return new KvError("conflict", `database busy during ${during}`, { cause: e });
  }
  return new KvError("unavailable", `sqlite failed during ${during}`, { cause: e });
}

class SqliteStore {
  readonly db: Database;
  closed = false;
  readonly clock: Clock;
  /** (wall ms, committed version) samples, oldest first, for tombstone aging. */
  samples: { at: number; v: number }[] = [];

  readonly q: {
    version: Statement<{ value: number }>;
    horizon: Statement<{ value: number }>;
    get: Statement<Row>;
    rangeAsc: Statement<RangeRow>;
    rangeDesc: Statement<RangeRow>;
    newerInRange: Statement<{ one: number }>;
    begin: Statement;
    commit: Statement;
    rollback: Statement;
    setVersion: Statement;
    upsert: Statement;
    clearKey: Statement;
    clearRange: Statement;
    purge: Statement;
    setHorizon: Statement;
  };

  constructor(opts: SqliteBackendOptions) {
    this.clock = opts.clock ?? systemClock;
    if (opts.path !== ":memory:") mkdirSync(dirname(opts.path), { recursive: true });
    this.db = new Database(opts.path, { create: true });
    const db = this.db;
    db.run(`PRAGMA busy_timeout = ${Math.max(0, Math.floor(opts.busyTimeoutMs ?? 5000))}`);
    SqliteStore.retryBusy(() => db.run("PRAGMA journal_mode = WAL"));
    db.run(`PRAGMA synchronous = ${opts.synchronous === "full" ? "FULL" : "NORMAL"}`);
    // A brand-new file opened by several processes at once: the schema is created under the write
    // lock; `busy_timeout` makes the others wait for it.
    db.run("BEGIN IMMEDIATE");
    try {
      db.run(
        "CREATE TABLE IF NOT EXISTS kv (key BLOB PRIMARY KEY, value BLOB, version INTEGER NOT NULL) WITHOUT ROWID",
      );
      db.run("CREATE INDEX IF NOT EXISTS kv_tombstones ON kv (version) WHERE value IS NULL");
      db.run(
        "CREATE TABLE IF NOT EXISTS kv_meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID",
      );
      db.run("INSERT OR IGNORE INTO kv_meta (name, value) VALUES ('version', 0), ('horizon', 0)");
      db.run("COMMIT");
    } catch (e) {
      db.run("ROLLBACK");
      throw e;
    }
    this.q = {
      version: db.prepare("SELECT value FROM kv_meta WHERE name = 'version'"),
      horizon: db.prepare("SELECT value FROM kv_meta WHERE name = 'horizon'"),
      get: db.prepare("SELECT value, version FROM kv WHERE key = ?"),
      rangeAsc: db.prepare(
        "SELECT key, value, version FROM kv WHERE key >= ?1 AND key < ?2 ORDER BY key LIMIT ?3",
      ),
      rangeDesc: db.prepare(
        "SELECT key, value, version FROM kv WHERE key >= ?1 AND key < ?2 ORDER BY key DESC LIMIT ?3",
      ),
      newerInRange: db.prepare(
        "SELECT 1 AS one FROM kv WHERE key >= ?1 AND key < ?2 AND version > ?3 LIMIT 1",
      ),
      begin: db.prepare("BEGIN IMMEDIATE"),
      commit: db.prepare("COMMIT"),
      rollback: db.prepare("ROLLBACK"),
      setVersion: db.prepare("UPDATE kv_meta SET value = ? WHERE name = 'version'"),
      upsert: db.prepare(
        "INSERT INTO kv (key, value, version) VALUES (?1, ?2, ?3) ON CONFLICT (key) DO UPDATE SET value = excluded.value, version = excluded.version",
      ),
      clearKey: db.prepare(
        "UPDATE kv SET value = NULL, version = ?2 WHERE key = ?1 AND value IS NOT NULL",
      ),
      clearRange: db.prepare(
        "UPDATE kv SET value = NULL, version = ?3 WHERE key >= ?1 AND key < ?2 AND value IS NOT NULL",
      ),
      purge: db.prepare("DELETE FROM kv WHERE value IS NULL AND version <= ?"),
      setHorizon: db.prepare("UPDATE kv_meta SET value = max(value, ?) WHERE name = 'horizon'"),
    };
  }

  /** Commits waiting for the next group commit, in arrival order. */
  pending: {
    tx: SqliteTransaction;
    resolve: (s: Uint8Array) => void;
    reject: (e: unknown) => void;
  }[] = [];

  /**
   * Queues a transaction for the next group commit, which runs in a microtask: commits that
   * arrive together share one SQLite transaction (one `BEGIN IMMEDIATE`, one version update, one
   * `COMMIT`), each still validated and applied in arrival order with its own commit version.
   */
  enqueue(tx: SqliteTransaction): Promise<Uint8Array> {
    return new Promise((resolve, reject) => {
      this.pending.push({ tx, resolve, reject });
      if (this.pending.length === 1) queueMicrotask(() => this.flush());
    });
  }

  flush(): void {
    const batch = this.pending;
    this.pending = [];
    const failAll = (e: unknown) => {
      for (const item of batch) item.reject(e);
    };
    if (this.closed) return failAll(new KvError("unavailable", "the sqlite backend is closed"));
    const q = this.q;
    try {
      q.begin.run();
    } catch (e) {
      return failAll(mapSqliteError(e, "begin"));
    }
    const outcomes: ({ stamp: Uint8Array } | { error: unknown })[] = [];
    let v = 0;
    try {
      // Under the write lock: nobody else can move the version until COMMIT.
      v = q.version.get()!.value;
      const first = v;
      for (const item of batch) {
        try {
          item.tx.validate();
        } catch (e) {
          if (!(e instanceof KvError)) throw e;
          outcomes.push({ error: e });
          continue;
        }
        item.tx.apply(++v);
        outcomes.push({ stamp: makeVersionstamp(v) });
      }
      if (v > first) {
        q.setVersion.run(v);
        this.maybePurge();
      }
    } catch (e) {
      q.rollback.run();
      return failAll(mapSqliteError(e, "commit"));
    }
    try {
      q.commit.run();
    } catch (e) {
      try {
        q.rollback.run();
      } catch {
        // COMMIT failures usually roll back already; nothing more to undo.
      }
      const unknown = new KvError("unknown_result", "sqlite COMMIT failed", { cause: e });
      batch.forEach((item, i) => {
        const o = outcomes[i]!;
        item.reject("error" in o ? o.error : unknown);
      });
      return;
    }
    this.sample(v);
    batch.forEach((item, i) => {
      const o = outcomes[i]!;
      if ("stamp" in o) item.resolve(o.stamp);
      else item.reject(o.error);
    });
  }

  /** Switching a new file to WAL is not covered by `busy_timeout`: retry it for up to ~5 s. */
  static retryBusy(fn: () => void): void {
    for (let attempt = 0; ; attempt++) {
      try {
        fn();
        return;
      } catch (e) {
        const code = (e as { code?: unknown }).code;
        if (attempt >= 100 || typeof code !== "string" || !code.startsWith("SQLITE_BUSY")) throw e;
        Bun.sleepSync(50);
      }
    }
  }

  /** Inside the write transaction: purges tombstones committed more than TOMBSTONE_AGE_MS ago. */
  maybePurge(): void {
    const now = this.clock.now();
    let purgeUpTo = -1;
    while (this.samples.length > 0 && now - this.samples[0]!.at >= TOMBSTONE_AGE_MS) {
      purgeUpTo = this.samples.shift()!.v;
    }
    if (purgeUpTo < 0) return;
    this.q.setHorizon.run(purgeUpTo);
    this.q.purge.run(purgeUpTo);
  }

  /** After a commit: remembers (now, version) at most once per SAMPLE_EVERY_MS. */
  sample(v: number): void {
    const now = this.clock.now();
    const last = this.samples[this.samples.length - 1];
    if (!last || now - last.at >= SAMPLE_EVERY_MS) this.samples.push({ at: now, v });
  }
}

class SqliteTransaction extends BufferedTransaction {
  constructor(private readonly s: SqliteStore) {
    super();
  }

  protected acquireReadVersion(): number {
    if (this.s.closed) throw new KvError("unavailable", "the sqlite backend is closed");
    return this.s.q.version.get()!.value;
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
    const rv = this.readVersion();
    const row = this.s.q.get.get(key);
    if (!row) return undefined;
    this.#check(row, snapshot, rv);
    return row.value ?? undefined;
  }

  protected *readRange(
    begin: Key,
    end: Key,
    reverse: boolean,
    snapshot: boolean,
    wanted: number,
  ): Iterable<KeyValue[]> {
    const rv = this.readVersion();
    const stmt = reverse ? this.s.q.rangeDesc : this.s.q.rangeAsc;
    const size = Number.isFinite(wanted) ? Math.max(16, wanted) : -1;
    let lo = begin;
    let hi = end;
    for (;;) {
      // Each page is read completely (`all`), so no statement is left open between operations.
      const rows = stmt.all(lo, hi, size);
      const page: KeyValue[] = [];
      let stale: Row | undefined;
      for (const row of rows) {
        if (!snapshot && row.version > rv) {
          stale = row;
          break;
        }
        if (row.value !== null) page.push({ key: row.key, value: row.value });
      }
      // Rows before a newer one are still valid; the conflict is raised only if the caller goes on
      // reading past them (a limited read that stops earlier does not depend on that row).
      if (page.length > 0) yield page;
      if (stale) this.#check(stale, snapshot, rv);
      if (size < 0 || rows.length < size) return;
      const last = rows[rows.length - 1]!.key;
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
    if (this.readConflicts.length === 0) return;
    const rv = this.readVersionIfAny ?? 0;
    const q = this.s.q;
    if (rv < q.horizon.get()!.value) {
      throw new KvError("timeout", "transaction too old: its read version predates purged history");
    }
    for (const r of this.readConflicts) {
      const conflict =
        r.e === `${r.b}\0`
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
    begin() {
      if (store.closed) throw new KvError("unavailable", "the sqlite backend is closed");
      return new SqliteTransaction(store);
    },
    async close() {
      if (store.closed) return;
      store.closed = true;
      store.db.close();
    },
  };
}
