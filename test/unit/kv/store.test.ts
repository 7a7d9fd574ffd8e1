/**
 * The KvStore wrapper's own contract, over the real memory backend: backoff through the injected
 * sleep (a real timer by default, so a frozen FakeClock cannot stall a retry), counters, limit overrides, and how a thrown KvError reaches clients (`toPublic`).
 */
import { describe, expect, test } from "bun:test";
import { createMemoryBackend } from "../../../src/kv/backends/memory.ts";
import { Subspace } from "../../../src/kv/keyspace.ts";
import { createKvStore } from "../../../src/kv/store.ts";
import { KvError } from "../../../src/kv/types.ts";
import { type Clock, FakeClock } from "../../../src/lib/clock.ts";
import { toPublic } from "../../../src/lib/errors.ts";

const sp = new Subspace(["store-unit"]);

/** A clock that records every requested sleep and resolves it at once. */
function recordingClock(): Clock & { slept: number[] } {
  let t = 0;
  const slept: number[] = [];
  return {
    slept,
    now: () => t,
    monotonic: () => t,
    sleep: async (ms) => {
      slept.push(ms);
      t += ms;
    },
  };
}

describe("createKvStore", () => {
  test("retries back off exponentially from 2 ms to a 200 ms cap through backoffSleep", async () => {
    const backend = createMemoryBackend();
    const clock = recordingClock();
    const store = createKvStore(backend, {
      clock,
      random: () => 0.999999,
      backoffSleep: (ms) => clock.sleep(ms),
    });
    backend.faults.conflictNextCommits(10);
    await store.transact(async (tx) => tx.set(sp.key("k"), Uint8Array.of(1)));
    expect(clock.slept.map(Math.round)).toEqual([2, 4, 8, 16, 32, 64, 128, 200, 200, 200]);
    const jittered = createKvStore(createMemoryBackend(), {
      clock: recordingClock(),
      random: () => 0,
    });
    expect(jittered.stats().attempts).toBe(0);
  });

  test("jitter keeps each delay between half and all of the nominal backoff", async () => {
    const backend = createMemoryBackend();
    const clock = recordingClock();
    const store = createKvStore(backend, {
      clock,
      random: () => 0,
      backoffSleep: (ms) => clock.sleep(ms),
    });
    backend.faults.conflictNextCommits(3);
    await store.transact(async (tx) => tx.set(sp.key("k"), Uint8Array.of(1)));
    expect(clock.slept).toEqual([1, 2, 4]);
  });

  test("a retried transaction completes even when the injected clock never moves", async () => {
    const backend = createMemoryBackend();
    const store = createKvStore(backend, { clock: new FakeClock() });
    backend.faults.conflictNextCommits(3);
    await store.transact(async (tx) => tx.set(sp.key("frozen"), Uint8Array.of(1)));
    expect(store.stats().conflicts).toBe(3);
    expect(store.stats().commits).toBe(1);
  });

  test("counts transactions, attempts, commits, conflicts and failures", async () => {
    const backend = createMemoryBackend();
    const store = createKvStore(backend, { clock: recordingClock() });
    backend.faults.conflictNextCommits(2);
    await store.transact(async (tx) => tx.set(sp.key("a"), Uint8Array.of(1)));
    backend.faults.unknownResultNextCommit({ applied: true });
    await store.transact(async (tx) => tx.set(sp.key("a"), Uint8Array.of(2)));
    await expect(
      store.transact(async () => {
        throw new Error("body failed");
      }),
    ).rejects.toThrow("body failed");
    expect(store.stats()).toEqual({
      transactions: 3,
      attempts: 6,
      commits: 2,
      conflicts: 2,
      unknownResults: 1,
      timeouts: 0,
      failures: 1,
    });
  });

  test("limits can be lowered per store", async () => {
    const store = createKvStore(createMemoryBackend(), {
      clock: recordingClock(),
      limits: { maxValueBytes: 4 },
    });
    await store.transact(async (tx) => tx.set(sp.key("ok"), new Uint8Array(4)));
    await expect(
      store.transact(async (tx) => tx.set(sp.key("big"), new Uint8Array(5))),
    ).rejects.toMatchObject({ code: "too_large" });
  });

  test("a body that swallows too_large still fails at commit", async () => {
    const store = createKvStore(createMemoryBackend(), { clock: recordingClock() });
    await expect(
      store.transact(async (tx) => {
        try {
          tx.set(sp.key("big"), new Uint8Array(100 * 1024));
        } catch {
          // ignored on purpose: the store must still refuse to commit
        }
        tx.set(sp.key("small"), Uint8Array.of(1));
      }),
    ).rejects.toMatchObject({ code: "too_large" });
    expect(await store.transact((tx) => tx.get(sp.key("small")))).toBeUndefined();
  });

  test("getVersionstamp resolves after commit and rejects when the body fails", async () => {
    const store = createKvStore(createMemoryBackend(), { clock: recordingClock() });
    let ok: Promise<Uint8Array> | undefined;
    await store.transact(async (tx) => {
      tx.set(sp.key("a"), Uint8Array.of(1));
      ok = tx.getVersionstamp();
    });
    expect((await ok!).length).toBe(10);
    let failed: Promise<Uint8Array> | undefined;
    await expect(
      store.transact(async (tx) => {
        failed = tx.getVersionstamp();
        throw new Error("no");
      }),
    ).rejects.toThrow("no");
    await expect(failed!).rejects.toThrow();
  });
});

describe("toPublic for KvError", () => {
  test("too_large maps to 413 PAYLOAD_TOO_LARGE", () => {
    expect(toPublic(new KvError("too_large", "value is 100000 bytes"))).toEqual({
      status: 413,
      grpc: 8,
      code: "PAYLOAD_TOO_LARGE",
      message: "Request too large to store",
    });
  });

  test("every other code maps to 503 UNAVAILABLE with Retry-After 1, hiding internals", () => {
    for (const code of ["conflict", "unknown_result", "timeout", "unavailable"] as const) {
      const pub = toPublic(new KvError(code, "sqlite failed during commit at /secret/path"));
      expect(pub).toMatchObject({
        status: 503,
        grpc: 14,
        code: "UNAVAILABLE",
        retryAfterSeconds: 1,
      });
      expect(pub.message).not.toContain("secret");
    }
  });
});
