/**
 * KV conformance, isolation: conflicts (point, range, deletion, explicit), snapshot reads,
 * consistent reads, concurrent serialisation.
 * Part of the suite run by test/conformance/kv/suite.ts.
 */
import { expect, test } from "bun:test";
import { decodeI64LE, encodeI64LE } from "../../../src/kv/types.ts";
import { readInt, rejectsWith, type SuiteContext, sp, text, v } from "./suite-helpers.ts";

export function isolationTests(ctx: SuiteContext): void {
  const { open } = ctx;
  test("the change mark stays while nothing commits and moves with every commit that writes", async () => {
    const { store, backend } = await open();
    const k = sp.key("mark");
    const m0 = store.changeMark?.();
    if (backend.name === "foundationdb") {
      // FoundationDB cannot tell without a read: no mark, so nothing is kept on one.
      expect(m0).toBeUndefined();
      return;
    }
    expect(typeof m0).toBe("number");
    expect(store.changeMark?.()).toBe(m0);
    // Reads and read-only commits leave it.
    await store.transact(async (tx) => tx.get(k));
    expect(store.changeMark?.()).toBe(m0);
    await store.transact(async (tx) => tx.set(k, v("a")));
    const m1 = store.changeMark?.();
    expect(m1).not.toBe(m0);
    expect(store.changeMark?.()).toBe(m1);
    // Concurrent writers: each commit moves it, and a mark seen before one never comes back.
    const seen = new Set([m0, m1]);
    for (let i = 0; i < 5; i++) {
      await Promise.all([
        store.transact(async (tx) => tx.set(sp.key("mark", i, "x"), v("x"))),
        store.transact(async (tx) => tx.set(sp.key("mark", i, "y"), v("y"))),
      ]);
      const m = store.changeMark?.();
      expect(seen.has(m)).toBe(false);
      seen.add(m);
    }
    await store.close();
    expect(store.changeMark?.()).toBeUndefined();
  });

  test("a scoped change mark moves with every commit that writes under its scope, and only grows", async () => {
    const { store, backend } = await open();
    const scope = sp.sub("scoped", "in");
    const inside = scope.key("k");
    const outside = sp.key("scoped", "out");
    const mark = () => store.changeMark?.(scope.prefix);
    if (backend.name === "foundationdb") {
      expect(mark()).toBeUndefined();
      return;
    }
    let m = mark();
    expect(typeof m).toBe("number");
    const moved = async (write: Parameters<typeof store.transact>[0]) => {
      const before = m as number;
      await store.transact(write);
      m = mark();
      return (m as number) > before;
    };
    // Every kind of write under the scope moves it.
    expect(await moved(async (tx) => tx.set(inside, v("a")))).toBe(true);
    expect(await moved(async (tx) => tx.atomicAdd(scope.key("n"), 1))).toBe(true);
    expect(await moved(async (tx) => tx.clear(inside))).toBe(true);
    expect(await moved(async (tx) => tx.clearRange(sp.key("scoped"), sp.key("scoped", "z")))).toBe(
      true,
    );
    expect(
      await moved(async (tx) => tx.setVersionstampedKey(scope.prefix, new Uint8Array(0), v("s"))),
    ).toBe(true);
    // A commit that writes both sides moves it; reads and read-only commits never do.
    expect(
      await moved(async (tx) => {
        tx.set(outside, v("o"));
        tx.set(scope.key("both"), v("b"));
      }),
    ).toBe(true);
    expect(await moved(async (tx) => tx.get(inside))).toBe(false);
    // This store's own commits elsewhere leave it (the memory backend and a SQLite connection see
    // their own commits' keys), while the unscoped mark moves with them.
    const all = store.changeMark?.();
    expect(await moved(async (tx) => tx.set(outside, v("x")))).toBe(false);
    expect(
      await moved(async (tx) => tx.clearRange(sp.key("scoped", "p"), sp.key("scoped", "q"))),
    ).toBe(false);
    expect(store.changeMark?.()).not.toBe(all);
    // The larger of two scopes' marks moves when either does.
    const other = sp.sub("scoped", "other");
    const union = () => Math.max(mark() as number, store.changeMark?.(other.prefix) as number);
    const u0 = union();
    await store.transact(async (tx) => tx.set(other.key("k"), v("k")));
    expect(union()).toBeGreaterThan(u0);
    await store.close();
    expect(mark()).toBeUndefined();
  });

  test("two transactions that read and write the same key cannot both commit", async () => {
    const { store } = await open();
    const k = sp.key("rmw");
    await store.transact(async (tx) => tx.set(k, encodeI64LE(0)));
    const seenByLoser: number[] = [];
    await store.transact(async (tx) => {
      const mine = await readInt(tx, k);
      seenByLoser.push(mine);
      if (seenByLoser.length === 1) {
        // The winner reads and writes the same key and commits while we are in flight.
        await store.transact(async (t2) => t2.set(k, encodeI64LE((await readInt(t2, k)) + 1)));
      }
      tx.set(k, encodeI64LE(mine + 1));
    });
    expect(seenByLoser).toEqual([0, 1]);
    expect(await store.transact((tx) => readInt(tx, k))).toBe(2);
    expect(store.stats().conflicts).toBe(1);
  });

  test("concurrent read-modify-write increments are serialised", async () => {
    const { store } = await open();
    const k = sp.key("counter");
    const n = 20;
    await Promise.all(
      Array.from({ length: n }, () =>
        store.transact(async (tx) => tx.set(k, encodeI64LE((await readInt(tx, k)) + 1))),
      ),
    );
    expect(await store.transact((tx) => readInt(tx, k))).toBe(n);
  });

  test("concurrent transfers keep the total, and every reader sees a consistent total", async () => {
    const { store } = await open();
    const acct = sp.sub("acct");
    const accounts = 8;
    await store.transact(async (tx) => {
      for (let a = 0; a < accounts; a++) tx.set(acct.key(a), encodeI64LE(100));
    });
    const totals: number[] = [];
    const transfer = (i: number) =>
      store.transact(async (tx) => {
        const from = acct.key(i % accounts);
        const to = acct.key((i * 3 + 1) % accounts);
        const a = await readInt(tx, from);
        await Promise.resolve();
        const b = await readInt(tx, to);
        if (from.toString() === to.toString()) return;
        tx.set(from, encodeI64LE(a - 7));
        tx.set(to, encodeI64LE(b + 7));
      });
    const audit = () =>
      store.transact(async (tx) => {
        const rows = await tx.getRange(...acct.range());
        totals.push(rows.reduce((sum, kv) => sum + Number(decodeI64LE(kv.value)), 0));
      });
    await Promise.all(Array.from({ length: 60 }, (_, i) => (i % 5 === 0 ? audit() : transfer(i))));
    await audit();
    expect(totals.length).toBe(13);
    expect(new Set(totals)).toEqual(new Set([accounts * 100]));
  });

  test("snapshot reads add no read conflicts", async () => {
    const { store } = await open();
    const k = sp.key("snap");
    let runs = 0;
    await store.transact(async (tx) => {
      runs++;
      expect(await tx.snapshot.get(k)).toBeUndefined();
      await tx.snapshot.getRange(...sp.range());
      if (runs === 1) await store.transact(async (t2) => t2.set(k, v("other")));
      tx.set(sp.key("elsewhere"), v("mine"));
    });
    expect(runs).toBe(1);
    expect(store.stats().conflicts).toBe(0);
  });

  test("a conflicting range read makes a later insert into the range conflict", async () => {
    const { store } = await open();
    const items = sp.sub("items");
    let runs = 0;
    const count = await store.transact(async (tx) => {
      runs++;
      const all = await tx.getRange(...items.range());
      if (runs === 1) await store.transact(async (t2) => t2.set(items.key(5), v("new")));
      tx.set(sp.key("count"), encodeI64LE(all.length));
      return all.length;
    });
    expect(runs).toBe(2);
    expect(count).toBe(1);
  });

  test("a range read with a limit conflicts only on the part it returned", async () => {
    const { store } = await open();
    const items = sp.sub("limited");
    await store.transact(async (tx) => {
      for (let n = 1; n <= 5; n++) tx.set(items.key(n), v(String(n)));
    });
    let runs = 0;
    await store.transact(async (tx) => {
      runs++;
      await tx.get(sp.key("limited-first")); // fixes the read version
      if (runs === 1) await store.transact(async (t2) => t2.set(items.key(5), v("changed")));
      const firstTwo = await tx.getRange(...items.range(), { limit: 2 });
      expect(firstTwo.map((kv) => text(kv.value))).toEqual(["1", "2"]);
      tx.set(sp.key("limited-result"), v("ok"));
    });
    expect(runs).toBe(1);
    // The same read without a limit covers key 5 and does conflict.
    runs = 0;
    await store.transact(async (tx) => {
      runs++;
      await tx.get(sp.key("limited-first"));
      if (runs === 1) await store.transact(async (t2) => t2.set(items.key(5), v("again")));
      await tx.getRange(...items.range());
      tx.set(sp.key("limited-result"), v("all"));
    });
    expect(runs).toBe(2);
  });

  test("a conflicting read of a key deleted meanwhile conflicts", async () => {
    const { store } = await open();
    const k = sp.key("doomed");
    await store.transact(async (tx) => tx.set(k, v("here")));
    const seen: (string | undefined)[] = [];
    await store.transact(async (tx) => {
      seen.push(text(await tx.get(k)));
      if (seen.length === 1) await store.transact(async (t2) => t2.clear(k));
      tx.set(sp.key("saw"), v(String(seen.at(-1))));
    });
    expect(seen).toStrictEqual(["here", undefined]);
  });

  test("conflicting reads never see a torn state (an invariant across keys holds)", async () => {
    const { store } = await open();
    const a = sp.key("pair", "a");
    const b = sp.key("pair", "b");
    await store.transact(async (tx) => {
      tx.set(a, v("1"));
      tx.set(b, v("1"));
    });
    let runs = 0;
    const seen = await store.transact(async (tx) => {
      runs++;
      const first = text(await tx.get(a));
      if (runs === 1) {
        await store.transact(async (t2) => {
          t2.set(a, v("2"));
          t2.set(b, v("2"));
        });
      }
      const second = text(await tx.get(b));
      if (first !== second) throw new Error(`torn read: a=${first} b=${second}`);
      tx.set(sp.key("pair", "copy"), v(`${first}`));
      return first;
    });
    // Either the snapshot of the first attempt (1) or, after a retry, the new state (2).
    expect(["1", "2"]).toContain(seen!);
  });

  test("a body that swallows a read's error still cannot commit on that read", async () => {
    const { store } = await open();
    const items = sp.sub("swallow");
    let runs = 0;
    await store.transact(async (tx) => {
      runs++;
      await tx.get(sp.key("swallow-first")); // fixes the read version
      if (runs === 1) await store.transact(async (t2) => t2.set(items.key(1), v("new")));
      try {
        await tx.getRange(...items.range());
      } catch {
        // A careless body: whatever the read reported, it goes on to write.
      }
      tx.set(sp.key("swallow-result"), v(String(runs)));
    });
    expect(runs).toBe(2);
  });

  test("addReadConflictRange conflicts with a write in the range", async () => {
    const { store } = await open();
    let runs = 0;
    await store.transact(async (tx) => {
      runs++;
      // A read first: it fixes the read version (FoundationDB takes one at the first read, or at
      // commit when the body never reads; see the next test).
      await tx.get(sp.key("guard-anchor"));
      tx.addReadConflictRange(...sp.range("guard"));
      if (runs === 1) await store.transact(async (t2) => t2.set(sp.key("guard", 1), v("x")));
      tx.set(sp.key("guarded"), v("y"));
    });
    expect(runs).toBe(2);
  });

  test("addReadConflictRange in a body that never reads takes its read version at commit", async () => {
    const { store } = await open();
    let runs = 0;
    await store.transact(async (tx) => {
      runs++;
      tx.addReadConflictRange(...sp.range("unread"));
      if (runs === 1) await store.transact(async (t2) => t2.set(sp.key("unread", 1), v("x")));
      tx.set(sp.key("unread-guarded"), v("y"));
    });
    expect(runs).toBe(1);
  });

  test("empty and inverted ranges behave as in FoundationDB", async () => {
    const { store } = await open();
    await store.transact(async (tx) => tx.set(sp.key("r", 5), v("five")));
    const [a, b] = [sp.key("r", 1), sp.key("r", 9)];
    // An empty clear range is a no-op; a transaction whose only write it is commits read-only.
    let stamp: Promise<Uint8Array> | undefined;
    await store.transact(async (tx) => {
      tx.clearRange(a, a);
      stamp = tx.getVersionstamp();
    });
    expect(await stamp).toHaveLength(10);
    // An inverted clear range is an error (FoundationDB's inverted_range, 2005), nothing cleared.
    await rejectsWith(
      store.transact(async (tx) => tx.clearRange(b, a)),
      "unavailable",
    );
    // An inverted or empty read range reads nothing.
    expect(await store.transact((tx) => tx.getRange(b, a))).toEqual([]);
    expect(await store.transact((tx) => tx.getRange(a, a))).toEqual([]);
    expect(await store.transact((tx) => tx.get(sp.key("r", 5)))).toEqual(v("five"));
  });
}
