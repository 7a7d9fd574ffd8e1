/**
 * Start-up check: does another node live on this store? Used by src/main.ts before a node without
 * a configured `cluster.secret` starts (item 9 of issue 9): with a made-up secret it could neither
 * call its peers nor be called by them, so it must not join them.
 *
 * "Live" is judged by movement, never by comparing clocks: another node's `alive` record whose
 * heartbeat counter moves while we watch (up to `windowMs`, re-read every `pollMs`). A record left
 * behind by a crashed process does not move, and does not stop the node from starting.
 */
import type { KvStore } from "../kv/types.ts";
import type { Clock } from "../lib/clock.ts";
import { ClusterKeys, type NodeRecord, NodeRecordCodec } from "./keys.ts";

async function aliveRecords(kv: KvStore, selfId: string): Promise<NodeRecord[]> {
  const [b, e] = ClusterKeys.nodes.range();
  const rows = await kv.transact((tx) => tx.snapshot.getRange(b, e), {
    name: "cluster.peers",
  });
  return rows
    .map((r) => NodeRecordCodec.decode(r.value))
    .filter((r) => r.status === "alive" && r.nodeId !== selfId);
}

/** The ids of other nodes seen heartbeating within `windowMs` (empty: nobody else is live). */
export async function findLivePeers(
  kv: KvStore,
  clock: Clock,
  opts: { selfId: string; windowMs: number; pollMs?: number },
): Promise<string[]> {
  const first = await aliveRecords(kv, opts.selfId);
  if (first.length === 0) return [];
  const seen = new Map(first.map((r) => [r.nodeId, `${r.incarnation}:${r.heartbeat}`]));
  const deadline = clock.monotonic() + opts.windowMs;
  const pollMs = opts.pollMs ?? 100;
  while (clock.monotonic() < deadline) {
    await clock.sleep(pollMs);
    const moved = (await aliveRecords(kv, opts.selfId))
      .filter((r) => {
        const before = seen.get(r.nodeId);
        return before === undefined || before !== `${r.incarnation}:${r.heartbeat}`;
      })
      .map((r) => r.nodeId);
    if (moved.length > 0) return moved.sort();
  }
  return [];
}
