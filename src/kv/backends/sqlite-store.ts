/**
 * The shared state of one SQLite KV backend (see sqlite.ts for the scheme): the connection and its
 * schema, the prepared statements, group commit, and tombstone aging.
 */
import { Database, type Statement } from "bun:sqlite";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { type Clock, systemClock } from "../../lib/clock.ts";
import { KvError } from "../types.ts";
import { makeVersionstamp } from "./buffered.ts";

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

/** A transaction as group commit sees it; both run under the write lock. */
export interface Committable {
  /** Fails with `conflict` (or `timeout`) if a read is out of date. */
  validate(): void;
  /** Applies the write set with commit version `v`. */
  apply(v: number): void;
}

/** Tombstones older than this (wall ms) are purged. */
const TOMBSTONE_AGE_MS = 10_000;
/** How often (wall ms) a process samples the commit version for tombstone aging. */
const SAMPLE_EVERY_MS = 1_000;

export type Row = { value: Uint8Array | null; version: number };
export type RangeRow = Row & { key: Uint8Array };

export function mapSqliteError(e: unknown, during: string): KvError {
  const code = (e as { code?: unknown }).code;
  if (
    typeof code === "string" &&
    (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED"))
  ) {
    return new KvError("conflict", `database busy during ${during}`, { cause: e });
  }
  return new KvError("unavailable", `sqlite failed during ${during}`, { cause: e });
}

export class SqliteStore {
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
    tx: Committable;
    resolve: (s: Uint8Array) => void;
    reject: (e: unknown) => void;
  }[] = [];

  /**
   * Queues a transaction for the next group commit, which runs in a microtask: commits that
   * arrive together share one SQLite transaction (one `BEGIN IMMEDIATE`, one version update, one
   * `COMMIT`), each still validated and applied in arrival order with its own commit version.
   */
  enqueue(tx: Committable): Promise<Uint8Array> {
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
    if (this.closed) {
      failAll(new KvError("unavailable", "the sqlite backend is closed"));
      return;
    }
    const q = this.q;
    try {
      q.begin.run();
    } catch (e) {
      failAll(mapSqliteError(e, "begin"));
      return;
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
      failAll(mapSqliteError(e, "commit"));
      return;
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
