/**
 * The in-memory KV backend: for unit tests and deterministic simulation. It behaves like
 * FoundationDB, never kinder:
 *
 * - MVCC: every key keeps its recent versions; a transaction reads the state as of its read version
 *   (taken at its first read), plus its own writes.
 * - Optimistic concurrency: non-snapshot reads record read-conflict ranges; at commit, if any key
 *   written by a transaction that committed after our read version intersects them, the commit fails
 *   with `conflict`. Never last-writer-wins. Write-only transactions never conflict.
 * - Each commit with writes gets the next commit version (1, 2, 3, …); its versionstamp is that
 *   version in 8 big-endian bytes + 2 zero bytes. Commits apply synchronously inside `commit()`, so
 *   the commit order is deterministic for a given sequence of calls.
 * - Fault injection (`backend.faults`): forced conflicts, `unknown_result` with or without the
 *   writes applied, per-operation latency, and seeded random faults for simulations. Faults apply
 *   only to commits that write something (read-only commits are no-ops, as in FoundationDB).
 */
import type { Clock } from "../../lib/clock.ts";
import { concatBytes } from "../keyspace.ts";
import { ScopedMarks } from "../scoped-marks.ts";
import {
  type BackendCapabilities,
  type Key,
  type KeyValue,
  type KvBackend,
  KvError,
  type Value,
} from "../types.ts";
import {
  BufferedTransaction,
  type KeyRange,
  keyStr,
  makeVersionstamp,
  resolvePoint,
  writtenRanges,
} from "./buffered.ts";

/** Probabilities in [0, 1] of each fault per commit; they must sum to ≤ 1. */
export interface FaultProbabilities {
  conflict?: number;
  /** `unknown_result` after the writes were applied. */
  unknownApplied?: number;
  /** `unknown_result` without applying the writes. */
  unknownNotApplied?: number;
}

/** How many faults of each kind were injected so far. */
export interface FaultCounts {
  conflicts: number;
  unknownApplied: number;
  unknownNotApplied: number;
}

/** Fault-injection controls of the memory backend. */
export interface MemoryFaults {
  /** The next `n` commits that write fail with `conflict` (nothing applied). */
  conflictNextCommits(n: number): void;
  /** The next commit that writes fails with `unknown_result`, after applying its writes or not. */
  unknownResultNextCommit(opts: { applied: boolean }): void;
  /** Every operation (read, range read, commit) first waits `ms` on `clock`; 0 turns it off. */
  setLatency(ms: number, clock: Clock): void;
  /** Every operation first awaits `delay(op)`; `undefined` turns it off. */
  setDelay(delay: ((op: string) => Promise<void> | undefined) | undefined): void;
  /**
   * Injects faults at random on every commit that writes: one `rng()` draw per such commit picks a
   * fault by the given probabilities, so a seeded `rng` gives a reproducible run.
   */
  random(prob: FaultProbabilities, rng: () => number): void;
  /** Turns every fault off (counts are kept). */
  reset(): void;
  readonly counts: Readonly<FaultCounts>;
}

export interface MemoryBackend extends KvBackend {
  readonly faults: MemoryFaults;
  /** The latest committed version (0 before the first commit). */
  readonly version: number;
  /** Number of live keys (for tests and diagnostics). */
  readonly size: number;
  /** Transactions holding a read version (open, not yet committed or cancelled). */
  readonly openReaders: number;
}

interface Version {
  v: number;
  value: Value | undefined;
}

interface Entry {
  key: Key;
  s: string;
  /** Ascending by `v`; `value: undefined` marks a deletion. */
  versions: Version[];
}

function visibleAt(e: Entry, rv: number): Value | undefined {
  for (let i = e.versions.length - 1; i >= 0; i--) {
    const ver = e.versions[i]!;
    if (ver.v <= rv) return ver.value;
  }
  return undefined;
}

function intersects(a: KeyRange, b: KeyRange): boolean {
  return a.b < b.e && b.b < a.e;
}

const GC_EVERY_COMMITS = 64;

class MemoryStore {
  version = 0;
  sorted: Entry[] = [];
  index = new Map<string, Entry>();
  /** Write ranges of recent commits, ascending by version, for conflict checks. */
  history: { v: number; ranges: KeyRange[] }[] = [];
  /** Read versions held by open transactions: version -> count. */
  readers = new Map<number, number>();
  closed = false;
  commitsSinceGc = 0;
  /** `changeMark(scope)`: every commit is this store's own, so only writes move a scope. */
  readonly scoped = new ScopedMarks();

  // fault state
  forcedConflicts = 0;
  forcedUnknown: { applied: boolean } | undefined;
  randomFaults: { prob: FaultProbabilities; rng: () => number } | undefined;
  delay: ((op: string) => Promise<void> | undefined) | undefined;
  counts: FaultCounts = { conflicts: 0, unknownApplied: 0, unknownNotApplied: 0 };

  /** Index of the first entry with key >= s. */
  lowerBound(s: string): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.sorted[mid]!.s < s) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  acquire(): number {
    const rv = this.version;
    this.readers.set(rv, (this.readers.get(rv) ?? 0) + 1);
    return rv;
  }

  release(rv: number): void {
    const n = (this.readers.get(rv) ?? 1) - 1;
    if (n <= 0) this.readers.delete(rv);
    else this.readers.set(rv, n);
  }

  entryFor(key: Key, s: string): Entry {
    let e = this.index.get(s);
    if (!e) {
      e = { key, s, versions: [] };
      this.index.set(s, e);
      this.sorted.splice(this.lowerBound(s), 0, e);
    }
    return e;
  }

  write(key: Key, s: string, v: number, value: Value | undefined): void {
    const e = value === undefined ? this.index.get(s) : this.entryFor(key, s);
    if (!e) return;
    const last = e.versions[e.versions.length - 1];
    if (value === undefined && (!last || last.value === undefined)) return;
    if (last && last.v === v) last.value = value;
    else e.versions.push({ v, value });
  }

  /** Drops versions and history no open transaction can still see. */
  gc(): void {
    let oldest = this.version;
    for (const rv of this.readers.keys()) if (rv < oldest) oldest = rv;
    let drop = 0;
    while (drop < this.history.length && this.history[drop]!.v <= oldest) drop++;
    if (drop > 0) this.history.splice(0, drop);
    const kept: Entry[] = [];
    for (const e of this.sorted) {
      let first = 0;
      while (first + 1 < e.versions.length && e.versions[first + 1]!.v <= oldest) first++;
      if (first > 0) e.versions.splice(0, first);
      const only = e.versions[0];
      if (e.versions.length === 1 && only && only.value === undefined && only.v <= oldest) {
        this.index.delete(e.s);
      } else kept.push(e);
    }
    this.sorted = kept;
  }

  pickFault(): "conflict" | "unknownApplied" | "unknownNotApplied" | undefined {
    if (this.forcedConflicts > 0) {
      this.forcedConflicts--;
      return "conflict";
    }
    if (this.forcedUnknown) {
      const f = this.forcedUnknown.applied ? "unknownApplied" : "unknownNotApplied";
      this.forcedUnknown = undefined;
      return f;
    }
    if (this.randomFaults) {
      const { prob, rng } = this.randomFaults;
      const r = rng();
      const c = prob.conflict ?? 0;
      const ua = c + (prob.unknownApplied ?? 0);
      const un = ua + (prob.unknownNotApplied ?? 0);
      if (r < c) return "conflict";
      if (r < ua) return "unknownApplied";
      if (r < un) return "unknownNotApplied";
    }
    return undefined;
  }
}

class MemoryTransaction extends BufferedTransaction {
  #released = false;

  constructor(private readonly db: MemoryStore) {
    super();
  }

  protected acquireReadVersion(): number {
    if (this.db.closed) throw new KvError("unavailable", "the memory backend is closed");
    return this.db.acquire();
  }

  #release(): void {
    const rv = this.readVersionIfAny;
    if (rv !== undefined && !this.#released) this.db.release(rv);
    this.#released = true;
  }

  protected override beforeOp(op: string): Promise<void> | undefined {
    return this.db.delay?.(op);
  }

  protected readPoint(key: Key): Value | undefined {
    const rv = this.readVersion();
    const e = this.db.index.get(keyStr(key));
    return e ? visibleAt(e, rv) : undefined;
  }

  protected *readRange(
    begin: Key,
    end: Key,
    reverse: boolean,
    _snapshot: boolean,
    wanted: number,
  ): Iterable<KeyValue[]> {
    const rv = this.readVersion();
    const { sorted } = this.db;
    const b = keyStr(begin);
    const e = keyStr(end);
    const size = Number.isFinite(wanted) ? Math.max(16, wanted) : Number.POSITIVE_INFINITY;
    let page: KeyValue[] = [];
    const step = reverse ? -1 : 1;
    let i = reverse ? this.db.lowerBound(e) - 1 : this.db.lowerBound(b);
    for (
      ;
      reverse ? i >= 0 && sorted[i]!.s >= b : i < sorted.length && sorted[i]!.s < e;
      i += step
    ) {
      const value = visibleAt(sorted[i]!, rv);
      if (value === undefined) continue;
      page.push({ key: sorted[i]!.key, value });
      if (page.length >= size) {
        yield page;
        page = [];
      }
    }
    if (page.length > 0) yield page;
  }

  protected override onEnd(): void {
    this.#release();
  }

  protected async commitWrites(): Promise<Uint8Array> {
    const db = this.db;
    try {
      if (db.closed) throw new KvError("unavailable", "the memory backend is closed");
      if (!this.hasWrites) return makeVersionstamp(this.readVersionIfAny ?? db.version);
      // No read at all: the read version is the commit's own (FoundationDB's rule), nothing conflicts.
      if (this.readConflicts.length > 0 && this.readVersionIfAny !== undefined) {
        const rv = this.readVersionIfAny;
        for (const h of db.history) {
          if (h.v <= rv) continue;
          for (const w of h.ranges) {
            for (const r of this.readConflicts) {
              if (intersects(w, r)) {
                throw new KvError("conflict", "a key read by this transaction was written since");
              }
            }
          }
        }
      }
      const fault = db.pickFault();
      if (fault === "conflict") {
        db.counts.conflicts++;
        throw new KvError("conflict", "injected conflict");
      }
      if (fault === "unknownNotApplied") {
        db.counts.unknownNotApplied++;
        throw new KvError("unknown_result", "injected unknown commit result (not applied)");
      }
      const stamp = this.#apply();
      if (fault === "unknownApplied") {
        db.counts.unknownApplied++;
        throw new KvError("unknown_result", "injected unknown commit result (applied)");
      }
      return stamp;
    } finally {
      this.#release();
    }
  }

  #apply(): Uint8Array {
    const db = this.db;
    const v = db.version + 1;
    const stamp = makeVersionstamp(v);
    for (const r of this.ws.clears) {
      const end = db.lowerBound(r.e);
      for (let i = db.lowerBound(r.b); i < end; i++) {
        const e = db.sorted[i]!;
        db.write(e.key, e.s, v, undefined);
      }
    }
    for (const [s, p] of this.ws.points) {
      const cur = db.index.get(s);
      const current = cur?.versions[cur.versions.length - 1]?.value;
      db.write(p.key, s, v, resolvePoint(p, current, stamp));
    }
    for (const k of this.ws.vsKeys) {
      const key = concatBytes(k.prefix, stamp, k.suffix);
      db.write(key, keyStr(key), v, k.value);
    }
    db.history.push({ v, ranges: writtenRanges(this.ws, stamp) });
    db.version = v;
    db.scoped.committed((scope) => this.touches(scope));
    if (++db.commitsSinceGc >= GC_EVERY_COMMITS) {
      db.commitsSinceGc = 0;
      db.gc();
    }
    return stamp;
  }
}

/** Creates an empty in-memory backend. */
export function createMemoryBackend(): MemoryBackend {
  const db = new MemoryStore();
  const capabilities: BackendCapabilities = { multiProcess: false, faultInjection: true };
  const faults: MemoryFaults = {
    conflictNextCommits(n) {
      db.forcedConflicts += Math.max(0, n);
    },
    unknownResultNextCommit(opts) {
      db.forcedUnknown = { applied: opts.applied };
    },
    setLatency(ms, clock) {
      db.delay = ms > 0 ? () => clock.sleep(ms) : undefined;
    },
    setDelay(delay) {
      db.delay = delay;
    },
    random(prob, rng) {
      db.randomFaults = { prob, rng };
    },
    reset() {
      db.forcedConflicts = 0;
      db.forcedUnknown = undefined;
      db.randomFaults = undefined;
      db.delay = undefined;
    },
    get counts() {
      return { ...db.counts };
    },
  };
  return {
    name: "memory",
    capabilities,
    faults,
    get version() {
      return db.version;
    },
    // Every commit with writes takes the next version (read-only commits change nothing).
    changeMark: (scope) => (scope === undefined ? db.version : db.scoped.mark(keyStr(scope))),
    get size() {
      let n = 0;
      for (const e of db.sorted) if (e.versions[e.versions.length - 1]?.value !== undefined) n++;
      return n;
    },
    get openReaders() {
      let n = 0;
      for (const c of db.readers.values()) n += c;
      return n;
    },
    begin() {
      if (db.closed) throw new KvError("unavailable", "the memory backend is closed");
      return new MemoryTransaction(db);
    },
    async close() {
      db.closed = true;
    },
  };
}
