/**
 * Expiry of idempotency outcomes: the leader's cleanup job deletes the record and its index entry
 * once expired, after which the same key runs the turn again. Real cluster node (it must win the
 * leader election), system clock with short timings and a short TTL.
 */
import { afterEach, expect, test } from "bun:test";
import { createMemoryBackend } from "../../../src/kv/backends/memory.ts";
import { Roots } from "../../../src/kv/layout.ts";
import { createKvStore } from "../../../src/kv/store.ts";
import { FakeClock, systemClock } from "../../../src/lib/clock.ts";
import { silentLogger } from "../../../src/lib/log.ts";
import { createIdempotencyCleanupJob } from "../../../src/runtime/idempotency-cleanup.ts";
import { ActorKeys, IdempotencyCodec } from "../../../src/runtime/keys.ts";
import { startTestNode, type TestNode } from "./support.ts";

let node: TestNode | undefined;
afterEach(async () => {
  await node?.stop();
  node = undefined;
});

test("expired idempotency outcomes are deleted by the leader and the key runs again", async () => {
  const kv = createKvStore(createMemoryBackend(), { clock: systemClock });
  node = await startTestNode({
    kv,
    clock: systemClock,
    workers: 0,
    nodeId: "n1",
    heartbeatMs: 20,
    idempotencyTtlMs: 100,
    idempotencyCleanupMs: 20,
  });
  const client = node.runtime.client;
  const first = await client.ask(
    "probe",
    "ttl",
    { type: "append", v: 1 },
    { idempotencyKey: "once" },
  );
  expect(
    await client.ask("probe", "ttl", { type: "append", v: 1 }, { idempotencyKey: "once" }),
  ).toEqual(first);
  const record = ActorKeys.idem({ kind: "probe", id: "ttl" }, "once");
  const stored = () => kv.transact((tx) => tx.get(record));
  expect(await stored()).toBeDefined();
  const [b, e] = Roots.actor.range("$expiry");
  for (let i = 0; i < 200 && (await stored()) !== undefined; i++) await Bun.sleep(10);
  expect(await stored()).toBeUndefined();
  expect(await kv.transact((tx) => tx.getRange(b, e))).toEqual([]);
  expect(node.cluster.isLeader()).toBe(true);
  // Past its 24 h (here 100 ms) the key no longer dedupes: the turn runs again.
  const again = (await client.ask(
    "probe",
    "ttl",
    { type: "append", v: 1 },
    { idempotencyKey: "once" },
  )) as {
    length: number;
  };
  expect(again.length).toBe(2);
});

test("an expired entry of a reused key does not delete the key's newer, live outcome", async () => {
  const kv = createKvStore(createMemoryBackend(), { clock: systemClock });
  const clock = new FakeClock();
  const ref = { kind: "probe", id: "reuse" };
  const t1 = clock.now() - 1000; // the key's first outcome expired a second ago
  const t2 = clock.now() + 60_000; // the key was used again; its new outcome is live
  const live = IdempotencyCodec.encode({
    fingerprint: "f2",
    expiresAt: t2,
    outcome: { ok: true, reply: { second: true } },
  });
  await kv.transact(async (tx) => {
    tx.set(ActorKeys.idem(ref, "k"), live);
    tx.set(ActorKeys.idemExpiry(ref, t1, "k"), new Uint8Array(0));
    tx.set(ActorKeys.idemExpiry(ref, t2, "k"), new Uint8Array(0));
  });
  const job = createIdempotencyCleanupJob();
  await job.runBatch({
    kv,
    clock,
    log: silentLogger,
    signal: new AbortController().signal,
    fence: async () => undefined,
    cursor: { get: async () => undefined, set: () => undefined },
  });
  // The stale index entry is gone; the live outcome (and its own entry) stay.
  expect(await kv.transact((tx) => tx.get(ActorKeys.idem(ref, "k")))).toEqual(live);
  const [b, e] = Roots.actor.range("$expiry");
  expect((await kv.transact((tx) => tx.getRange(b, e))).map((r) => r.key)).toEqual([
    ActorKeys.idemExpiry(ref, t2, "k"),
  ]);
});
