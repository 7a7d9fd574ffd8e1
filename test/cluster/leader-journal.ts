/**
 * The "leader journal": a test-only leader job that appends `(nodeId, epoch, pid)` to a
 * versionstamp-keyed log in a fenced transaction every few ms, so the log is in commit order and
 * shows which leader epoch committed what, when. `readLeaderJournal` reads it back from the store;
 * `journalViolations` lists entries of an epoch committed after a later epoch's first entry.
 */

import type { LeaderJob } from "../../src/cluster/jobs-types.ts";
import { readLeader } from "../../src/cluster/leader.ts";
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

export function leaderJournalJob(cluster: ClusterNode, intervalMs = 100): LeaderJob {
  return {
    name: "leader-journal",
    intervalMs,
    async runBatch(ctx) {
      await ctx.kv.transact(async (tx) => {
        await ctx.fence(tx);
        // The fence passed, so the record is this node's term: take the epoch from it.
        const rec = await readLeader(tx);
        const row: JournalRow = {
          nodeId: cluster.self().nodeId,
          epoch: rec!.epoch,
          pid: process.pid,
        };
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

/** Entries committed after the first entry of a later epoch (must be none). */
export function journalViolations(rows: JournalRow[]): JournalRow[] {
  let maxEpoch = 0;
  const out: JournalRow[] = [];
  for (const r of rows) {
    if (r.epoch < maxEpoch) out.push(r);
    maxEpoch = Math.max(maxEpoch, r.epoch);
  }
  return out;
}
