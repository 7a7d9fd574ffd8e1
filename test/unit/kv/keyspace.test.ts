/**
 * Tuple keyspace: round trips, and the property everything relies on: the byte order of packed
 * tuples equals the natural order of the tuples (ints incl. negatives and bigints near ±2^64,
 * strings by code point incl. emoji, mixed types by type code, prefixes before extensions).
 */
import { describe, expect, test } from "bun:test";
import {
  compareBytes,
  pack,
  Subspace,
  strinc,
  type Tuple,
  type TupleItem,
  unpack,
} from "../../../src/kv/keyspace.ts";
import { prng } from "../../support/prng.ts";

const TYPE_RANK = (x: TupleItem): number =>
  x === null
    ? 0
    : x instanceof Uint8Array
      ? 1
      : typeof x === "string"
        ? 2
        : typeof x === "number" || typeof x === "bigint"
          ? 3
          : x === false
            ? 4
            : 5;

function codePoints(s: string): number[] {
  return Array.from(s, (c) => c.codePointAt(0)!);
}

function compareArrays(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** The natural order of tuple items, written independently of the encoder. */
function naturalItem(a: TupleItem, b: TupleItem): number {
  const ra = TYPE_RANK(a);
  const rb = TYPE_RANK(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  if (typeof a === "string" && typeof b === "string") {
    return compareArrays(codePoints(a), codePoints(b));
  }
  if (a instanceof Uint8Array && b instanceof Uint8Array) return compareArrays([...a], [...b]);
  if (ra === 3) {
    const x = BigInt(a as number | bigint);
    const y = BigInt(b as number | bigint);
    return x === y ? 0 : x < y ? -1 : 1;
  }
  return 0;
}

function naturalTuple(a: Tuple, b: Tuple): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = naturalItem(a[i]!, b[i]!);
    if (c !== 0) return c;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

const MAX = (1n << 64n) - 1n;
const INTS: (number | bigint)[] = [
  0,
  1,
  -1,
  2,
  -2,
  255,
  256,
  -255,
  -256,
  65535,
  65536,
  -65536,
  2 ** 31,
  -(2 ** 31),
  Number.MAX_SAFE_INTEGER,
  Number.MIN_SAFE_INTEGER,
  2n ** 53n,
  -(2n ** 53n),
  2n ** 63n,
  -(2n ** 63n),
  MAX,
  -MAX,
  MAX - 1n,
  -MAX + 1n,
  2n ** 56n,
  -(2n ** 56n),
];
const STRINGS = [
  "",
  "a",
  "ab",
  "b",
  "a\u0000",
  "a\u0000b",
  "\u00e9",
  "z",
  "\uffff",
  "😀",
  "😀x",
  "日本",
  "\ud7ff",
  "\ue000",
];
const BYTES = [
  new Uint8Array(),
  Uint8Array.of(0),
  Uint8Array.of(0, 0),
  Uint8Array.of(0, 1),
  Uint8Array.of(1),
  Uint8Array.of(0xff),
  Uint8Array.of(0xff, 0),
];

function randomItem(rnd: () => number): TupleItem {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const kind = Math.floor(rnd() * 6);
  if (kind === 0) return null;
  if (kind === 1) return pick(BYTES);
  if (kind === 2) return pick(STRINGS);
  if (kind === 3) return pick(INTS);
  if (kind === 4) return Math.floor((rnd() - 0.5) * 2000);
  return rnd() < 0.5;
}

describe("tuple pack/unpack", () => {
  test("round trips every supported item type", () => {
    const t: Tuple = [
      null,
      Uint8Array.of(0, 1, 0xff, 0),
      "héllo 😀 \u0000x",
      0,
      -1,
      42,
      2n ** 60n,
      -(2n ** 64n - 1n),
      true,
      false,
    ];
    const back = unpack(pack(t));
    expect(back).toEqual([...t]);
  });

  test("integers decode as numbers when safe and as bigints otherwise", () => {
    for (const n of INTS) {
      const [back] = unpack(pack([n]));
      const big = BigInt(n);
      const safe = big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER);
      expect(back).toEqual(safe ? Number(big) : big);
    }
  });

  test("matches FoundationDB's tuple encoding for known values", () => {
    const hex = (t: Tuple) => Buffer.from(pack(t)).toString("hex");
    expect(hex([0])).toBe("14");
    expect(hex([1])).toBe("1501");
    expect(hex([-1])).toBe("13fe");
    expect(hex([256])).toBe("160100");
    expect(hex([-256])).toBe("12feff");
    expect(hex(["a\u0000b"])).toBe("026100ff6200");
    expect(hex([Uint8Array.of(0)])).toBe("0100ff00");
    expect(hex([null, true, false])).toBe("002726");
  });

  test("refuses what it cannot encode, and malformed bytes", () => {
    expect(() => pack([1.5])).toThrow(RangeError);
    expect(() => pack([2n ** 64n])).toThrow(RangeError);
    expect(() => pack([-(2n ** 64n)])).toThrow(RangeError);
    expect(() => pack(["\ud800"])).toThrow(RangeError);
    expect(() => unpack(Uint8Array.of(0x02, 0x61))).toThrow(RangeError);
    expect(() => unpack(Uint8Array.of(0x16, 0x01))).toThrow(RangeError);
    expect(() => unpack(Uint8Array.of(0x99))).toThrow(RangeError);
    expect(() => unpack(Uint8Array.of(0x02, 0xc3, 0x28, 0x00))).toThrow(RangeError);
  });
});

describe("byte order equals natural order", () => {
  test("integers, including negatives and bigints near ±2^64", () => {
    const sorted = [...INTS].sort((a, b) => naturalItem(a, b));
    const byBytes = [...INTS].sort((a, b) => compareBytes(pack([a]), pack([b])));
    expect(byBytes).toEqual(sorted);
  });

  test("strings by code point, including unicode and emoji", () => {
    const sorted = [...STRINGS].sort((a, b) => naturalItem(a, b));
    const byBytes = [...STRINGS].sort((a, b) => compareBytes(pack([a]), pack([b])));
    expect(byBytes).toEqual(sorted);
  });

  test("a prefix sorts before all its extensions", () => {
    const base = pack(["user", 7]);
    for (const ext of [null, "", 0, -5, Uint8Array.of(), false, "z"] as TupleItem[]) {
      expect(compareBytes(base, pack(["user", 7, ext]))).toBe(-1);
    }
    expect(compareBytes(pack(["a"]), pack(["a", null]))).toBe(-1);
    expect(compareBytes(pack(["a"]), pack(["ab"]))).toBe(-1);
  });

  test("random mixed tuples: 2000 tuples sort the same both ways", () => {
    const rnd = prng(42);
    const tuples: Tuple[] = Array.from({ length: 2000 }, () =>
      Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => randomItem(rnd)),
    );
    const natural = [...tuples].sort(naturalTuple).map((t) => Buffer.from(pack(t)).toString("hex"));
    const bytes = tuples
      .map((t) => pack(t))
      .sort(compareBytes)
      .map((b) => Buffer.from(b).toString("hex"));
    expect(bytes).toEqual(natural);
  });
});

describe("Subspace", () => {
  const users = new Subspace(["user"]);

  test("key, pack, sub and unpack agree", () => {
    expect(users.key("a", 1)).toEqual(pack(["user", "a", 1]));
    expect(users.pack(["a", 1])).toEqual(users.key("a", 1));
    expect(users.sub("a").key(1)).toEqual(users.key("a", 1));
    expect(users.unpack(users.key("a", 1))).toEqual(["a", 1]);
    expect(() => users.unpack(pack(["other"]))).toThrow(RangeError);
    expect(new Subspace(Uint8Array.of(1, 2)).prefix).toEqual(Uint8Array.of(1, 2));
  });

  test("range covers exactly the keys that extend the prefix", () => {
    const inside = [
      users.key(),
      users.key(null),
      users.key("a"),
      users.key("a\u0000"),
      users.key(-(2n ** 64n - 1n)),
      users.key(true),
      users.key(Uint8Array.of(0xff, 0xff)),
    ];
    const outside = [
      pack(["user"]),
      pack(["use"]),
      pack(["userx"]),
      pack(["user\u0000"]),
      pack(["v"]),
      pack([]),
    ];
    const [b, e] = users.range();
    const within = (k: Uint8Array) => compareBytes(k, b) >= 0 && compareBytes(k, e) < 0;
    for (const k of inside.slice(1)) expect(within(k)).toBe(true);
    for (const k of outside) expect(within(k)).toBe(false);
    // range(items) covers tuples that strictly extend items.
    const [ab, ae] = users.range("a");
    const inA = (k: Uint8Array) => compareBytes(k, ab) >= 0 && compareBytes(k, ae) < 0;
    expect(inA(users.key("a", 1))).toBe(true);
    expect(inA(users.key("a", "zz", null))).toBe(true);
    expect(inA(users.key("a"))).toBe(false);
    expect(inA(users.key("a\u0000", 1))).toBe(false);
    expect(inA(users.key("ab", 1))).toBe(false);
  });

  test("strinc gives the first key after every extension", () => {
    expect(strinc(Uint8Array.of(1, 2, 0xff))).toEqual(Uint8Array.of(1, 3));
    expect(() => strinc(Uint8Array.of(0xff))).toThrow(RangeError);
  });
});
