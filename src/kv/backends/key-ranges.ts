/**
 * Keys as "binary strings" and key ranges, shared by the local backends (memory, sqlite): a byte
 * string becomes a JS string of one UTF-16 code unit per byte (`keyStr`), which compares with `<`
 * exactly like the bytes compare, so it serves as a map key and a sort key.
 */
import { concatBytes, keyStr } from "../keyspace.ts";
import type { Key } from "../types.ts";

/** The binary-string form of a key (src/kv/keyspace.ts), where the backends use it. */
export { keyStr };

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
