/**
 * The shared state of one SQLite KV backend (see sqlite.ts for the scheme): the connection and its
 * schema, the prepared statements, group commit, and tombstone aging.
 */
import { Database, type Statement } from "bun:sqlite";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { type Clock, systemClock } from "../../lib/clock.ts";
import { ScopedMarks } from "../scoped-marks.ts";
import { KvError } from "../types.ts";
import { makeVersionstamp } from "./buffered.ts";
import {
  openWalIndex,
  readHeader,
  releaseWalIndex,
  sameBytes,
  WAL_HEADER_BYTES,
  type WalIndexFd,
} from "./wal-index.ts";

export interface SqliteBackendOptions {
  /** Database file; its directory is created. `:memory:` for a private in-memory database. */
  path: string;
  /** `normal` (default) or `full`; see the header for what each guarantees. */
  synchronous?: "normal" | "full";
  /** How long a writer blocks waiting for another process's write lock, in ms, before SQLITE_BUSY (then retried asynchronously). Default 2. */
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
  /** Whether the write set writes a key under `scope` (a binary string; scoped change marks). */
  touches(scope: string): boolean;
}

/** busy_timeout: the longest a writer blocks the event loop waiting for the write lock (ms). */
export const DEFAULT_BUSY_TIMEOUT_MS = 2;
/** How long the write lock may be held elsewhere before writes fail `unavailable` at once (ms). */
export const LOCKED_UNAVAILABLE_MS = 1000;

/** Tombstones older than this (wall ms) are purged. */
const TOMBSTONE_AGE_MS = 10_000;
/** How often (wall ms) a process samples the commit version for tombstone aging. */
const SAMPLE_EVERY_MS = 1_000;

export type Row = { value: Uint8Array | null; version: number };

export function mapSqliteError(e: unknown, during: string): KvError {
  const code = (e as { code?: unknown }).code;
  if (
    typeof code === "string" &&
    (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED"))
  ) {
    return new KvError("conflict", `database busy during ${during}`, { cause: e });
  }
  const fault = storageFaultOf(e);
  if (fault) return new KvError("unavailable", `${fault} during ${during}`, { cause: e });
  return new KvError("unavailable", `sqlite failed during ${during}`, { cause: e });
}

/**
 * What a SQLite error says about the storage itself, or undefined when it is not a storage fault:
 * `disk full` (SQLITE_FULL: ENOSPC, `max_page_count`), `storage not writable` (SQLITE_READONLY,
 * SQLITE_PERM, SQLITE_CANTOPEN), `storage I/O error` (SQLITE_IOERR). The SQLite code follows in
 * parentheses; `toPublic` (src/lib/errors.ts) maps the same codes to STORAGE_FULL and
 * STORAGE_UNAVAILABLE.
 */
export function storageFaultOf(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | undefined)?.code;
  if (typeof code !== "string") return undefined;
  if (code.startsWith("SQLITE_FULL")) return `disk full (${code})`;
  if (/^SQLITE_(READONLY|PERM|CANTOPEN)/.test(code)) return `storage not writable (${code})`;
  if (code.startsWith("SQLITE_IOERR")) return `storage I/O error (${code})`;
  return undefined;
}

/** Faults after which a failed COMMIT certainly did not apply (nothing reached the WAL). */
function commitRefused(e: unknown): boolean {
  const code = (e as { code?: unknown } | undefined)?.code;
  return typeof code === "string" && /^SQLITE_(FULL|READONLY|PERM|CANTOPEN)/.test(code);
}

function inWalMode(db: Database): boolean {
  const row = db.query("PRAGMA journal_mode").get() as { journal_mode?: unknown } | null;
  return typeof row?.journal_mode === "string" && row.journal_mode.toLowerCase() === "wal";
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
    /** `[value, version]` of one key (as arrays: cheaper than row objects on the hot path). */
    getValue: Statement;
    /** `[value, version, current commit version]` of one key, in one statement (one snapshot). */
    getFirst: Statement;
    newerInRange: Statement<{ one: number }>;
    begin: Statement;
    beginRead: Statement;
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
    // A few ms on purpose: bun:sqlite waits for the lock synchronously, blocking the event loop
    // (reads, heartbeats, timers) for the whole wait. Our own commits hold the lock well under a
    // millisecond, so this covers ordinary contention between nodes on one file; a longer hold
    // (a foreign process, a paused peer) is waited for in the KvStore's async backoff (SQLITE_BUSY
    // is a retryable `conflict`) and, past LOCKED_UNAVAILABLE_MS, refused at once (`flush`).
    db.run(
      `PRAGMA busy_timeout = ${Math.max(0, Math.floor(opts.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS))}`,
    );
    SqliteStore.retryBusy(() => db.run("PRAGMA journal_mode = WAL"));
    db.run(`PRAGMA synchronous = ${opts.synchronous === "full" ? "FULL" : "NORMAL"}`);
    // A brand-new file opened by several processes at once: the schema is created under the write
    // lock; the others retry until it is done (start-up only, so a blocking wait is fine here).
    SqliteStore.retryBusy(() => db.run("BEGIN IMMEDIATE"));
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
      getValue: db.prepare("SELECT value, version FROM kv WHERE key = ?"),
      getFirst: db.prepare(
        "SELECT value, version, (SELECT value FROM kv_meta WHERE name = 'version') FROM kv WHERE key = ?",
      ),
      newerInRange: db.prepare(
        "SELECT 1 AS one FROM kv WHERE key >= ?1 AND key < ?2 AND version > ?3 LIMIT 1",
      ),
      begin: db.prepare("BEGIN IMMEDIATE"),
      beginRead: db.prepare("BEGIN DEFERRED"),
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
    // Last: the `-shm` file exists once the connection has used the WAL (schema transaction).
    if (opts.path === ":memory:") this.shared = "private";
    else if (!inWalMode(db)) {
      // Not in WAL mode (the file system refused it): no `-shm` header to rest snapshots and
      // change marks on, even if a stale `-shm` file lies next to the database.
      this.shared = undefined;
    } else {
      this.#walIndex = openWalIndex(opts.path);
      this.shared = this.#walIndex;
    }
  }

  readonly #ranges = new Map<string, Statement>();

  /**
   * The range statement for one direction and page size (`-1`: no limit), `[key, value, version]`
   * rows. The limit is part of the SQL, one statement per size, because SQLite re-prepares a
   * statement whose `LIMIT` is a bound parameter on every execution (measured: 3.4 µs against
   * 0.9 µs for a 2-row range). Sizes are cached as asked (range limits are few: page sizes of
   * the API); past 64 statements, sizes are rounded up to a power of two to bound the cache.
   */
  range(reverse: boolean, asked: number): Statement {
    let size = asked;
    if (size > 0 && this.#ranges.size >= 64) size = 2 ** Math.ceil(Math.log2(size));
    const k = `${reverse ? "d" : "a"}${size}`;
    let st = this.#ranges.get(k);
    if (!st) {
      st = this.db.prepare(
        `SELECT key, value, version FROM kv WHERE key >= ?1 AND key < ?2 ORDER BY key${reverse ? " DESC" : ""}${size < 0 ? "" : ` LIMIT ${Math.floor(size)}`}`,
      );
      this.#ranges.set(k, st);
    }
    return st;
  }

  // Shared read snapshots -------------------------------------------------------------------------

  /**
   * How read snapshots are shared (see `beginRead`): `private` for an in-memory database (this
   * connection is its only writer), the `-shm` file to read the WAL-index header from (mapped, or
   * read with `pread`: wal-index.ts), or `undefined` when it could not be opened (every read then runs as its own SQLite
   * transaction).
   */
  readonly shared: "private" | WalIndexFd | undefined;
  /** The WAL-index header as it was just before the open snapshot was taken. */
  readonly #snapHeader = new Uint8Array(WAL_HEADER_BYTES);
  readonly #header = new Uint8Array(WAL_HEADER_BYTES);
  #walIndex: WalIndexFd | undefined;
  #inRead = false;
  #endScheduled = false;

  /**
   * Before a transaction's first read: makes the connection sit in a read snapshot that is current,
   * shared by every transaction that starts reading while it is open. Without this, each SQLite
   * statement is its own read transaction, which costs three system calls (WAL read-mark lock,
   * fstat, unlock): most of a point read's cost.
   *
   * Current means no commit anywhere (this process, another thread or process) since the snapshot
   * was taken: the WAL-index header (read from the `-shm` file) changes on every commit, and it is
   * sampled *before* the snapshot is taken, so an unchanged header proves the snapshot is the
   * latest state; otherwise the snapshot is replaced. Commits of this connection end the snapshot
   * first (`flush`). So a transaction's read version is never older than a commit that completed
   * before it started (strict serializability), exactly as with one SQLite transaction per read.
   * Later reads of a transaction may use a newer snapshot; the version checks cover that as before.
   * The snapshot is released at the latest SNAPSHOT_HOLD_MS after it was taken, so it never holds
   * back WAL checkpoints for long.
   */
  beginRead(): void {
    const shared = this.shared;
    if (shared === undefined) return;
    if (this.#inRead) {
      if (shared === "private") return;
      if (readHeader(shared, this.#header) && sameBytes(this.#header, this.#snapHeader)) return;
      this.endRead();
    }
    if (this.db.inTransaction) return; // never nest into a write (cannot happen: flush is sync)
    // Header unreadable: no sharing for this read (it runs as its own SQLite transaction).
    if (shared !== "private" && !readHeader(shared, this.#snapHeader)) return;
    this.q.beginRead.run();
    this.#inRead = true;
    if (!this.#endScheduled) {
      this.#endScheduled = true;
      // A real timer, not the injected clock: it paces how long SQLite's WAL read mark is held,
      // it is not domain time (correctness rests on the header check, not on this timer).
      const timer = setTimeout(() => {
        this.#endScheduled = false;
        this.endRead();
      }, SNAPSHOT_HOLD_MS);
      timer.unref?.();
    }
  }

  /** The header `changeMark` last saw, and its mark (bumped whenever the header differs). */
  readonly #markHeader = new Uint8Array(WAL_HEADER_BYTES);
  readonly #markProbe = new Uint8Array(WAL_HEADER_BYTES);
  #markSeen = false;
  #mark = 0;
  /** Scoped change marks (`changeMark(scope)`, src/kv/scoped-marks.ts). */
  readonly #scoped = new ScopedMarks();
  /**
   * The header as of the last state the scoped marks account for: the last look, or the end of
   * this connection's last commit when that commit was provably the only change (see
   * `#postCommitHeader`); unset when nothing is accounted for yet.
   */
  readonly #chain = new Uint8Array(WAL_HEADER_BYTES);
  #chainSet = false;
  readonly #pre = new Uint8Array(WAL_HEADER_BYTES);
  /** `#pre` as native 32-bit words: word 2 is the header's change counter (`iChange`). */
  readonly #preWords = new Uint32Array(this.#pre.buffer, 0, WAL_HEADER_BYTES / 4);
  readonly #post = new Uint8Array(WAL_HEADER_BYTES);
  readonly #postWords = new Uint32Array(this.#post.buffer, 0, WAL_HEADER_BYTES / 4);
  #preRead = false;

  /**
   * A header seen now: anything since the accounted-for one that is not this connection's own was
   * another connection's or process's commit (or a WAL restart or recovery: a spare move), whose
   * keys this store cannot see, so every scope moves.
   */
  #follow(header: Uint8Array): void {
    if (!this.#chainSet || !sameBytes(header, this.#chain)) this.#scoped.foreign();
    this.#chain.set(header);
    this.#chainSet = true;
  }

  /** Right after `BEGIN IMMEDIATE`: the header before this commit (nobody else can move it now). */
  #preCommitHeader(): void {
    const w = this.shared;
    this.#preRead = w !== undefined && w !== "private" && readHeader(w, this.#pre);
    if (this.#preRead) this.#follow(this.#pre);
    else if (w !== "private") this.#unchain();
  }

  /**
   * Right after a COMMIT that wrote: SQLite bumped the header's change counter (`iChange`) once
   * for it. If the header now shows exactly one commit more than before it, it is this commit's
   * own, and becomes the accounted-for state; otherwise another commit slipped in after the lock
   * was released (or the header could not be read), and every scope moves.
   */
  #postCommitHeader(): void {
    const w = this.shared;
    if (w === undefined || w === "private") return;
    if (
      this.#preRead &&
      readHeader(w, this.#post) &&
      this.#postWords[2] === (this.#preWords[2]! + 1) >>> 0
    ) {
      this.#chain.set(this.#post);
      this.#chainSet = true;
    } else this.#unchain();
  }

  /** Forgets the accounted-for state: every scope moves now, and again at the next look. */
  #unchain(): void {
    this.#scoped.foreign();
    this.#chainSet = false;
  }

  /** Flushes started on a private (in-memory) database: its only writer is this connection. */
  #flushes = 0;

  /**
   * `KvStore.changeMark`: the same number as long as nothing committed anywhere. For a file, the
   * WAL-index header (wal-index.ts) changes on every commit of any connection (see `beginRead`),
   * so the mark is bumped whenever it differs from the header the last call saw; an unreadable
   * header gives no mark. For a private database, every flush (whatever its outcome) bumps it.
   * With `scope` (a binary string): that scope's mark (`#scoped`, moved by `#follow` for commits
   * of others and by `flush` for this connection's own).
   */
  changeMark(scope?: string): number | undefined {
    const shared = this.shared;
    if (this.closed || shared === undefined) return undefined;
    if (shared === "private") return scope === undefined ? this.#flushes : this.#scoped.mark(scope);
    if (!readHeader(shared, this.#markProbe)) return undefined;
    // Scoped marks: a header other than the accounted-for one means someone else committed.
    this.#follow(this.#markProbe);
    if (!this.#markSeen || !sameBytes(this.#markProbe, this.#markHeader)) {
      this.#markHeader.set(this.#markProbe);
      this.#markSeen = true;
      this.#mark++;
    }
    return scope === undefined ? this.#mark : this.#scoped.mark(scope);
  }

  /**
   * Closes the connection for real: bun:sqlite's `close()` is `sqlite3_close_v2`, which leaves a
   * connection with unfinalized statements open as a "zombie" (until the garbage collector
   * finalizes them), so every prepared statement is finalized first. Then the `-shm` descriptor
   * can be closed without dropping the locks of a connection still open.
   */
  closeConnection(): void {
    for (const st of Object.values(this.q)) st.finalize();
    for (const st of this.#ranges.values()) st.finalize();
    this.#ranges.clear();
    this.db.close();
  }

  /** After the connection is closed: closes the `-shm` descriptor (never before, see below). */
  closeWalIndex(): void {
    const w = this.#walIndex;
    this.#walIndex = undefined;
    if (w) releaseWalIndex(w);
  }

  /** Ends the shared read snapshot, if one is open. */
  endRead(): void {
    if (!this.#inRead) return;
    this.#inRead = false;
    if (this.closed) return;
    try {
      this.q.commit.run();
    } catch (e) {
      // Never leave the connection inside the read transaction: the next BEGIN IMMEDIATE would fail.
      this.q.rollback.run();
      throw e;
    }
  }

  /** Commits waiting for the next group commit, in arrival order. */
  pending: {
    tx: Committable;
    resolve: (s: Uint8Array) => void;
    reject: (e: unknown) => void;
  }[] = [];

  /**
   * Queues a transaction for the next group commit, which runs in the event loop's next check
   * phase (`setImmediate`): commits that arrive in the same turn of the loop, from any actor or
   * service, share one SQLite transaction (one `BEGIN IMMEDIATE`, one version update, one
   * `COMMIT`), each still validated and applied in arrival order with its own commit version. A
   * microtask flush committed each actor's batch alone (setImmediate callbacks, the actors'
   * drains among them, run one at a time with their microtasks): vault grant POSTs over 35
   * vault actors went 2 431 → 3 248/s, 215 → 162 µs of server CPU (docs/performance.md).
   */
  enqueue(tx: Committable): Promise<Uint8Array> {
    return new Promise((resolve, reject) => {
      this.pending.push({ tx, resolve, reject });
      if (this.pending.length === 1) setImmediate(() => this.flush());
    });
  }

  flush(): void {
    const batch = this.pending;
    this.pending = [];
    this.#flushes++;
    const failAll = (e: unknown) => {
      for (const item of batch) item.reject(e);
    };
    if (this.closed) {
      failAll(new KvError("unavailable", "the sqlite backend is closed"));
      return;
    }
    const q = this.q;
    try {
      this.endRead();
      q.begin.run();
      this.#busySince = undefined;
      // Under the write lock the header is the latest state and only this commit can move it.
      this.#preCommitHeader();
    } catch (e) {
      this.#noteFault(e);
      failAll(this.#beginError(e));
      return;
    }
    const outcomes: ({ stamp: Uint8Array } | { error: unknown })[] = [];
    let v = 0;
    let first = 0;
    try {
      // Under the write lock: nobody else can move the version until COMMIT.
      v = q.version.get()!.value;
      first = v;
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
      // SQLITE_FULL / SQLITE_IOERR may have rolled the transaction back already, and then ROLLBACK
      // throws: that must not escape (it would leave every commit of the batch unsettled).
      this.#rollback();
      this.#noteFault(e);
      failAll(mapSqliteError(e, "commit"));
      return;
    }
    try {
      q.commit.run();
    } catch (e) {
      // COMMIT failures usually roll back already; nothing more to undo.
      this.#rollback();
      this.#noteFault(e);
      // It may have committed after all: every scoped mark moves.
      this.#unchain();
      // Disk full or read-only: the commit frame never reached the WAL, so nothing applied.
      const unknown = commitRefused(e)
        ? new KvError("unavailable", `${storageFaultOf(e)} during COMMIT`, {
            cause: e,
            notApplied: true,
          })
        : new KvError("unknown_result", "sqlite COMMIT failed", { cause: e });
      batch.forEach((item, i) => {
        const o = outcomes[i]!;
        item.reject("error" in o ? o.error : unknown);
      });
      return;
    }
    this.fault = undefined;
    this.sample(v);
    if (v > first) {
      this.#postCommitHeader();
      // Every item's writes count (an item that failed validation wrote nothing: a spare move).
      this.#scoped.committed((scope) => batch.some((item) => item.tx.touches(scope)));
    }
    batch.forEach((item, i) => {
      const o = outcomes[i]!;
      if ("stamp" in o) item.resolve(o.stamp);
      else item.reject(o.error);
    });
  }

  /** Why the last commit failed in the storage (`storageFaultOf`); cleared by the next commit. */
  fault: string | undefined;

  #noteFault(e: unknown): void {
    const f = storageFaultOf(e);
    if (f) this.fault = f;
  }

  /** ROLLBACK that tolerates "no transaction is active" (SQLite rolled back on its own). */
  #rollback(): void {
    try {
      this.q.rollback.run();
    } catch {
      // already rolled back
    }
  }

  /** Real time (ms, performance.now) since BEGIN IMMEDIATE has failed busy without a success. */
  #busySince: number | undefined;

  /**
   * A failed BEGIN IMMEDIATE. Busy is a retryable conflict at first; once the lock has been held
   * elsewhere for LOCKED_UNAVAILABLE_MS without one successful begin, it is `unavailable` (the
   * commit certainly did not happen): writes then answer 503 with Retry-After at once instead of
   * each retrying for seconds, and the first begin that succeeds clears the state.
   */
  #beginError(e: unknown): KvError {
    const mapped = mapSqliteError(e, "begin");
    if (mapped.code !== "conflict") return mapped;
    const now = performance.now();
    this.#busySince ??= now;
    if (now - this.#busySince < LOCKED_UNAVAILABLE_MS) return mapped;
    return new KvError(
      "unavailable",
      `database write lock held elsewhere for ${Math.round(now - this.#busySince)} ms`,
      { cause: e, notApplied: true },
    );
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

/**
 * Longest time (ms) a shared read snapshot stays open: long enough to serve many requests with one
 * SQLite read transaction, short enough never to hold WAL checkpoints back noticeably.
 */
const SNAPSHOT_HOLD_MS = 10;
