/**
 * MarkMemo: entries live under one change mark; a newer mark empties it; a bound holds.
 * unionMark: the mark of several scopes moves when any of them does.
 */
import { expect, test } from "bun:test";
import { createMemoryBackend } from "../../../src/kv/backends/memory.ts";
import { Subspace } from "../../../src/kv/keyspace.ts";
import { MarkMemo, unionMark } from "../../../src/kv/mark-memo.ts";
import { createKvStore } from "../../../src/kv/store.ts";
import { FakeClock } from "../../../src/lib/clock.ts";

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

test("unionMark moves when a write lands under any of its scopes, not elsewhere; none without marks", async () => {
  const kv = createKvStore(createMemoryBackend(), { clock: new FakeClock() });
  const a = new Subspace(["union-a"]);
  const b = new Subspace(["union-b"]);
  const scopes = [a.prefix, b.prefix];
  const m0 = unionMark(kv, scopes) as number;
  expect(typeof m0).toBe("number");
  await kv.transact(async (tx) => tx.set(new Subspace(["union-c"]).key(1), new Uint8Array(1)));
  expect(unionMark(kv, scopes)).toBe(m0);
  await kv.transact(async (tx) => tx.set(b.key(1), new Uint8Array(1)));
  const m1 = unionMark(kv, scopes) as number;
  expect(m1).toBeGreaterThan(m0);
  await kv.transact(async (tx) => tx.set(a.key(1), new Uint8Array(1)));
  expect(unionMark(kv, scopes) as number).toBeGreaterThan(m1);
  expect(unionMark({}, scopes)).toBeUndefined();
  expect(unionMark(kv, [])).toBeUndefined();
  await kv.close();
});
