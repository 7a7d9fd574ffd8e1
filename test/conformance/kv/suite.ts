/**
 * The KV conformance suite: one set of tests every backend must pass, through the real `KvStore`
 * wrapper (`createKvStore`). Each backend has a tiny test file that calls `runKvConformance` with a
 * factory for a fresh, empty backend. Tests that need fault injection are skipped, visibly, on
 * backends whose `capabilities.faultInjection` is false.
 */
import { afterEach, describe, expect, test } from "bun:test";
import type { MemoryFaults } from "../../../src/kv/backends/memory.ts";
import { Subspace, strinc } from "../../../src/kv/keyspace.ts";
import { createKvStore, type ObservableKvStore } from "../../../src/kv/store.ts";
import {
  type BackendCapabilities,
  decodeI64LE,
  encodeI64LE,
  type KvBackend,
  type KvErrorCode,
  type Transaction,
} from "../../../src/kv/types.ts";
import { type Clock, systemClock } from "../../../src/lib/clock.ts";

export type BackendFactory = () => KvBackend | Promise<KvBackend>;

const enc = new TextEncoder();
const dec = new TextDecoder();
const sp = new Subspace(["conformance"]);
const v = (s: string) => enc.encode(s);
const text = (b: Uint8Array | undefined) => (b === undefined ? undefined : dec.decode(b));

/** A clock whose monotonic time a test can jump forward, sleeping for real. */
function jumpingClock(): Clock & { jump(ms: number): void } {
  let offset = 0;
  return {
    now: () => systemClock.now() + offset,
    monotonic: () => systemClock.monotonic() + offset,
    sleep: (ms, signal) => systemClock.sleep(ms, signal),
    jump: (ms) => {
      offset += ms;
    },
  };
}

async function rejectsWith(p: Promise<unknown>, code: KvErrorCode): Promise<void> {
  let caught: unknown;
  try {
    await p;
  } catch (e) {
    caught = e;
  }
  expect(caught).toMatchObject({ name: "KvError", code });
}

async function readInt(tx: Transaction, key: Uint8Array): Promise<number> {
  return Number(decodeI64LE(await tx.get(key)));
}

export function runKvConformance(
  name: string,
  makeStore: BackendFactory,
  capabilities: Pick<BackendCapabilities, "faultInjection">,
): void {
  describe(`KV conformance: ${name}`, () => {
    let opened: { store: ObservableKvStore; backend: KvBackend }[] = [];
    const clock = jumpingClock();

    async function open() {
      const backend = await makeStore();
      const store = createKvStore(backend, { clock });
      opened.push({ store, backend });
      // Persistent backends (FoundationDB) keep data between tests: start from an empty subspace.
      await store.transact(async (tx) => tx.clearRange(sp.prefix, strinc(sp.prefix)));
      return { store, backend };
    }

    afterEach(async () => {
      for (const o of opened) await o.store.close();
      opened = [];
    });

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
      await Promise.all(
        Array.from({ length: 60 }, (_, i) => (i % 5 === 0 ? audit() : transfer(i))),
      );
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
        tx.addReadConflictRange(...sp.range("guard"));
        if (runs === 1) await store.transact(async (t2) => t2.set(sp.key("guard", 1), v("x")));
        tx.set(sp.key("guarded"), v("y"));
      });
      expect(runs).toBe(2);
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

    describe("limits give too_large at the offending call", () => {
      const cases: [string, (tx: Transaction) => void][] = [
        ["key over 1 KB", (tx) => tx.set(new Uint8Array(1025), v("x"))],
        ["value over 90 KB", (tx) => tx.set(sp.key("big"), new Uint8Array(90 * 1024 + 1))],
        ["atomicAdd key over 1 KB", (tx) => tx.atomicAdd(new Uint8Array(2000), 1)],
        [
          "over 1 MB written in one transaction",
          (tx) => {
            for (let i = 0; i < 12; i++) tx.set(sp.key("chunk", i), new Uint8Array(90 * 1024));
          },
        ],
      ];
      for (const [label, write] of cases) {
        test(label, async () => {
          const { store } = await open();
          let thrown: unknown;
          let runs = 0;
          const p = store.transact(async (tx) => {
            runs++;
            try {
              write(tx);
            } catch (e) {
              thrown = e;
            }
          });
          await rejectsWith(p, "too_large");
          expect(thrown).toMatchObject({ name: "KvError", code: "too_large" });
          expect(runs).toBe(1);
          const any = await store.transact((tx) => tx.getRange(...sp.range()));
          expect(any).toEqual([]);
        });
      }

      test("exactly at the limits is accepted", async () => {
        const { store } = await open();
        const key = new Uint8Array(1024).fill(7);
        await store.transact(async (tx) => tx.set(key, new Uint8Array(90 * 1024)));
        expect((await store.transact((tx) => tx.get(key)))?.length).toBe(90 * 1024);
      });
    });

    test("an attempt longer than 1 s fails at commit with timeout (retried once) and writes nothing", async () => {
      const { store } = await open();
      let runs = 0;
      const p = store.transact(async (tx) => {
        runs++;
        tx.set(sp.key("slow"), v("x"));
        clock.jump(1001);
      });
      await rejectsWith(p, "timeout");
      expect(runs).toBe(2);
      expect(await store.transact((tx) => tx.get(sp.key("slow")))).toBeUndefined();
      // A body that is slow only once succeeds on the retry.
      runs = 0;
      await store.transact(async (tx) => {
        if (++runs === 1) clock.jump(1500);
        tx.set(sp.key("slow"), v("y"));
      });
      expect(runs).toBe(2);
      expect(text(await store.transact((tx) => tx.get(sp.key("slow"))))).toBe("y");
    });

    test("close makes later calls reject with unavailable", async () => {
      const { store } = await open();
      await store.transact(async (tx) => tx.set(sp.key("c"), v("1")));
      await store.close();
      await store.close();
      await rejectsWith(
        store.transact((tx) => tx.get(sp.key("c"))),
        "unavailable",
      );
    });

    describe("fault injection", () => {
      const skip = !capabilities.faultInjection;
      const reason = skip ? ` (skipped: the ${name} backend has no fault injection)` : "";
      const faultsOf = (b: KvBackend) => (b as KvBackend & { faults: MemoryFaults }).faults;

      for (const applied of [true, false]) {
        test.skipIf(skip)(
          `an idempotent body retried after unknown_result (${applied ? "applied" : "not applied"}) has no duplicated effect${reason}`,
          async () => {
            const { store, backend } = await open();
            const marker = sp.key("op", "req-1");
            const counter = sp.key("op-count");
            faultsOf(backend).unknownResultNextCommit({ applied });
            let runs = 0;
            await store.transact(async (tx) => {
              runs++;
              if (await tx.get(marker)) return;
              tx.set(marker, v("done"));
              tx.set(counter, encodeI64LE((await readInt(tx, counter)) + 1));
            });
            expect(runs).toBe(2);
            expect(await store.transact((tx) => readInt(tx, counter))).toBe(1);
            expect(store.stats().unknownResults).toBe(1);
          },
        );
      }

      test.skipIf(skip)(
        `forced conflicts are retried, then give up at maxAttempts${reason}`,
        async () => {
          const { store, backend } = await open();
          faultsOf(backend).conflictNextCommits(3);
          let runs = 0;
          await store.transact(async (tx) => {
            runs++;
            tx.set(sp.key("forced"), v("ok"));
          });
          expect(runs).toBe(4);
          faultsOf(backend).conflictNextCommits(5);
          await rejectsWith(
            store.transact(async (tx) => tx.set(sp.key("forced"), v("no")), { maxAttempts: 3 }),
            "conflict",
          );
          expect(text(await store.transact((tx) => tx.get(sp.key("forced"))))).toBe("ok");
        },
      );
    });
  });
}
