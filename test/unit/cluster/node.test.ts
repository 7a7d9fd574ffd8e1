/**
 * `createClusterNode` as the composition root uses it: the `/v1/health` section, metrics on a
 * shared registry, the snowflake generator's worker id, and a graceful stop that abdicates and
 * leaves (record deleted, worker id freed, leader record released for an immediate successor).
 */
import { expect, test } from "bun:test";
import { Registry } from "prom-client";
import { ClusterKeys, LeaderRecordCodec } from "../../../src/cluster/keys.ts";
import { createClusterNode } from "../../../src/cluster/node.ts";
import { HealthRegistry } from "../../../src/lib/health.ts";
import { SnowflakeGenerator } from "../../../src/lib/ids.ts";
import { silentLogger } from "../../../src/lib/log.ts";
import { memoryEnv } from "./support.ts";

test("health section, metrics and worker id of a running node; graceful stop releases everything", async () => {
  const env = memoryEnv();
  const health = new HealthRegistry();
  const metrics = new Registry();
  const ids = new SnowflakeGenerator({ workerId: 0, clock: env.clock });
  const node = createClusterNode({
    kv: env.kv,
    clock: env.clock,
    log: silentLogger,
    config: { node_id: "h1", advertise_address: "10.0.0.7", internal_port: 3002 },
    ids,
    metrics,
    health,
  });
  await env.run(node.start());
  await env.drive(200);
  const me = node.self();
  expect(me).toMatchObject({ nodeId: "h1", address: "10.0.0.7:3002" });
  expect(ids.workerId).toBe(me.workerId);
  const section = (await health.collect()).cluster!;
  expect(section).toMatchObject({
    node_id: "h1",
    incarnation: me.incarnation,
    worker_id: me.workerId,
    fenced: false,
    is_leader: true,
    election_state: "leader",
    leader: { node_id: "h1", incarnation: me.incarnation, epoch: 1 },
    members: [{ node_id: "h1", worker_id: me.workerId, status: "alive" }],
  });
  const text = await metrics.metrics();
  expect(text).toContain("cluster_leader_changes_total 1");
  expect(text).toContain("cluster_is_leader 1");

  await env.run(node.stop());
  expect((await health.collect()).cluster).toBeUndefined();
  const after = await env.kv.transact(async (tx) => ({
    node: await tx.get(ClusterKeys.node("h1")),
    worker: await tx.get(ClusterKeys.worker(me.workerId)),
    leader: LeaderRecordCodec.decode((await tx.get(ClusterKeys.leader))!),
  }));
  expect(after.node).toBeUndefined();
  expect(after.worker).toBeUndefined();
  expect(after.leader).toEqual({
    nodeId: "h1",
    incarnation: me.incarnation,
    epoch: 1,
    released: true,
  });

  // A successor claims the released record at once, with the next epoch.
  const next = createClusterNode({
    kv: env.kv,
    clock: env.clock,
    log: silentLogger,
    config: { node_id: "h2" },
  });
  await env.run(next.start());
  await env.drive(100);
  expect(next.term()).toEqual({ nodeId: "h2", incarnation: next.self().incarnation, epoch: 2 });
  await env.run(next.stop());
});

test("wall-clock steps (NTP, either direction) neither fence a node nor move leadership", async () => {
  // Two nodes on one store; their wall clock steps by an hour back and forth while they run.
  // Fencing, suspicion, leader renewal and job pacing must run on the monotonic clock only.
  const env = memoryEnv();
  const start = env.clock.now();
  const nodes = ["w1", "w2"].map((id) =>
    createClusterNode({ kv: env.kv, clock: env.clock, log: silentLogger, config: { node_id: id } }),
  );
  let fenced = 0;
  for (const n of nodes) {
    await env.run(n.start());
    n.on("fenced", () => fenced++);
  }
  await env.drive(3000);
  const leader = nodes.find((n) => n.isLeader())!;
  expect(leader).toBeDefined();
  const term = leader.term();
  for (const step of [-3_600_000, 3_600_000, 7_200_000, -7_200_000]) {
    env.clock.setWall(env.clock.now() + step);
    await env.drive(6000);
    for (const n of nodes) {
      expect(n.isFenced()).toBe(false);
      expect(n.members().map((m) => m.status)).toEqual(["alive", "alive"]);
    }
    expect(leader.term()).toEqual(term);
  }
  expect(fenced).toBe(0);
  expect(Math.abs(env.clock.now() - (start + 27_000))).toBeLessThan(1000);
  for (const n of nodes) await env.run(n.stop());
});
