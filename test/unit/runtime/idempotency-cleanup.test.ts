/**
 * Expiry of idempotency outcomes: the leader's cleanup job deletes the record and its index entry
 * once expired, after which the same key runs the turn again. Real cluster node (it must win the
 * leader election), system clock with short timings and a short TTL.
 */
import { afterEach, expect, test } from "bun:test";
import { createMemoryBackend } from "../../../src/kv/backends/memory.ts";
import { Roots } from "../../../src/kv/layout.ts";
import { createKvStore } from "../../../src/kv/store.ts";
import { systemClock } from "../../../src/lib/clock.ts";
import { ActorKeys } from "../../../src/runtime/keys.ts";
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
