/** MarkMemo: entries live under one change mark; a newer mark empties it; a bound holds. */
import { expect, test } from "bun:test";
import { MarkMemo } from "../../../src/kv/mark-memo.ts";

test("an entry is returned only under the mark it was kept under", () => {
  const m = new MarkMemo<string>(10);
  m.set(3, "a", "A");
  expect(m.get(3, "a")).toBe("A");
  expect(m.get(4, "a")).toBeUndefined();
  expect(m.get(undefined, "a")).toBeUndefined();
  expect(m.get(3, "b")).toBeUndefined();
});

test("a newer mark empties the memo; an older one is not kept", () => {
  const m = new MarkMemo<string>(10);
  m.set(3, "a", "A");
  m.set(5, "b", "B");
  expect(m.size).toBe(1);
  expect(m.get(5, "a")).toBeUndefined();
  expect(m.get(5, "b")).toBe("B");
  // Taken under an older mark (reads before the latest commit seen): useless, dropped.
  m.set(4, "c", "C");
  expect(m.get(5, "c")).toBeUndefined();
  expect(m.get(4, "c")).toBeUndefined();
  expect(m.get(5, "b")).toBe("B");
  // No mark (a backend that cannot tell): nothing kept.
  m.set(undefined, "d", "D");
  expect(m.size).toBe(1);
});

test("at most `capacity` entries; replacing one is still allowed", () => {
  const m = new MarkMemo<number>(2);
  m.set(1, "a", 1);
  m.set(1, "b", 2);
  m.set(1, "c", 3);
  expect(m.size).toBe(2);
  expect(m.get(1, "c")).toBeUndefined();
  m.set(1, "a", 9);
  expect(m.get(1, "a")).toBe(9);
});
