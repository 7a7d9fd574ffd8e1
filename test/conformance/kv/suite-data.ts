/**
 * KV conformance, data operations: read-your-writes, atomic adds, ordered ranges, clears,
 * versionstamps.
 * Part of the suite run by test/conformance/kv/suite.ts.
 */
import { expect, test } from "bun:test";
import { strinc } from "../../../src/kv/keyspace.ts";
import { readInt, type SuiteContext, sp, text, v } from "./suite-helpers.ts";

export function dataTests(ctx: SuiteContext): void {
  const { open } = ctx;
  test("read-your-writes: a transaction sees its own sets and clears", async () => {
    const { store } = await open();
    await store.transact(async (tx) => tx.set(sp.key("gone"), v("x")));
    const seen = await store.transact(async (tx) => {
      expect(await tx.get(sp.key("a"))).toBeUndefined();
      tx.set(sp.key("a"), v("1"));
      tx.clear(sp.key("gone"));
      return [text(await tx.get(sp.key("a"))), text(await tx.get(sp.key("gone")))];
    });
    expect(seen).toStrictEqual(["1", undefined]);
    const after = await store.transact(async (tx) => [
      text(await tx.get(sp.key("a"))),
      await tx.get(sp.key("gone")),
    ]);
    expect(after).toStrictEqual(["1", undefined]);
  });

  test("a failed body writes nothing and its error propagates unchanged, without retry", async () => {
    const { store } = await open();
    const boom = new Error("boom");
    let runs = 0;
    const p = store.transact(async (tx) => {
      runs++;
      tx.set(sp.key("never"), v("x"));
      throw boom;
    });
    await expect(p).rejects.toBe(boom);
    expect(runs).toBe(1);
    expect(await store.transact((tx) => tx.get(sp.key("never")))).toBeUndefined();
  });

  test("N concurrent atomic adds give exactly N, without conflicts", async () => {
    const { store } = await open();
    const k = sp.key("adds");
    const n = 50;
    await Promise.all(
      Array.from({ length: n }, () => store.transact(async (tx) => tx.atomicAdd(k, 1))),
    );
    await store.transact(async (tx) => tx.atomicAdd(k, -3n));
    expect(await store.transact((tx) => readInt(tx, k))).toBe(n - 3);
    expect(store.stats().conflicts).toBe(0);
    const own = await store.transact(async (tx) => {
      tx.atomicAdd(k, 10);
      return readInt(tx, k);
    });
    expect(own).toBe(n + 7);
  });

  test("range reads are ordered, honour limit and reverse, and merge own writes and clears", async () => {
    const { store } = await open();
    const r = sp.sub("range");
    await store.transact(async (tx) => {
      for (const n of [1, 3, 5, 7, 9, -2]) tx.set(r.key(n), v(`c${n}`));
    });
    const got = await store.transact(async (tx) => {
      tx.set(r.key(4), v("own4"));
      tx.clear(r.key(3));
      tx.clearRange(r.key(7), r.key(9));
      tx.set(r.key(8), v("own8"));
      tx.set(r.key(1), v("own1"));
      const read = async (o?: { limit?: number; reverse?: boolean }) =>
        (await tx.getRange(...r.range(), o)).map(
          (kv) => `${r.unpack(kv.key)[0]}=${text(kv.value)}`,
        );
      return {
        all: await read(),
        rev: await read({ reverse: true }),
        lim: await read({ limit: 3 }),
        revLim: await read({ limit: 2, reverse: true }),
        bounded: (await tx.getRange(r.key(3), r.key(8))).map((kv) => r.unpack(kv.key)[0]),
      };
    });
    expect(got.all).toEqual(["-2=c-2", "1=own1", "4=own4", "5=c5", "8=own8", "9=c9"]);
    expect(got.rev).toEqual([...got.all].reverse());
    expect(got.lim).toEqual(got.all.slice(0, 3));
    expect(got.revLim).toEqual(["9=c9", "8=own8"]);
    expect(got.bounded).toEqual([4, 5]);
    const committed = await store.transact(async (tx) =>
      (await tx.getRange(...r.range())).map((kv) => r.unpack(kv.key)[0]),
    );
    expect(committed).toEqual([-2, 1, 4, 5, 8, 9]);
  });

  test("clearRange removes exactly [begin, end)", async () => {
    const { store } = await open();
    const r = sp.sub("clr");
    await store.transact(async (tx) => {
      for (let n = 0; n < 10; n++) tx.set(r.key(n), v(String(n)));
      tx.set(sp.key("clr-outside"), v("keep"));
    });
    await store.transact(async (tx) => tx.clearRange(r.key(2), r.key(6)));
    const left = await store.transact(async (tx) =>
      (await tx.getRange(...r.range())).map((kv) => r.unpack(kv.key)[0]),
    );
    expect(left).toEqual([0, 1, 6, 7, 8, 9]);
    await store.transact(async (tx) => tx.clearRange(...r.range()));
    const rest = await store.transact(async (tx) => ({
      inside: (await tx.getRange(...r.range())).length,
      outside: text(await tx.get(sp.key("clr-outside"))),
    }));
    expect(rest).toEqual({ inside: 0, outside: "keep" });
  });

  test("versionstamped keys and values sort in commit order across transactions", async () => {
    const { store } = await open();
    const log = sp.sub("vs");
    const stamps: Uint8Array[] = [];
    for (const label of ["first", "second", "third"]) {
      let stamp: Promise<Uint8Array> | undefined;
      await store.transact(async (tx) => {
        tx.setVersionstampedKey(log.prefix, v(`/${label}`), v(label));
        tx.setVersionstampedValue(sp.key("vs-last"), v("at:"));
        stamp = tx.getVersionstamp();
      });
      stamps.push(await stamp!);
    }
    for (const s of stamps) expect(s.length).toBe(10);
    const sorted = [...stamps].sort((a, b) => Buffer.compare(a, b));
    expect(sorted).toEqual(stamps);
    expect(new Set(stamps.map((s) => Buffer.from(s).toString("hex"))).size).toBe(3);
    const entries = await store.transact((tx) => tx.getRange(log.prefix, strinc(log.prefix)));
    expect(entries.map((kv) => text(kv.value))).toEqual(["first", "second", "third"]);
    entries.forEach((kv, i) => {
      expect(kv.key.subarray(log.prefix.length, log.prefix.length + 10)).toEqual(stamps[i]!);
    });
    const last = await store.transact((tx) => tx.get(sp.key("vs-last")));
    expect(last).toEqual(new Uint8Array([...v("at:"), ...stamps[2]!]));
  });

  test("concurrent versionstamped writes get distinct stamps, in commit order", async () => {
    const { store } = await open();
    const log = sp.sub("vs-concurrent");
    const stamps = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        let stamp: Promise<Uint8Array> | undefined;
        await store.transact(async (tx) => {
          tx.setVersionstampedKey(log.prefix, new Uint8Array(0), Uint8Array.of(i));
          stamp = tx.getVersionstamp();
        });
        return Buffer.from(await stamp!).toString("hex");
      }),
    );
    expect(new Set(stamps).size).toBe(20);
    const rows = await store.transact((tx) => tx.getRange(log.prefix, strinc(log.prefix)));
    const keyStamps = rows.map((kv) =>
      Buffer.from(kv.key.subarray(log.prefix.length)).toString("hex"),
    );
    expect(keyStamps).toEqual([...stamps].sort());
  });
}
