/**
 * The "leader journal": a test-only leader job that appends `(nodeId, epoch, pid)` to a
 * versionstamp-keyed log in a fenced transaction every few ms, so the log is in commit order and
 * shows which leader epoch committed what, when. `readLeaderJournal` reads it back from the store;
 * `journalViolations` lists entries of an epoch committed after a later epoch's first entry.
 */

import type { LeaderJob } from "../../src/cluster/jobs-types.ts";
import type { ClusterNode } from "../../src/cluster/node.ts";
import { Subspace, strinc } from "../../src/kv/keyspace.ts";
import type { KvStore } from "../../src/kv/types.ts";

const Journal = new Subspace(["test", "leader-journal"]);
const enc = new TextEncoder();
const dec = new TextDecoder();

export interface JournalRow {
  nodeId: string;
  epoch: number;
  pid: number;
}

export function leaderJournalJob(cluster: ClusterNode, intervalMs = 10): LeaderJob {
  return {
    name: "leader-journal",
    intervalMs,
    async runBatch(ctx) {
      // The epoch this node believes it leads; the fence must refuse the commit if that is stale.
      const term = cluster.term();
      if (!term) return { more: false };
      await ctx.kv.transact(async (tx) => {
        await ctx.fence(tx);
        const row: JournalRow = { nodeId: term.nodeId, epoch: term.epoch, pid: process.pid };
        tx.setVersionstampedKey(Journal.prefix, new Uint8Array(), enc.encode(JSON.stringify(row)));
      });
      return { more: false };
    },
  };
}

export async function readLeaderJournal(kv: KvStore): Promise<JournalRow[]> {
  const rows = await kv.transact((tx) =>
    tx.snapshot.getRange(Journal.prefix, strinc(Journal.prefix)),
  );
  return rows.map((r) => JSON.parse(dec.decode(r.value)) as JournalRow);
}

/**
 * Entries committed after the first entry of a later epoch, or by a node other than the one
 * that first wrote their epoch (must be none).
 */
export function journalViolations(rows: JournalRow[]): JournalRow[] {
  let maxEpoch = 0;
  const owner = new Map<number, string>();
  const out: JournalRow[] = [];
  for (const r of rows) {
    if (!owner.has(r.epoch)) owner.set(r.epoch, r.nodeId);
    if (r.epoch < maxEpoch || owner.get(r.epoch) !== r.nodeId) out.push(r);
    maxEpoch = Math.max(maxEpoch, r.epoch);
  }
  return out;
}
