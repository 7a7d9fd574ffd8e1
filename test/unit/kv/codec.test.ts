/** Versioned value codec: round trip, forward migration, future versions and corrupt bytes refused. */
import { describe, expect, test } from "bun:test";
import { defineCodec } from "../../../src/kv/codec.ts";

interface V3 {
  name: string;
  email: string;
  tags: string[];
}

const v1 = defineCodec<{ n: string }>({ name: "user", version: 1 });
const v3 = defineCodec<V3>({
  name: "user",
  version: 3,
  migrations: {
    1: (old) => ({ name: (old as { n: string }).n, email: "" }),
    2: (old) => ({ ...(old as object), tags: [] }),
  },
  validate: (x) => {
    if (typeof (x as V3).name !== "string") throw new Error("name must be a string");
  },
});

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return undefined;
}

describe("defineCodec", () => {
  test("round trips the current version, with the version in the first two bytes", () => {
    const value: V3 = { name: "Ada 😀", email: "ada@example.com", tags: ["a", "b"] };
    const bytes = v3.encode(value);
    expect([bytes[0], bytes[1]]).toEqual([0, 3]);
    expect(v3.decode(bytes)).toEqual(value);
  });

  test("migrates older versions forward step by step", () => {
    expect(v3.decode(v1.encode({ n: "old" }))).toEqual({ name: "old", email: "", tags: [] });
  });

  test("refuses a version from the future with KV_FUTURE_VERSION", () => {
    expect(codeOf(() => v1.decode(v3.encode({ name: "x", email: "", tags: [] })))).toBe(
      "KV_FUTURE_VERSION",
    );
  });

  test("refuses corrupt bytes with KV_CORRUPT_VALUE", () => {
    const corrupt = [
      new Uint8Array(),
      Uint8Array.of(0),
      Uint8Array.of(0, 3, 0x7b),
      Uint8Array.of(0, 3, 0xc3, 0x28),
      Uint8Array.of(0, 0, 0x7b, 0x7d),
      v3.encode({ name: 5 } as unknown as V3),
    ];
    for (const bytes of corrupt) expect(codeOf(() => v3.decode(bytes))).toBe("KV_CORRUPT_VALUE");
  });

  test("a failing migration is reported as KV_CORRUPT_VALUE, not a raw exception", () => {
    const strict = defineCodec<{ a: number }>({
      name: "strict",
      version: 2,
      migrations: {
        1: () => {
          throw new TypeError("cannot migrate");
        },
      },
    });
    const old = defineCodec<{ a: number }>({ name: "strict", version: 1 }).encode({ a: 1 });
    expect(codeOf(() => strict.decode(old))).toBe("KV_CORRUPT_VALUE");
  });

  test("the errors are internal, non-public AppErrors", () => {
    let caught: unknown;
    try {
      v1.decode(Uint8Array.of(0, 9, 0x7b, 0x7d));
    } catch (e) {
      caught = e;
    }
    expect(caught).toMatchObject({ name: "AppError", kind: "internal", public: false });
    expect(() => defineCodec({ name: "bad", version: 0 })).toThrow(RangeError);
    expect(() => defineCodec({ name: "bad", version: 65536 })).toThrow(RangeError);
  });
});
