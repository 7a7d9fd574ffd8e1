/**
 * Start-up check: which other nodes live on this store? src/main.ts runs it right after this node
 * registered and refuses to start next to a live node whose cluster secret differs (its
 * `secretTag`), or when this node has none: they could neither call nor be called by each other.
 * Two nodes started at the same moment both see each other's record, so neither slips through.
 *
 * "Live" is judged by movement, never by comparing clocks: another node's `alive` record whose
 * heartbeat counter or incarnation moves while we watch (up to `windowMs`, re-read every
 * `pollMs`), or that appears meanwhile. A record left behind by a crashed process does not move,
 * and does not stop the node from starting. The window must outlast a live peer's longest silence:
 * a peer that registered a moment ago may not heartbeat until its own start-up is done (measured:
 * 660 ms on a loaded 2-core box, with 200 ms heartbeats), so main.ts watches for `suspect_ms`, the
 * silence after which the cluster itself suspects a node; a peer silent longer than its
 * `fence_ms` fences itself and re-registers, which moves its record too. Only the records that
 * `relevant` keeps are watched: when none would matter, nothing is waited for.
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

/** The records of other nodes seen heartbeating within `windowMs` (empty: nobody else is live). */
export async function findLivePeers(
  kv: KvStore,
  clock: Clock,
  opts: {
    selfId: string;
    windowMs: number;
    pollMs?: number;
    /** Which records matter (default: all); the others are neither watched nor returned. */
    relevant?: (r: NodeRecord) => boolean;
  },
): Promise<NodeRecord[]> {
  const relevant = opts.relevant ?? (() => true);
  const first = (await aliveRecords(kv, opts.selfId)).filter(relevant);
  if (first.length === 0) return [];
  const seen = new Map(first.map((r) => [r.nodeId, `${r.incarnation}:${r.heartbeat}`]));
  const deadline = clock.monotonic() + opts.windowMs;
  const pollMs = opts.pollMs ?? 100;
  while (clock.monotonic() < deadline) {
    await clock.sleep(pollMs);
    const moved = (await aliveRecords(kv, opts.selfId)).filter(relevant).filter((r) => {
      const before = seen.get(r.nodeId);
      return before === undefined || before !== `${r.incarnation}:${r.heartbeat}`;
    });
    if (moved.length > 0) return moved.sort((a, b) => a.nodeId.localeCompare(b.nodeId));
  }
  return [];
}
