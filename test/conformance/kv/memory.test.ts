/**
 * Runs the KV conformance suite against the in-memory backend, plus the memory backend's own
 * guarantees: deterministic commit order and seeded random faults, injected latency, version GC.
 */
import { describe, expect, test } from "bun:test";
import { createMemoryBackend } from "../../../src/kv/backends/memory.ts";
import { Subspace } from "../../../src/kv/keyspace.ts";
import { createKvStore } from "../../../src/kv/store.ts";
import { decodeI64LE, encodeI64LE } from "../../../src/kv/types.ts";
import { FakeClock, systemClock } from "../../../src/lib/clock.ts";
import { prng } from "../../support/prng.ts";
import { runKvConformance } from "./suite.ts";

runKvConformance("memory", () => createMemoryBackend(), { faultInjection: true });

const sp = new Subspace(["mem"]);

/** Runs 40 concurrent idempotent increments under random faults; returns what happened. */
async function faultyRun(seed: number) {
  const backend = createMemoryBackend();
  backend.faults.random({ conflict: 0.2, unknownApplied: 0.1, unknownNotApplied: 0.1 }, prng(seed));
  const store = createKvStore(backend, { clock: systemClock, random: prng(seed + 1) });
  const order: number[] = [];
  await Promise.all(
    Array.from({ length: 40 }, (_, i) =>
      store.transact(async (tx) => {
        if (await tx.get(sp.key("done", i))) return;
        tx.set(sp.key("done", i), Uint8Array.of(1));
        const n = decodeI64LE(await tx.get(sp.key("n")));
        tx.set(sp.key("n"), encodeI64LE(n + 1n));
        tx.setVersionstampedKey(sp.key("log"), sp.key(i), Uint8Array.of(i));
      }),
    ),
  );
  const result = await store.transact(async (tx) => ({
    n: decodeI64LE(await tx.get(sp.key("n"))),
    log: (await tx.getRange(...sp.sub("log").range())).map((kv) => kv.value[0]),
  }));
  for (const x of result.log) order.push(x!);
  const counts = backend.faults.counts;
  await store.close();
  return { n: result.n, order, counts, stats: store.stats() };
}

describe("memory backend", () => {
  test("seeded random faults are reproducible and idempotent bodies stay exact", async () => {
    const a = await faultyRun(7);
    const b = await faultyRun(7);
    expect(a.n).toBe(40n);
    expect(a.order.length).toBe(40);
    expect(
      a.counts.conflicts + a.counts.unknownApplied + a.counts.unknownNotApplied,
    ).toBeGreaterThan(0);
    expect(b.counts).toEqual(a.counts);
    expect(b.stats).toEqual(a.stats);
  });

  test("injected latency delays operations on the given clock", async () => {
    const backend = createMemoryBackend();
    const clock = new FakeClock();
    backend.faults.setLatency(50, clock);
    const store = createKvStore(backend, { clock });
    let done = false;
    const p = store
      .transact(async (tx) => tx.get(sp.key("x")))
      .then(() => {
        done = true;
      });
    await Promise.resolve();
    expect(done).toBe(false);
    expect(clock.pendingSleepers).toBe(1);
    clock.advance(50); // the read
    await Bun.sleep(0);
    clock.advance(50); // the commit
    await p;
    expect(done).toBe(true);
  });

  test("no transaction keeps its read version pinned after it ends, however it ends", async () => {
    const backend = createMemoryBackend();
    const store = createKvStore(backend, { clock: systemClock });
    await store.transact(async (tx) => tx.set(sp.key("r"), Uint8Array.of(1)));
    await store.transact((tx) => tx.get(sp.key("r")));
    await expect(
      store.transact(async (tx) => {
        await tx.get(sp.key("r"));
        throw new Error("body failed");
      }),
    ).rejects.toThrow("body failed");
    backend.faults.setDelay((op) =>
      op === "commit" ? Promise.reject(new Error("disk gone")) : undefined,
    );
    await expect(
      store.transact(async (tx) =>
        tx.set(sp.key("r"), encodeI64LE(await tx.get(sp.key("r")).then(() => 2))),
      ),
    ).rejects.toThrow("disk gone");
    backend.faults.reset();
    backend.faults.conflictNextCommits(1);
    await store.transact(async (tx) =>
      tx.set(sp.key("r"), Uint8Array.of((await tx.get(sp.key("r")))![0]! + 1)),
    );
    expect(backend.openReaders).toBe(0);
  });

  test("old versions are collected once no transaction can see them", async () => {
    const backend = createMemoryBackend();
    const store = createKvStore(backend, { clock: systemClock });
    for (let i = 0; i < 200; i++) {
      await store.transact(async (tx) => {
        tx.set(sp.key("hot"), encodeI64LE(i));
        tx.set(sp.key("tmp", i), Uint8Array.of(1));
        if (i > 0) tx.clear(sp.key("tmp", i - 1));
      });
    }
    expect(backend.size).toBe(2);
    expect(backend.version).toBe(200);
  });
});
