/**
 * Durable reminders end to end: a turn schedules one in its write set (`ctx.schedule`), the
 * leader's reminder job finds it due and the runtime delivers its message as a turn. Real cluster
 * node on the system clock with short timings.
 */
import { afterEach, expect, test } from "bun:test";
import { createMemoryBackend } from "../../../src/kv/backends/memory.ts";
import { createKvStore } from "../../../src/kv/store.ts";
import { systemClock } from "../../../src/lib/clock.ts";
import { startTestNode, type TestNode } from "./support.ts";

let node: TestNode | undefined;
afterEach(async () => {
  await node?.stop();
  node = undefined;
});

test("a scheduled reminder comes back to the actor as a message", async () => {
  const kv = createKvStore(createMemoryBackend(), { clock: systemClock });
  node = await startTestNode({ kv, clock: systemClock, workers: 0, nodeId: "n1", heartbeatMs: 20 });
  node.cluster.setReminderDelivery((r) => node!.runtime.deliverReminder(r));
  const client = node.runtime.client;
  await client.ask("probe", "rem", { type: "append", v: 1 });
  await client.ask("probe", "rem", { type: "remind", v: 30 });
  let list: number[] = [];
  for (let i = 0; i < 300 && !list.includes(-1); i++) {
    list = ((await client.ask("probe", "rem", { type: "get" })) as { list: number[] }).list;
    if (!list.includes(-1)) await Bun.sleep(10);
  }
  expect(list).toEqual([1, -1]);
});
