/**
 * Keys as "binary strings" and key ranges, shared by the local backends (memory, sqlite): a byte
 * string becomes a JS string of one UTF-16 code unit per byte (`keyStr`), which compares with `<`
 * exactly like the bytes compare, so it serves as a map key and a sort key.
 */
import { concatBytes } from "../keyspace.ts";
import type { Key } from "../types.ts";

/**
 * `Buffer.prototype.latin1Slice` (Node and Bun): ISO-8859-1, one code unit per byte for all 256
 * byte values (unlike `TextDecoder("latin1")`, which is windows-1252), and it accepts any
 * `Uint8Array`. ~2-4x faster than building the string in JS for the short keys of every read.
 */
const latin1Slice = (
  Buffer.prototype as unknown as {
    latin1Slice?: (this: Uint8Array, start: number, end: number) => string;
  }
).latin1Slice;

/** The byte string as a latin1-style JS string: order-preserving, usable as a Map key. */
export function keyStr(k: Uint8Array): string {
  if (latin1Slice !== undefined) return latin1Slice.call(k, 0, k.length);
  if (k.length <= 4096) return String.fromCharCode.apply(null, k as unknown as number[]);
  let s = "";
  for (let i = 0; i < k.length; i += 4096) {
    s += String.fromCharCode.apply(null, k.subarray(i, i + 4096) as unknown as number[]);
  }
  return s;
}

/** The smallest key after `k` (k ++ 0x00). */
export function keyAfter(k: Uint8Array): Uint8Array {
  return concatBytes(k, ZERO);
}
const ZERO = Uint8Array.of(0);

/** A half-open key range [begin, end), in bytes and as binary strings. */
export interface KeyRange {
  begin: Key;
  end: Key;
  b: string;
  e: string;
  /** True when the range is exactly one key (`end` is `begin ++ 0x00`). */
  readonly point?: boolean;
}

export function keyRange(begin: Key, end: Key): KeyRange {
  return { begin, end, b: keyStr(begin), e: keyStr(end) };
}

/**
 * The range [key, key ++ 0x00) of one key, read by a point read. Its end is built only if a
 * validation asks for it: most point reads belong to read-only transactions, which never validate.
 */
class PointRange implements KeyRange {
  readonly point = true;
  #end: Key | undefined;
  constructor(
    readonly begin: Key,
    readonly b: string,
  ) {}
  get end(): Key {
    this.#end ??= keyAfter(this.begin);
    return this.#end;
  }
  get e(): string {
    return `${this.b}\0`;
  }
}

export function pointRange(key: Key, s: string = keyStr(key)): KeyRange {
  return new PointRange(key, s);
}
