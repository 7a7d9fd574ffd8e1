/**
 * A leader-job context for driving one job's `runBatch` directly in tests, with the cluster's real
 * fence (`fenceTerm` against the leader record in the store) and the job's real cursor key.
 * `installLeader(kv, term)` writes the leader record the fence checks.
 */
import { jobCursorKey } from "../../src/cluster/jobs.ts";
import type { LeaderJob, LeaderJobContext } from "../../src/cluster/jobs-types.ts";
import { ClusterKeys, LeaderRecordCodec } from "../../src/cluster/keys.ts";
import { fenceTerm } from "../../src/cluster/leader.ts";
import type { LeaderInfo } from "../../src/cluster/types.ts";
import { defineCodec } from "../../src/kv/codec.ts";
import type { KvStore } from "../../src/kv/types.ts";
import type { Clock } from "../../src/lib/clock.ts";
import { silentLogger } from "../../src/lib/log.ts";

/** Same name and shape as the job runner's cursor codec (src/cluster/jobs.ts). */
const CursorCodec = defineCodec<{ cursor: string }>({ name: "job cursor", version: 1 });

export const TEST_TERM: LeaderInfo = { nodeId: "node-a", incarnation: 1, epoch: 7 };

export async function installLeader(kv: KvStore, term: LeaderInfo = TEST_TERM): Promise<void> {
  await kv.transact(async (tx) => tx.set(ClusterKeys.leader, LeaderRecordCodec.encode(term)));
}

export function jobContext(
  kv: KvStore,
  clock: Clock,
  job: LeaderJob,
  term: LeaderInfo = TEST_TERM,
): LeaderJobContext {
  const key = jobCursorKey(job.name);
  return {
    kv,
    clock,
    log: silentLogger,
    signal: new AbortController().signal,
    fence: (tx) => fenceTerm(tx, term),
    cursor: {
      get: async (tx) => {
        const v = await tx.get(key);
        return v ? CursorCodec.decode(v).cursor : undefined;
      },
      set: (tx, cursor) => {
        if (cursor === undefined) tx.clear(key);
        else tx.set(key, CursorCodec.encode({ cursor }));
      },
    },
  };
}
