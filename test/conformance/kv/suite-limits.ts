/**
 * KV conformance, limits and failures: too_large, timeout, close, and (on backends that have
 * it) fault injection.
 * Part of the suite run by test/conformance/kv/suite.ts.
 */
import { describe, expect, test } from "bun:test";
import type { MemoryFaults } from "../../../src/kv/backends/memory.ts";
import { encodeI64LE, type KvBackend, type Transaction } from "../../../src/kv/types.ts";
import { readInt, rejectsWith, type SuiteContext, sp, text, v } from "./suite-helpers.ts";

/** A key of `n` bytes inside the suite's subspace. */
function padded(n: number): Uint8Array {
  const key = new Uint8Array(n);
  key.set(sp.key("pad"));
  return key;
}

export function limitTests(ctx: SuiteContext): void {
  const { open, clock, name, capabilities } = ctx;
  describe("limits give too_large at the offending call", () => {
    const cases: [string, (tx: Transaction) => void][] = [
      ["key over 1 KB", (tx) => tx.set(padded(1025), v("x"))],
      ["value over 90 KB", (tx) => tx.set(sp.key("big"), new Uint8Array(90 * 1024 + 1))],
      ["atomicAdd key over 1 KB", (tx) => tx.atomicAdd(padded(2000), 1)],
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
      // Inside the suite's subspace (the FoundationDB run touches nothing else): its prefix, padded
      // to exactly 1 KB.
      const prefix = sp.key("max");
      const key = new Uint8Array(1024).fill(7);
      key.set(prefix);
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
}
