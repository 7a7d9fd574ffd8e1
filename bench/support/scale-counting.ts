/**
 * A KV backend that counts what is read through it, for bench/scale.ts's "no request scans more
 * than it returns": it wraps another backend and, while `counting` is on, adds up point reads (and
 * how many found a value) and range reads (and the rows they returned), conflicting and snapshot
 * reads alike. Writes and everything else pass through untouched. src/kv has no such counter (its
 * `stats()` counts transactions, not rows), so the bench observes the backend from outside
 * instead of changing it; a node built with `buildNode({ kvBackend })` reads every key through it,
 * its actors included (they run on the main thread with the default `workers: 0`).
 */
import type {
  BackendTransaction,
  Key,
  KeyValue,
  KvBackend,
  RangeOptions,
  ReadOps,
  Value,
} from "../../src/kv/types.ts";

export interface ReadCounts {
  /** `get` calls and how many found a value. */
  points: number;
  pointHits: number;
  /** `getRange` calls and the rows they returned. */
  ranges: number;
  rangeRows: number;
}

export const zeroCounts = (): ReadCounts => ({ points: 0, pointHits: 0, ranges: 0, rangeRows: 0 });

/** Rows read: values found by point reads plus rows returned by range reads. */
export const rowsRead = (c: ReadCounts) => c.pointHits + c.rangeRows;

export interface CountingBackend {
  backend: KvBackend;
  /** Reads are counted only while this is true. */
  counting: boolean;
  counts: ReadCounts;
  /** Returns the counts so far and starts again from zero. */
  take(): ReadCounts;
}

export function countingBackend(inner: KvBackend): CountingBackend {
  const self: CountingBackend = {
    counting: false,
    counts: zeroCounts(),
    take() {
      const c = self.counts;
      self.counts = zeroCounts();
      return c;
    },
    backend: {
      name: inner.name,
      capabilities: inner.capabilities,
      begin: () => countingTransaction(inner.begin(), self),
      close: () => inner.close(),
      storageFault: () => inner.storageFault?.(),
    },
  };
  return self;
}

function countedReads(reads: ReadOps, c: CountingBackend): ReadOps {
  return {
    async get(key: Key): Promise<Value | undefined> {
      const v = await reads.get(key);
      if (c.counting) {
        c.counts.points++;
        if (v !== undefined) c.counts.pointHits++;
      }
      return v;
    },
    async getRange(begin: Key, end: Key, opts?: RangeOptions): Promise<KeyValue[]> {
      const rows = await reads.getRange(begin, end, opts);
      if (c.counting) {
        c.counts.ranges++;
        c.counts.rangeRows += rows.length;
      }
      return rows;
    },
  };
}

function countingTransaction(tx: BackendTransaction, c: CountingBackend): BackendTransaction {
  const reads = countedReads(tx, c);
  return {
    get: reads.get,
    getRange: reads.getRange,
    snapshot: countedReads(tx.snapshot, c),
    set: (k, v) => tx.set(k, v),
    clear: (k) => tx.clear(k),
    clearRange: (b, e) => tx.clearRange(b, e),
    atomicAdd: (k, d) => tx.atomicAdd(k, d),
    setVersionstampedKey: (p, s, v) => tx.setVersionstampedKey(p, s, v),
    setVersionstampedValue: (k, p, s) => tx.setVersionstampedValue(k, p, s),
    addReadConflictRange: (b, e) => tx.addReadConflictRange(b, e),
    getVersionstamp: () => tx.getVersionstamp(),
    commit: () => tx.commit(),
    cancel: () => tx.cancel(),
  };
}
