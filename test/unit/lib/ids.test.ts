/** Snowflake ids (api.md A1): uniqueness, order, overflow, clock steps, layout, `isId`. */
import { describe, expect, test } from "bun:test";
import { type Clock, FakeClock, systemClock } from "../../../src/lib/clock.ts";
import {
  compareIds,
  decodeId,
  isId,
  MAX_WORKER_ID,
  SNOWFLAKE_EPOCH_MS,
  SnowflakeGenerator,
} from "../../../src/lib/ids.ts";

function assertStrictlyIncreasing(ids: string[]) {
  expect(new Set(ids).size).toBe(ids.length);
  for (let i = 1; i < ids.length; i++) {
    const prev = ids[i - 1] as string;
    const cur = ids[i] as string;
    if (!(BigInt(cur) > BigInt(prev))) throw new Error(`id ${i} (${cur}) <= previous (${prev})`);
  }
}

describe("SnowflakeGenerator", () => {
  test("100k ids on the system clock are unique and strictly increasing", () => {
    const gen = new SnowflakeGenerator({ workerId: 7, clock: systemClock });
    const ids = Array.from({ length: 100_000 }, () => gen.next());
    assertStrictlyIncreasing(ids);
    for (const id of ids.slice(0, 100)) expect(isId(id)).toBe(true);
  });

  test("layout is 41 bits of ms since 2024-01-01, 10 bits of worker, 12 bits of sequence", () => {
    const clock = new FakeClock(SNOWFLAKE_EPOCH_MS + 123_456);
    const gen = new SnowflakeGenerator({ workerId: 1023, clock });
    const a = BigInt(gen.next());
    const b = BigInt(gen.next());
    expect(a >> 22n).toBe(123_456n);
    expect((a >> 12n) & 0x3ffn).toBe(1023n);
    expect(a & 0xfffn).toBe(0n);
    expect(b & 0xfffn).toBe(1n);
    expect(decodeId(a.toString())).toEqual({
      timestampMs: SNOWFLAKE_EPOCH_MS + 123_456,
      workerId: 1023,
      sequence: 0,
    });
    // 41 bits of milliseconds: the top bit of an int64 stays clear for ~69 years.
    const late = new SnowflakeGenerator({
      workerId: 0,
      clock: new FakeClock(SNOWFLAKE_EPOCH_MS + 2 ** 41 - 1),
    });
    expect(isId(late.next())).toBe(true);
  });

  test("sequence overflow within one millisecond waits for the clock's next millisecond", () => {
    let calls = 0;
    const base = SNOWFLAKE_EPOCH_MS + 5_000;
    // The clock ticks one millisecond only after it has been read 4096 + 10 times.
    const clock: Clock = {
      now: () => (++calls > 4106 ? base + 1 : base),
      monotonic: () => 0,
      sleep: () => Promise.resolve(),
    };
    const gen = new SnowflakeGenerator({ workerId: 3, clock });
    const ids = Array.from({ length: 4097 }, () => gen.next());
    assertStrictlyIncreasing(ids);
    expect(decodeId(ids[4095] as string)).toMatchObject({ timestampMs: base, sequence: 4095 });
    expect(decodeId(ids[4096] as string)).toMatchObject({ timestampMs: base + 1, sequence: 0 });
    expect(calls).toBeGreaterThan(4106); // it polled the clock until the millisecond changed
  });

  test("a wall clock stepped backwards never yields a duplicate or a smaller id", () => {
    const clock = new FakeClock(SNOWFLAKE_EPOCH_MS + 1_000_000);
    const gen = new SnowflakeGenerator({ workerId: 42, clock });
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) {
      ids.push(gen.next());
      clock.advance(1);
    }
    clock.setWall(SNOWFLAKE_EPOCH_MS + 999_000); // NTP step back by a second
    for (let i = 0; i < 5_000; i++) ids.push(gen.next());
    clock.setWall(SNOWFLAKE_EPOCH_MS + 2_000_000);
    ids.push(gen.next());
    assertStrictlyIncreasing(ids);
    expect(decodeId(ids.at(-1) as string).timestampMs).toBe(SNOWFLAKE_EPOCH_MS + 2_000_000);
  });

  test("a frozen fake clock still gives unique increasing ids past 4096 per millisecond", () => {
    const gen = new SnowflakeGenerator({ workerId: 1, clock: new FakeClock() });
    const ids = Array.from({ length: 20_000 }, () => gen.next());
    assertStrictlyIncreasing(ids);
    expect(new Set(ids.map((id) => decodeId(id).workerId))).toEqual(new Set([1]));
  });

  test("two workers at the same instant never collide", () => {
    const clock = new FakeClock();
    const a = new SnowflakeGenerator({ workerId: 1, clock });
    const b = new SnowflakeGenerator({ workerId: 2, clock });
    const ids = [
      ...Array.from({ length: 5000 }, () => a.next()),
      ...Array.from({ length: 5000 }, () => b.next()),
    ];
    expect(new Set(ids).size).toBe(10_000);
  });

  test("worker id must be an integer in 0..1023", () => {
    for (const bad of [-1, 1024, 1.5, Number.NaN]) {
      expect(() => new SnowflakeGenerator({ workerId: bad, clock: systemClock })).toThrow(
        RangeError,
      );
    }
    expect(new SnowflakeGenerator({ workerId: MAX_WORKER_ID, clock: systemClock }).workerId).toBe(
      1023,
    );
  });
});

describe("isId", () => {
  test.each([
    ["1", true],
    ["999999999999999999", true],
    ["9223372036854775807", true],
    ["9223372036854775808", false],
    ["99999999999999999999", false],
    ["0", false],
    ["01", false],
    ["-1", false],
    ["+1", false],
    ["1.0", false],
    ["1e3", false],
    [" 1", false],
    ["1 ", false],
    ["", false],
    ["١٢٣", false],
    ["１２３", false],
    ["0x10", false],
  ])("isId(%p) is %p", (s, ok) => {
    expect(isId(s)).toBe(ok);
  });

  test("non-strings are refused", () => {
    for (const v of [1, 1n, null, undefined, {}, ["1"]]) expect(isId(v)).toBe(false);
  });

  test("compareIds orders numerically, not lexicographically", () => {
    expect(compareIds("9", "10")).toBe(-1);
    expect(compareIds("10", "9")).toBe(1);
    expect(compareIds("123", "123")).toBe(0);
  });
});
