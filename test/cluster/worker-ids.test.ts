/**
 * Real processes (G4): three nodes started at the same moment on one SQLite file get three
 * distinct Snowflake worker ids. The node ids are chosen so that every node's first-choice worker
 * id is the same one: only the registration transaction (the claim conflicts and is retried) can
 * keep them apart.
 */
import { afterEach, expect, test } from "bun:test";
import { pickWorkerId } from "../../src/cluster/records.ts";
import { type ProcTestCluster, procTestCluster, stopAll, waitFor } from "./leader-support.ts";

let cluster: ProcTestCluster | undefined;
afterEach(async () => {
  await cluster?.cleanup();
  cluster = undefined;
});

/** Three node ids whose preferred worker id (on an empty cluster) is the same. */
function collidingNodeIds(): string[] {
  const byId = new Map<number, string[]>();
  for (let i = 0; ; i++) {
    const nodeId = `w-${i}`;
    const id = pickWorkerId(new Set(), nodeId)!;
    const list = byId.get(id) ?? [];
    list.push(nodeId);
    byId.set(id, list);
    if (list.length === 3) return list;
  }
}

test("three nodes started at once get three distinct worker ids", async () => {
  cluster = procTestCluster();
  const ids = collidingNodeIds();
  const preferred = pickWorkerId(new Set(), ids[0]!);
  const procs = await cluster.start(ids);
  const workerIds = procs.map((p) => p.ready.workerId);
  expect(new Set(workerIds).size).toBe(3);
  expect(workerIds).toContain(preferred!);
  expect(new Set(procs.map((p) => p.ready.incarnation)).size).toBe(3);
  // Every node sees the same three members with those worker ids.
  const h = await waitFor(
    "all members alive",
    async () => {
      const x = await procs[0]!.health();
      return x && x.members.filter((m) => m.status === "alive").length === 3 ? x : undefined;
    },
    10_000,
  );
  expect(h.members.map((m) => m.worker_id).sort()).toEqual([...workerIds].sort());
  // The cluster metrics are on the node's /metrics.
  const metrics = await (
    await fetch(`http://127.0.0.1:${procs[0]!.ready.httpPort}/metrics`)
  ).text();
  expect(metrics).toContain("cluster_heartbeat_failures_total");
  expect(metrics).toMatch(/cluster_members\{status="alive"[^}]*\} 3/);
  await stopAll(procs);
}, 30_000);
