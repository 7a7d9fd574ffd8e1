/**
 * Tuple-encoded keys and subspaces, byte-compatible with FoundationDB's tuple layer for the types
 * we use, so ranges sort identically on every backend.
 *
 * Element encodings (type code, then payload):
 *   null        0x00
 *   Uint8Array  0x01, bytes with 0x00 escaped as 0x00 0xFF, terminated by 0x00
 *   string      0x02, UTF-8 bytes escaped the same way, terminated by 0x00
 *   integer     0x0C..0x1C: 0x14 is zero; 0x14+n is a positive integer in n big-endian bytes;
 *               0x14-n is a negative integer in n bytes of one's complement. number (safe
 *               integers only) and bigint (|v| < 2^64) encode identically and decode as number
 *               when safe, else bigint.
 *   false/true  0x26 / 0x27
 *
 * Ordering: elements of the same type compare by value (strings by UTF-8 bytes); different
 * types by type code. A key's tuple prefix sorts before all its extensions.
 */

export type TupleItem = null | string | number | bigint | boolean | Uint8Array;
export type Tuple = readonly TupleItem[];

const NULL = 0x00;
const BYTES = 0x01;
const STRING = 0x02;
const INT_ZERO = 0x14;
const FALSE = 0x26;
const TRUE = 0x27;

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true });

class ByteWriter {
  buf: Uint8Array;
  len = 0;
  constructor(size = 64) {
    this.buf = new Uint8Array(size);
  }
  bytes(b: Uint8Array) {
    this.ensure(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
  }
  ensure(n: number) {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }
  byte(b: number) {
    this.ensure(1);
    this.buf[this.len++] = b;
  }
  escaped(bytes: Uint8Array) {
    this.ensure(bytes.length * 2 + 1);
    for (const b of bytes) {
      this.buf[this.len++] = b;
      if (b === 0x00) this.buf[this.len++] = 0xff;
    }
    this.buf[this.len++] = 0x00;
  }
  result(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

const TWO_32 = 2 ** 32;
const MASK_32 = 0xffffffffn;

/** Writes a magnitude < 2^64 given as two 32-bit halves, in the fewest big-endian bytes. */
function encodeMagnitude(w: ByteWriter, hi: number, lo: number, neg: boolean) {
  let n = 0;
  if (hi > 0) {
    n = 4;
    for (let h = hi; h > 0; h = Math.floor(h / 256)) n++;
  } else {
    for (let l = lo; l > 0; l = Math.floor(l / 256)) n++;
  }
  w.ensure(n + 1);
  const buf = w.buf;
  buf[w.len++] = neg ? INT_ZERO - n : INT_ZERO + n;
  const flip = neg ? 0xff : 0;
  for (let i = n - 1; i >= 0; i--) {
    // Byte i from the least significant end.
    const b =
      i >= 4 ? Math.floor(hi / 2 ** (8 * (i - 4))) & 0xff : Math.floor(lo / 2 ** (8 * i)) & 0xff;
    buf[w.len++] = b ^ flip;
  }
}

function encodeInt(w: ByteWriter, v: bigint) {
  if (v === 0n) return w.byte(INT_ZERO);
  const neg = v < 0n;
  const mag = neg ? -v : v;
  if (mag >= 1n << 64n)
    throw new RangeError("tuple integers must be smaller than 2^64 in magnitude");
  encodeMagnitude(w, Number(mag >> 32n), Number(mag & MASK_32), neg);
}

/** A safe integer, without going through bigint (same bytes as `encodeInt(w, BigInt(v))`). */
function encodeSafeInt(w: ByteWriter, v: number) {
  if (v === 0) return w.byte(INT_ZERO);
  const neg = v < 0;
  const mag = neg ? -v : v;
  encodeMagnitude(w, Math.floor(mag / TWO_32), mag % TWO_32, neg);
}

/** Encodes a tuple as key bytes. */
export function pack(tuple: Tuple): Uint8Array {
  const w = new ByteWriter();
  packInto(w, tuple);
  return w.result();
}

/** `concatBytes(prefix, pack(tuple))` in one buffer. */
function packAfter(prefix: Uint8Array, tuple: Tuple): Uint8Array {
  const w = new ByteWriter(prefix.length + 32);
  w.bytes(prefix);
  packInto(w, tuple);
  return w.result();
}

/**
 * Writes an all-ASCII string escaped and terminated, as `escaped(encoder.encode(s))` would (ASCII is
 * its own UTF-8). Returns false, having written nothing, when `s` has a non-ASCII character.
 */
function asciiInto(w: ByteWriter, s: string): boolean {
  const n = s.length;
  for (let i = 0; i < n; i++) if (s.charCodeAt(i) > 0x7f) return false;
  w.ensure(n * 2 + 1);
  const buf = w.buf;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    buf[w.len++] = c;
    if (c === 0x00) buf[w.len++] = 0xff;
  }
  buf[w.len++] = 0x00;
  return true;
}

function packInto(w: ByteWriter, tuple: Tuple): void {
  for (const item of tuple) {
    if (item === null) w.byte(NULL);
    else if (typeof item === "string") {
      // A lone surrogate would be encoded as U+FFFD, so two different strings would share a key.
      w.byte(STRING);
      if (!asciiInto(w, item)) {
        if (!item.isWellFormed()) throw new RangeError("tuple strings must be well-formed UTF-16");
        w.escaped(encoder.encode(item));
      }
    } else if (typeof item === "number") {
      if (!Number.isSafeInteger(item)) throw new RangeError("tuple numbers must be safe integers");
      encodeSafeInt(w, item);
    } else if (typeof item === "bigint") encodeInt(w, item);
    else if (typeof item === "boolean") w.byte(item ? TRUE : FALSE);
    else if (item instanceof Uint8Array) {
      w.byte(BYTES);
      w.escaped(item);
    } else throw new TypeError(`unsupported tuple item: ${typeof item}`);
  }
}

function readEscaped(key: Uint8Array, pos: number): [Uint8Array, number] {
  const out: number[] = [];
  let i = pos;
  while (i < key.length) {
    const b = key[i]!;
    if (b === 0x00) {
      if (key[i + 1] === 0xff) {
        out.push(0x00);
        i += 2;
        continue;
      }
      return [Uint8Array.from(out), i + 1];
    }
    out.push(b);
    i++;
  }
  throw new RangeError("unterminated tuple byte string");
}

/** Decodes key bytes produced by `pack`. Throws RangeError on malformed input. */
export function unpack(key: Uint8Array): TupleItem[] {
  const out: TupleItem[] = [];
  let i = 0;
  while (i < key.length) {
    const code = key[i++]!;
    if (code === NULL) out.push(null);
    else if (code === BYTES) {
      const [bytes, next] = readEscaped(key, i);
      out.push(bytes);
      i = next;
    } else if (code === STRING) {
      const [bytes, next] = readEscaped(key, i);
      try {
        out.push(decoder.decode(bytes));
      } catch (e) {
        throw new RangeError("tuple string is not valid UTF-8", { cause: e });
      }
      i = next;
    } else if (code >= INT_ZERO - 8 && code <= INT_ZERO + 8) {
      const n = Math.abs(code - INT_ZERO);
      const neg = code < INT_ZERO;
      if (i + n > key.length) throw new RangeError("truncated tuple integer");
      let mag = 0n;
      for (let j = 0; j < n; j++)
        mag = (mag << 8n) | BigInt(neg ? ~key[i + j]! & 0xff : key[i + j]!);
      i += n;
      const v = neg ? -mag : mag;
      out.push(
        v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER)
          ? Number(v)
          : v,
      );
    } else if (code === FALSE) out.push(false);
    else if (code === TRUE) out.push(true);
    else throw new RangeError(`unknown tuple type code 0x${code.toString(16)}`);
  }
  return out;
}

/** Concatenates byte arrays. */
export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let len = 0;
  for (const p of parts) len += p.length;
  const out = new Uint8Array(len);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

/** The first key greater than every key that starts with `prefix` (FDB's strinc). */
export function strinc(prefix: Uint8Array): Uint8Array {
  let end = prefix.length;
  while (end > 0 && prefix[end - 1] === 0xff) end--;
  if (end === 0) throw new RangeError("strinc: key is all 0xff bytes");
  const out = prefix.slice(0, end);
  out[end - 1]! += 1;
  return out;
}

/** Lexicographic byte comparison (-1, 0, 1): the order every backend sorts keys in. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = a[i]! - b[i]!;
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

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

/**
 * A key prefix. `sub.key("a", 1)` packs a tuple under the prefix; `sub.range()` spans every key
 * under it; `sub.range("a")` spans every key whose tuple starts with ("a").
 */
export class Subspace {
  readonly prefix: Uint8Array;

  constructor(prefix: Tuple | Uint8Array) {
    this.prefix = prefix instanceof Uint8Array ? prefix : pack(prefix);
  }

  /** A nested subspace. */
  sub(...items: TupleItem[]): Subspace {
    return new Subspace(packAfter(this.prefix, items));
  }

  /** The key for `items` under this prefix. */
  key(...items: TupleItem[]): Uint8Array {
    return packAfter(this.prefix, items);
  }

  /** The key for `tuple` under this prefix (FoundationDB's `Subspace.pack`; same as `key(...tuple)`). */
  pack(tuple: Tuple): Uint8Array {
    return packAfter(this.prefix, tuple);
  }

  /** Decodes a key of this subspace back to its tuple (without the prefix). */
  unpack(key: Uint8Array): TupleItem[] {
    if (!this.contains(key)) throw new RangeError("key is not in this subspace");
    return unpack(key.subarray(this.prefix.length));
  }

  contains(key: Uint8Array): boolean {
    if (key.length < this.prefix.length) return false;
    for (let i = 0; i < this.prefix.length; i++) if (key[i] !== this.prefix[i]) return false;
    return true;
  }

  /** [begin, end) covering every key whose tuple extends `items` (FDB's Subspace.range). */
  range(...items: TupleItem[]): [Uint8Array, Uint8Array] {
    const p = items.length ? this.key(...items) : this.prefix;
    return [concatBytes(p, Uint8Array.of(0x00)), concatBytes(p, Uint8Array.of(0xff))];
  }
}
