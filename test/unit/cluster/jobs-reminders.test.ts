/**
 * Leader-only jobs and durable reminders on a single real cluster node (memory backend, fake
 * clock): jobs run only while leading, keep their cursor in their fenced transaction, survive
 * errors with backoff, stop when leadership is lost; reminders are delivered at their due time, at
 * least once, never when cancelled or moved.
 */
import { afterEach, expect, test } from "bun:test";
import {
  ClusterKeys,
  LeaderRecordCodec,
  type NodeRecord,
  NodeRecordCodec,
} from "../../../src/cluster/keys.ts";
import { type ClusterNode, createClusterNode } from "../../../src/cluster/node.ts";
import {
  cancelReminder,
  type Reminder,
  readReminder,
  scheduleReminder,
} from "../../../src/cluster/reminders.ts";
import { applyMutations } from "../../../src/kv/types.ts";
import { silentLogger } from "../../../src/lib/log.ts";
import { type Env, memoryEnv } from "./support.ts";

const otherRecord: NodeRecord = {
  nodeId: "other",
  incarnation: 99,
  workerId: 7,
  address: "127.0.0.1:1",
  heartbeat: 1,
  status: "alive",
  registeredAt: 0,
  token: "t",
};

let node: ClusterNode | undefined;
afterEach(async () => {
  await node?.stop({ graceful: false });
  node = undefined;
});

function soloNode(env: Env, nodeId: string): ClusterNode {
  node = createClusterNode({
    kv: env.kv,
    clock: env.clock,
    log: silentLogger,
    config: { node_id: nodeId },
  });
  return node;
}

async function leaderNode(env: Env): Promise<ClusterNode> {
  const n = soloNode(env, "solo");
  await env.run(n.start());
  await env.drive(100);
  expect(n.isLeader()).toBe(true);
  return n;
}

/** Registers a job that counts its batches and records whether the node led at each. */
function countingJob(n: ClusterNode, name: string) {
  const runs: boolean[] = [];
  n.registerJob({
    name,
    intervalMs: 100,
    async runBatch() {
      runs.push(n.isLeader());
      return { more: false };
    },
  });
  return runs;
}

test("a job runs in fenced batches with its cursor stored in the same transaction", async () => {
  const env = memoryEnv();
  const n = await leaderNode(env);
  const seen: string[] = [];
  n.registerJob({
    name: "counter",
    intervalMs: 100,
    async runBatch(ctx) {
      const next = await ctx.kv.transact(async (tx) => {
        await ctx.fence(tx);
        const cur = Number((await ctx.cursor.get(tx)) ?? "0") + 1;
        ctx.cursor.set(tx, String(cur));
        return cur;
      });
      seen.push(String(next));
      return { more: next < 5 };
    },
  });
  await env.drive(600);
  expect(seen.slice(0, 6)).toEqual(["1", "2", "3", "4", "5", "6"]);
});

test("a failing job is retried with backoff and counted; it never crashes the node", async () => {
  const env = memoryEnv();
  const n = await leaderNode(env);
  let calls = 0;
  n.registerJob({
    name: "flaky",
    intervalMs: 50,
    async runBatch() {
      calls++;
      if (calls <= 3) throw new Error("boom");
      return { more: false };
    },
  });
  await env.drive(2000);
  expect(calls).toBeGreaterThan(4);
  const errors = await n.metrics.jobErrors.get();
  expect(errors.values.find((v) => v.labels.job === "flaky")?.value).toBe(3);
  expect(n.isLeader()).toBe(true);
});

test("when a live node takes the leader record, fenced commits fail and the jobs stop", async () => {
  const env = memoryEnv();
  const n = await leaderNode(env);
  const outcomes: string[] = [];
  let aborted = false;
  n.registerJob({
    name: "probe",
    intervalMs: 100,
    async runBatch(ctx) {
      ctx.signal.addEventListener("abort", () => {
        aborted = true;
      });
      try {
        await ctx.kv.transact(async (tx) => ctx.fence(tx));
        outcomes.push("ok");
      } catch (e) {
        outcomes.push((e as { code?: string }).code ?? "error");
      }
      return { more: false };
    },
  });
  await env.drive(300);
  const epoch = n.term()!.epoch;
  // Another live node and its claim, as that node would write them.
  await env.kv.transact(async (tx) => {
    tx.set(ClusterKeys.node("other"), NodeRecordCodec.encode(otherRecord));
    tx.set(
      ClusterKeys.leader,
      LeaderRecordCodec.encode({ nodeId: "other", incarnation: 99, epoch: epoch + 1 }),
    );
  });
  await env.drive(1500);
  expect(outcomes).toContain("ok");
  expect(outcomes.slice(outcomes.lastIndexOf("ok") + 1).every((o) => o === "NOT_LEADER")).toBe(
    true,
  );
  expect(n.isLeader()).toBe(false);
  expect(aborted).toBe(true);
  expect(n.leader()?.nodeId).toBe("other");
});

test("reminders: delivered when due, at least once, not when cancelled or moved", async () => {
  const env = memoryEnv();
  const n = await leaderNode(env);
  const delivered: Array<{ name: string; at: number; attempts: number }> = [];
  let failNext = 1;
  n.setReminderDelivery(async (r: Reminder) => {
    if (r.name === "flaky" && failNext-- > 0) throw new Error("actor unavailable");
    delivered.push({ name: r.name, at: env.clock.now(), attempts: r.attempts ?? 0 });
  });
  const t0 = env.clock.now();
  const ref = (name: string) => ({ kind: "vault", id: "42", name });
  await env.kv.transact(async (tx) => {
    applyMutations(tx, scheduleReminder({ ...ref("soon"), dueMs: t0 + 1000, payload: { x: 1 } }));
    applyMutations(tx, scheduleReminder({ ...ref("later"), dueMs: t0 + 5000 }));
    applyMutations(tx, scheduleReminder({ ...ref("cancelled"), dueMs: t0 + 1500 }));
    applyMutations(tx, scheduleReminder({ ...ref("moved"), dueMs: t0 + 1200 }));
    applyMutations(tx, scheduleReminder({ ...ref("flaky"), dueMs: t0 + 2000 }));
  });
  await env.kv.transact(async (tx) => {
    applyMutations(tx, cancelReminder(ref("cancelled")));
    applyMutations(tx, scheduleReminder({ ...ref("moved"), dueMs: t0 + 3000 }));
  });
  await env.drive(900);
  expect(delivered).toEqual([]);
  await env.drive(6000);
  const names = delivered.map((d) => d.name);
  expect(names).toEqual(["soon", "moved", "flaky", "later"]);
  for (const d of delivered) expect(d.at).toBeGreaterThanOrEqual(t0 + 1000);
  expect(delivered.find((d) => d.name === "moved")!.at).toBeGreaterThanOrEqual(t0 + 3000);
  expect(delivered.find((d) => d.name === "flaky")!.attempts).toBe(1);
  // Delivered reminders are gone from the index.
  const left = await env.kv.transact(async (tx) => readReminder(tx, ref("later")));
  expect(left).toBeUndefined();
  await env.drive(3000);
  expect(delivered.length).toBe(4);
});

test("jobs start only once the node has claimed leadership (over a leader that left)", async () => {
  const env = memoryEnv();
  // The record names a node that has no registration any more: claimable, epoch 1 -> 2.
  await env.kv.transact(async (tx) => {
    tx.set(
      ClusterKeys.leader,
      LeaderRecordCodec.encode({ nodeId: "elsewhere", incarnation: 1, epoch: 1 }),
    );
  });
  const n = soloNode(env, "n");
  const runs = countingJob(n, "only-leader");
  expect(runs.length).toBe(0);
  await env.run(n.start());
  await env.drive(500);
  expect(runs.length).toBeGreaterThan(0);
  expect(runs.every(Boolean)).toBe(true);
  expect(n.term()!.epoch).toBe(2);
});

test("a follower behind a live leader runs no jobs until that leader goes quiet", async () => {
  const env = memoryEnv();
  await env.kv.transact(async (tx) => {
    tx.set(ClusterKeys.node("other"), NodeRecordCodec.encode(otherRecord));
    tx.set(
      ClusterKeys.leader,
      LeaderRecordCodec.encode({ nodeId: "other", incarnation: 99, epoch: 4 }),
    );
  });
  const n = soloNode(env, "f");
  const runs = countingJob(n, "never");
  await env.run(n.start());
  await env.drive(3000);
  expect(n.isLeader()).toBe(false);
  expect(n.leader()).toEqual({ nodeId: "other", incarnation: 99, epoch: 4 });
  expect(runs.length).toBe(0);
  // "other" never heartbeats: after suspect_ms of observations it is suspect, and f takes over.
  await env.drive(4000);
  expect(n.isLeader()).toBe(true);
  expect(n.term()!.epoch).toBe(5);
  expect(runs.length).toBeGreaterThan(0);
  await env.drive(2000);
  expect(n.members().find((m) => m.nodeId === "other")?.status).toBe("dead");
});
