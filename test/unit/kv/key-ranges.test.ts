/**
 * `keyStr` (src/kv/backends/key-ranges.ts): one UTF-16 code unit per byte for every byte value
 * (0x80-0x9f included, where windows-1252 "latin1" decoders differ), any length and any view
 * offset, and string order equal to byte order.
 */
import { describe, expect, test } from "bun:test";
import { keyStr } from "../../../src/kv/backends/key-ranges.ts";

function reference(k: Uint8Array): string {
  let s = "";
  for (const b of k) s += String.fromCharCode(b);
  return s;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
  }
  return a.length - b.length;
}

describe("keyStr", () => {
  test("maps every byte value to the code unit of the same number", () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    const s = keyStr(all);
    expect(s.length).toBe(256);
    for (let i = 0; i < 256; i++) expect(s.charCodeAt(i)).toBe(i);
  });

  test("empty, long and offset views", () => {
    expect(keyStr(new Uint8Array(0))).toBe("");
    const big = Uint8Array.from({ length: 10_000 }, (_, i) => (i * 7 + 3) & 0xff);
    expect(keyStr(big)).toBe(reference(big));
    const view = big.subarray(17, 60);
    expect(keyStr(view)).toBe(reference(view));
  });

  test("string order is byte order", () => {
    let seed = 7;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    const keys = Array.from({ length: 300 }, () =>
      Uint8Array.from({ length: rand() % 12 }, () => rand() & 0xff),
    );
    for (let i = 1; i < keys.length; i++) {
      const a = keys[i - 1] as Uint8Array;
      const b = keys[i] as Uint8Array;
      const bytes = Math.sign(compareBytes(a, b));
      const sa = keyStr(a);
      const sb = keyStr(b);
      expect(sa < sb ? -1 : sa > sb ? 1 : 0).toBe(bytes);
    }
  });
});
