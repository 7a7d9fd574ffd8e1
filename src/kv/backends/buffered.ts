/**
 * The part of a backend transaction that every local backend shares (memory, sqlite): the write
 * buffer with read-your-writes merging, read-conflict tracking and the transaction lifecycle.
 *
 * A backend subclasses `BufferedTransaction` and supplies only three things: how to read a key and a
 * range of the committed state as of the transaction's read version (`readPoint`, `readRange`), and
 * how to commit the final write set (`commitWrites`). Reads are synchronous underneath (both local
 * backends are); the public methods are async per the port.
 *
 * Keys are also handled as "binary strings" (one UTF-16 code unit per byte, see `keyStr` in
 * key-ranges.ts): they compare with `<` exactly like the bytes compare, so they serve as map keys
 * and sort keys.
 */
import { concatBytes } from "../keyspace.ts";
import {
  type BackendTransaction,
  decodeI64LE,
  encodeI64LE,
  isKvError,
  type Key,
  type KeyValue,
  KvError,
  type RangeOptions,
  type ReadOps,
  type Value,
} from "../types.ts";

import { type KeyRange, keyAfter, keyRange, keyStr, pointRange } from "./key-ranges.ts";

export { type KeyRange, keyAfter, keyRange, keyStr, pointRange };

/** FoundationDB's `inverted_range` (2005), raised the same way by every backend. */
export function invertedRangeError(): KvError {
  return new KvError(
    "unavailable",
    "foundationdb error 2005 (inverted_range): range begin key larger than end key",
  );
}

/** The placeholder versionstamp when an atomic add is read back before commit. */
const ZERO = Uint8Array.of(0);

/** The final state of one key written by a transaction. */
export type PointWrite =
  | { t: "set"; key: Key; value: Value }
  | { t: "clear"; key: Key }
  /** Atomic add on top of whatever is committed when the commit applies. */
  | { t: "add"; key: Key; delta: bigint }
  /** Value `prefix ++ versionstamp ++ suffix`, known only at commit. */
  | { t: "vsvalue"; key: Key; prefix: Value; suffix: Value };

/** What a commit applies, in this order: range clears, then point writes, then versionstamped keys. */
export interface WriteSet {
  clears: KeyRange[];
  points: Map<string, PointWrite>;
  vsKeys: { prefix: Key; suffix: Key; value: Value }[];
}

/** Builds the 10-byte versionstamp: 8-byte big-endian commit version + 2-byte order. */
export function makeVersionstamp(version: bigint | number, order = 0): Uint8Array {
  const out = new Uint8Array(10);
  if (typeof version === "number" && Number.isSafeInteger(version) && version >= 0) {
    // Byte by byte: no DataView (nor the ArrayBuffer it materialises) per commit.
    const hi = Math.floor(version / 2 ** 32);
    const lo = version % 2 ** 32;
    out[0] = hi >>> 24;
    out[1] = (hi >>> 16) & 0xff;
    out[2] = (hi >>> 8) & 0xff;
    out[3] = hi & 0xff;
    out[4] = lo >>> 24;
    out[5] = (lo >>> 16) & 0xff;
    out[6] = (lo >>> 8) & 0xff;
    out[7] = lo & 0xff;
  } else new DataView(out.buffer).setBigUint64(0, BigInt(version), false);
  out[8] = (order >>> 8) & 0xff;
  out[9] = order & 0xff;
  return out;
}

/** Resolves a point write against the value committed at apply time. */
export function resolvePoint(p: PointWrite, current: Value | undefined, stamp: Uint8Array) {
  switch (p.t) {
    case "set":
      return p.value;
    case "clear":
      return undefined;
    case "add":
      return encodeI64LE(BigInt.asIntN(64, decodeI64LE(current) + p.delta));
    case "vsvalue":
      return concatBytes(p.prefix, stamp, p.suffix);
  }
}

/**
 * Whether the write set writes any key beginning with `scope` (a binary string, `keyStr`): a set,
 * clear or atomic op of such a key, a cleared range overlapping the scope, or a versionstamped key
 * whose prefix and the scope overlap (its stamp is not known before the commit).
 */
export function writeSetTouches(ws: WriteSet, scope: string): boolean {
  for (const s of ws.points.keys()) if (s.startsWith(scope)) return true;
  // Every key under the scope sorts below scope ++ U+0100 (keys are strings of U+0000..U+00FF).
  const end = `${scope}\u0100`;
  for (const c of ws.clears) if (c.b < end && c.e > scope) return true;
  for (const v of ws.vsKeys) {
    const p = keyStr(v.prefix);
    if (p.startsWith(scope) || scope.startsWith(p)) return true;
  }
  return false;
}

/** Every key range the write set touches (for conflict detection of later readers). */
export function writtenRanges(ws: WriteSet, stamp: Uint8Array): KeyRange[] {
  const out = [...ws.clears];
  for (const [s, p] of ws.points) out.push(pointRange(p.key, s));
  for (const v of ws.vsKeys) {
    const key = concatBytes(v.prefix, stamp, v.suffix);
    out.push(keyRange(key, keyAfter(key)));
  }
  return out;
}

type State = "open" | "committed" | "failed" | "cancelled";

export abstract class BufferedTransaction implements BackendTransaction {
  /** Non-snapshot reads and explicit conflict ranges of this transaction. */
  protected readonly readConflicts: KeyRange[] = [];
  protected readonly ws: WriteSet = { clears: [], points: new Map(), vsKeys: [] };
  #rv: number | undefined;
  #doomed: KvError | undefined;
  #state: State = "open";
  #committed: Uint8Array | undefined;
  #stamp: Promise<Uint8Array> | undefined;
  #resolveStamp: ((s: Uint8Array) => void) | undefined;
  #rejectStamp: ((e: unknown) => void) | undefined;

  /** Whether this transaction's writes touch `scope` (`writeSetTouches`). */
  touches(scope: string): boolean {
    return writeSetTouches(this.ws, scope);
  }

  readonly snapshot: ReadOps = {
    get: (key) => this.#get(key, true),
    getRange: (b, e, o) => this.#getRange(b, e, o, true),
  };

  /**
   * Obtains a read version (the latest commit version) from the backend; called once, at the first
   * read or conflict range. Throws `unavailable` when the backend is closed.
   */
  protected abstract acquireReadVersion(): number;

  /** This transaction's read version, obtained on first use. */
  protected readVersion(): number {
    this.#rv ??= this.acquireReadVersion();
    return this.#rv;
  }

  /**
   * Sets the read version when the backend obtained it together with the first read (one query
   * instead of two); ignored once a read version is set.
   */
  protected adoptReadVersion(v: number): void {
    this.#rv ??= v;
  }

  /** The read version if one was obtained (a write-only transaction has none). */
  protected get readVersionIfAny(): number | undefined {
    return this.#rv;
  }

  /** The committed value of `key` at this transaction's read version (sync). */
  protected abstract readPoint(key: Key, snapshot: boolean): Value | undefined;
  /**
   * Committed pairs in [begin, end) at the read version, in order, in pages consumed lazily
   * (sync). `wanted` hints how many pairs the caller will probably consume (Infinity: all).
   */
  protected abstract readRange(
    begin: Key,
    end: Key,
    reverse: boolean,
    snapshot: boolean,
    wanted: number,
  ): Iterable<KeyValue[]>;
  /** Validates read conflicts and applies the write set atomically; returns the versionstamp. */
  protected abstract commitWrites(): Promise<Uint8Array>;
  /** Hook run before every async operation (fault-injected latency). */
  protected beforeOp(_op: string): Promise<void> | undefined {
    return undefined;
  }

  protected get hasWrites(): boolean {
    return this.ws.points.size > 0 || this.ws.clears.length > 0 || this.ws.vsKeys.length > 0;
  }

  protected assertOpen(): void {
    if (this.#state !== "open") {
      throw new KvError("unavailable", `transaction already ${this.#state}; start a new one`);
    }
  }

  get(key: Key): Promise<Value | undefined> {
    return this.#get(key, false);
  }

  getRange(begin: Key, end: Key, opts?: RangeOptions): Promise<KeyValue[]> {
    return this.#getRange(begin, end, opts, false);
  }

  async #get(key: Key, snapshot: boolean): Promise<Value | undefined> {
    this.assertOpen();
    const delay = this.beforeOp("get");
    if (delay) await delay;
    this.assertOpen();
    const s = keyStr(key);
    const p = this.ws.points.get(s);
    if (p && (p.t === "set" || p.t === "clear")) return p.t === "set" ? p.value : undefined;
    if (!p && this.#clearedByRange(s)) return undefined;
    if (!snapshot) this.readConflicts.push(pointRange(key, s));
    try {
      return this.#resolveOwn(p, key, snapshot);
    } catch (e) {
      // As in #doomOnError, without a closure per read.
      if (isKvError(e)) this.#doomed ??= e;
      throw e;
    }
  }

  /**
   * Runs a backend read; a `KvError` it throws (e.g. an early `conflict`) also fails the commit,
   * so a body that swallows the error cannot commit on the strength of a read that failed.
   */
  #doomOnError<T>(read: () => T): T {
    try {
      return read();
    } catch (e) {
      if (isKvError(e)) this.#doomed ??= e;
      throw e;
    }
  }

  #resolveOwn(p: PointWrite | undefined, key: Key, snapshot: boolean): Value | undefined {
    if (!p) return this.readPoint(key, snapshot);
    if (p.t === "vsvalue") {
      throw new Error(
        "a versionstamped value written in this transaction cannot be read before commit",
      );
    }
    if (p.t === "add") return resolvePoint(p, this.readPoint(key, snapshot), ZERO);
    return p.t === "set" ? p.value : undefined;
  }

  #clearedByRange(s: string): boolean {
    for (const r of this.ws.clears) if (s >= r.b && s < r.e) return true;
    return false;
  }

  async #getRange(
    begin: Key,
    end: Key,
    opts: RangeOptions | undefined,
    snapshot: boolean,
  ): Promise<KeyValue[]> {
    this.assertOpen();
    const delay = this.beforeOp("getRange");
    if (delay) await delay;
    this.assertOpen();
    const reverse = opts?.reverse === true;
    const limit = opts?.limit && opts.limit > 0 ? opts.limit : Number.POSITIVE_INFINITY;
    const r = keyRange(begin, end);
    const out: KeyValue[] = [];
    if (r.b < r.e) this.#doomOnError(() => this.#mergeRange(r, reverse, limit, snapshot, out));
    if (!snapshot && r.b < r.e) {
      const last = out.length === limit ? out[out.length - 1] : undefined;
      if (!last) this.readConflicts.push(r);
      else if (reverse) this.readConflicts.push(keyRange(last.key, end));
      else this.readConflicts.push(keyRange(begin, keyAfter(last.key)));
    }
    return out;
  }

  #mergeRange(r: KeyRange, reverse: boolean, limit: number, snapshot: boolean, out: KeyValue[]) {
    const own: string[] = [];
    for (const s of this.ws.points.keys()) if (s >= r.b && s < r.e) own.push(s);
    own.sort();
    if (reverse) own.reverse();
    const plain = own.length === 0 && this.ws.clears.length === 0;
    let i = 0;
    const emitOwn = (s: string) => {
      const p = this.ws.points.get(s)!;
      const v = this.#resolveOwn(p, p.key, snapshot);
      if (v !== undefined) out.push({ key: p.key, value: v });
    };
    const wanted = limit + own.length + (this.ws.clears.length > 0 ? limit : 0);
    for (const page of this.readRange(r.begin, r.end, reverse, snapshot, wanted)) {
      if (plain) {
        for (let j = 0; j < page.length && out.length < limit; j++) out.push(page[j]!);
        if (out.length >= limit) return;
        continue;
      }
      for (const kv of page) {
        const s = keyStr(kv.key);
        while (i < own.length && out.length < limit && (reverse ? own[i]! > s : own[i]! < s)) {
          emitOwn(own[i++]!);
        }
        if (out.length >= limit) return;
        if (own[i] === s) emitOwn(own[i++]!);
        else if (!this.#clearedByRange(s)) out.push(kv);
        if (out.length >= limit) return;
      }
    }
    while (i < own.length && out.length < limit) emitOwn(own[i++]!);
  }

  set(key: Key, value: Value): void {
    this.assertOpen();
    this.ws.points.set(keyStr(key), { t: "set", key, value });
  }

  clear(key: Key): void {
    this.assertOpen();
    this.ws.points.set(keyStr(key), { t: "clear", key });
  }

  clearRange(begin: Key, end: Key): void {
    this.assertOpen();
    const r = keyRange(begin, end);
    // As FoundationDB: an inverted range is its error 2005, an empty one a no-op.
    if (r.b > r.e) throw invertedRangeError();
    if (r.b === r.e) return;
    for (const s of this.ws.points.keys()) if (s >= r.b && s < r.e) this.ws.points.delete(s);
    this.ws.clears.push(r);
  }

  atomicAdd(key: Key, delta: number | bigint): void {
    this.assertOpen();
    const d = BigInt(delta);
    const s = keyStr(key);
    const p = this.ws.points.get(s);
    if (!p) {
      if (this.#clearedByRange(s)) this.ws.points.set(s, { t: "set", key, value: encodeI64LE(d) });
      else this.ws.points.set(s, { t: "add", key, delta: d });
    } else if (p.t === "add") p.delta = BigInt.asIntN(64, p.delta + d);
    else if (p.t === "vsvalue") {
      throw new Error("atomicAdd on a key with a versionstamped value in the same transaction");
    } else {
      const base = p.t === "set" ? decodeI64LE(p.value) : 0n;
      this.ws.points.set(s, { t: "set", key, value: encodeI64LE(BigInt.asIntN(64, base + d)) });
    }
  }

  setVersionstampedKey(prefix: Key, suffix: Key, value: Value): void {
    this.assertOpen();
    this.ws.vsKeys.push({ prefix, suffix, value });
  }

  setVersionstampedValue(key: Key, valuePrefix: Value, valueSuffix?: Value): void {
    this.assertOpen();
    this.ws.points.set(keyStr(key), {
      t: "vsvalue",
      key,
      prefix: valuePrefix,
      suffix: valueSuffix ?? new Uint8Array(0),
    });
  }

  addReadConflictRange(begin: Key, end: Key): void {
    this.assertOpen();
    const r = keyRange(begin, end);
    if (r.b < r.e) this.readConflicts.push(r);
    // No read version is taken here: like FoundationDB, a body that never reads gets its read
    // version at commit, so its conflict ranges cannot conflict (`validate` / `commitWrites`).
  }

  getVersionstamp(): Promise<Uint8Array> {
    if (!this.#stamp) {
      this.#stamp = new Promise<Uint8Array>((res, rej) => {
        this.#resolveStamp = res;
        this.#rejectStamp = rej;
      });
      if (this.#committed) this.#resolveStamp?.(this.#committed);
      else if (this.#state === "cancelled" || this.#state === "failed") {
        this.#rejectStamp?.(new KvError("unavailable", "transaction did not commit"));
      }
    }
    return this.#stamp;
  }

  async commit(): Promise<Uint8Array> {
    this.assertOpen();
    try {
      const delay = this.beforeOp("commit");
      if (delay) await delay;
      this.assertOpen();
      if (this.#doomed) throw this.#doomed;
      const stamp = await this.commitWrites();
      this.#state = "committed";
      this.#committed = stamp;
      this.#resolveStamp?.(stamp);
      return stamp;
    } catch (e) {
      if (this.#state === "open") {
        this.#state = "failed";
        this.onEnd();
      }
      this.#rejectStamp?.(e);
      throw e;
    }
  }

  cancel(): void {
    if (this.#state !== "open") return;
    this.#state = "cancelled";
    this.onEnd();
    this.#rejectStamp?.(new KvError("unavailable", "transaction was cancelled"));
  }

  /**
   * Releases backend resources (e.g. a pinned read version) when the transaction ends without
   * committing: cancelled, or its commit failed. Must be idempotent.
   */
  protected onEnd(): void {}
}
