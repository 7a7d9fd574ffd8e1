/**
 * `createKvStore`: the `KvStore` every caller uses, wrapped around any `KvBackend`.
 *
 * It adds what must behave identically on every backend:
 * - the retry loop: retryable `KvError`s (`conflict`, `unknown_result`, `timeout`) rerun the body in
 *   a fresh transaction after a jittered exponential backoff (2 ms doubling to 200 ms, through
 *   `backoffSleep`, a real timer by default), up to `maxAttempts` (default 50; a `timeout` is retried once only); anything
 *   else propagates unchanged;
 * - FoundationDB's limits (`KV_LIMITS`): key ≤ 1 KB, value ≤ 90 KB and ≤ 1 MB written per
 *   transaction raise `too_large` synchronously at the offending call; an attempt that ran longer
 *   than 1 s (measured with `clock.monotonic()`) fails at commit with `timeout`;
 * - `close()`: later calls reject with `unavailable`;
 * - counters (`stats()`) for metrics.
 */
import { type Clock, systemClock } from "../lib/clock.ts";
import type { Logger } from "../lib/log.ts";
import {
  type BackendName,
  type BackendTransaction,
  isKvError,
  type Key,
  type KeyValue,
  KV_LIMITS,
  type KvBackend,
  KvError,
  type KvStore,
  type RangeOptions,
  type ReadOps,
  type Transaction,
  type TransactOptions,
  type Value,
} from "./types.ts";

export type KvLimits = { -readonly [K in keyof typeof KV_LIMITS]: number };

export interface KvStoreOptions {
  clock: Clock;
  log?: Logger;
  limits?: Partial<KvLimits>;
  /** Random source in [0, 1) for backoff jitter; inject a seeded one for deterministic simulation. */
  random?: () => number;
  /**
   * How the retry loop waits between attempts (ms). Defaults to a real timer: backoff paces I/O
   * contention, it is not domain time, so a test's FakeClock must not be able to freeze a retrying
   * transaction. The deterministic simulation passes its scheduler's sleep here.
   */
  backoffSleep?: (ms: number) => Promise<void>;
}

/** Monotonic counters since the store was created. */
export interface KvStats {
  /** Transactions started by `transact` calls (not attempts). */
  transactions: number;
  /** Body executions, including retries. */
  attempts: number;
  /** Successful commits. */
  commits: number;
  /** Attempts that failed with `conflict`. */
  conflicts: number;
  /** Attempts that failed with `unknown_result`. */
  unknownResults: number;
  /** Attempts that failed with `timeout`. */
  timeouts: number;
  /** `transact` calls rejected (any error, including the body's own). */
  failures: number;
}

export interface ObservableKvStore extends KvStore {
  stats(): KvStats;
}

const BACKOFF_START_MS = 2;
const BACKOFF_CAP_MS = 200;
const DEFAULT_MAX_ATTEMPTS = 50;
/** Attempts that time out before `transact` gives up (the port: "retryable once"). */
const MAX_TIMEOUTS = 2;

function tooLarge(what: string, size: number, max: number): KvError {
  return new KvError("too_large", `${what} is ${size} bytes; the limit is ${max}`);
}

/** A transaction seen by the body: forwards to the backend and checks limits on every write. */
class LimitedTransaction implements Transaction {
  readonly snapshot: ReadOps;
  #written = 0;
  #poisoned: KvError | undefined;
  /** Outcome of the commit, once known; the versionstamp promise is created only when asked for. */
  #outcome: { stamp: Uint8Array } | { error: unknown } | undefined;
  #stamp: { promise: Promise<Uint8Array>; settle: () => void } | undefined;

  constructor(
    readonly inner: BackendTransaction,
    private readonly limits: KvLimits,
  ) {
    this.snapshot = inner.snapshot;
  }

  get poisoned(): KvError | undefined {
    return this.#poisoned;
  }

  settle(stamp: Uint8Array | undefined, error?: unknown): void {
    this.#outcome = stamp
      ? { stamp }
      : { error: error ?? new KvError("unavailable", "transaction did not commit") };
    this.#stamp?.settle();
  }

  #fail(e: KvError): never {
    this.#poisoned ??= e;
    throw e;
  }

  #key(key: Key, what = "key"): void {
    if (key.length > this.limits.maxKeyBytes) {
      this.#fail(tooLarge(what, key.length, this.limits.maxKeyBytes));
    }
  }

  #write(bytes: number, valueBytes: number): void {
    if (valueBytes > this.limits.maxValueBytes) {
      this.#fail(tooLarge("value", valueBytes, this.limits.maxValueBytes));
    }
    this.#written += bytes;
    if (this.#written > this.limits.maxTransactionWriteBytes) {
      this.#fail(
        tooLarge("transaction write set", this.#written, this.limits.maxTransactionWriteBytes),
      );
    }
  }

  get(key: Key): Promise<Value | undefined> {
    return this.inner.get(key);
  }
  getRange(begin: Key, end: Key, opts?: RangeOptions): Promise<KeyValue[]> {
    return this.inner.getRange(begin, end, opts);
  }
  set(key: Key, value: Value): void {
    this.#key(key);
    this.#write(key.length + value.length, value.length);
    this.inner.set(key, value);
  }
  clear(key: Key): void {
    this.#key(key);
    this.inner.clear(key);
  }
  clearRange(begin: Key, end: Key): void {
    this.#key(begin, "range begin key");
    this.#key(end, "range end key");
    this.inner.clearRange(begin, end);
  }
  atomicAdd(key: Key, delta: number | bigint): void {
    this.#key(key);
    this.#write(key.length + 8, 8);
    this.inner.atomicAdd(key, delta);
  }
  setVersionstampedKey(prefix: Key, suffix: Key, value: Value): void {
    const keyLen = prefix.length + 10 + suffix.length;
    if (keyLen > this.limits.maxKeyBytes)
      this.#fail(tooLarge("key", keyLen, this.limits.maxKeyBytes));
    this.#write(keyLen + value.length, value.length);
    this.inner.setVersionstampedKey(prefix, suffix, value);
  }
  setVersionstampedValue(key: Key, valuePrefix: Value, valueSuffix?: Value): void {
    this.#key(key);
    const valueLen = valuePrefix.length + 10 + (valueSuffix?.length ?? 0);
    this.#write(key.length + valueLen, valueLen);
    this.inner.setVersionstampedValue(key, valuePrefix, valueSuffix);
  }
  addReadConflictRange(begin: Key, end: Key): void {
    this.inner.addReadConflictRange(begin, end);
  }
  getVersionstamp(): Promise<Uint8Array> {
    if (!this.#stamp) {
      let resolve!: (s: Uint8Array) => void;
      let reject!: (e: unknown) => void;
      const promise = new Promise<Uint8Array>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      const settle = () => {
        const o = this.#outcome;
        if (o && "stamp" in o) resolve(o.stamp);
        else if (o) reject(o.error);
      };
      // Marked handled: a caller that never awaits a failed transaction's stamp is not an error.
      promise.catch(() => {});
      this.#stamp = { promise, settle };
      settle();
    }
    return this.#stamp.promise;
  }
}

export function createKvStore(backend: KvBackend, opts: KvStoreOptions): ObservableKvStore {
  const { clock } = opts;
  const log = opts.log?.child({ subsystem: "kv", backend: backend.name });
  const limits: KvLimits = { ...KV_LIMITS, ...opts.limits };
  const random = opts.random ?? Math.random;
  const backoffSleep = opts.backoffSleep ?? ((ms: number) => systemClock.sleep(ms));
  const counters: KvStats = {
    transactions: 0,
    attempts: 0,
    commits: 0,
    conflicts: 0,
    unknownResults: 0,
    timeouts: 0,
    failures: 0,
  };
  let closed = false;

  const unavailable = () => new KvError("unavailable", "the KV store is closed");

  async function attempt<T>(body: (tx: Transaction) => Promise<T>): Promise<T> {
    const started = clock.monotonic();
    const inner = backend.begin();
    const tx = new LimitedTransaction(inner, limits);
    let result: T;
    try {
      result = await body(tx);
      if (tx.poisoned) throw tx.poisoned;
      if (closed) throw unavailable();
      const elapsed = clock.monotonic() - started;
      if (elapsed > limits.maxTransactionMs) {
        throw new KvError(
          "timeout",
          `transaction ran ${Math.round(elapsed)} ms; the limit is ${limits.maxTransactionMs} ms`,
        );
      }
    } catch (e) {
      inner.cancel();
      tx.settle(undefined, e);
      throw e;
    }
    try {
      const stamp = await inner.commit();
      tx.settle(stamp);
      return result;
    } catch (e) {
      tx.settle(undefined, e);
      throw e;
    }
  }

  function count(e: KvError): void {
    if (e.code === "conflict") counters.conflicts++;
    else if (e.code === "unknown_result") counters.unknownResults++;
    else if (e.code === "timeout") counters.timeouts++;
  }

  return {
    get backend(): BackendName {
      return backend.name;
    },

    storageFault: () => backend.storageFault?.(),
    changeMark: (scope) => (closed ? undefined : backend.changeMark?.(scope)),

    async transact<T>(body: (tx: Transaction) => Promise<T>, o?: TransactOptions): Promise<T> {
      if (closed) throw unavailable();
      counters.transactions++;
      const maxAttempts = Math.max(1, o?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
      let backoff = BACKOFF_START_MS;
      let timeouts = 0;
      for (let n = 1; ; n++) {
        if (closed) {
          counters.failures++;
          throw unavailable();
        }
        counters.attempts++;
        try {
          const out = await attempt(body);
          counters.commits++;
          return out;
        } catch (e) {
          if (isKvError(e)) count(e);
          // A body too slow twice in a row will not get faster: a timeout is retried only once.
          if (isKvError(e, "timeout")) timeouts++;
          const retry =
            isKvError(e) && e.retryable && n < maxAttempts && !closed && timeouts < MAX_TIMEOUTS;
          if (!retry) {
            counters.failures++;
            if (isKvError(e) && e.retryable) {
              log?.warn("transaction gave up", { name: o?.name, attempts: n, code: e.code });
            }
            throw closed && isKvError(e) && e.retryable ? unavailable() : e;
          }
          log?.debug("transaction retry", {
            name: o?.name,
            attempt: n,
            code: (e as KvError).code,
          });
          await backoffSleep(backoff * (0.5 + random() * 0.5));
          backoff = Math.min(backoff * 2, BACKOFF_CAP_MS);
        }
      }
    },

    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await backend.close();
    },

    stats(): KvStats {
      return { ...counters };
    },
  };
}
