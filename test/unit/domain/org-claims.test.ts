/**
 * Create claims (Idempotency-Key → organization id): one id per (user, key) for 24 h, agreed on by
 * concurrent first attempts, and swept after expiry by the `org-create-claims-cleanup` leader job
 * (fenced by the real leader record).
 */
import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import type { LeaderJobContext } from "../../../src/cluster/jobs-types.ts";
import { ClusterKeys, LeaderRecordCodec } from "../../../src/cluster/keys.ts";
import { fenceTerm } from "../../../src/cluster/leader.ts";
import { CREATE_CLAIM_TTL_MS, claimOrgId } from "../../../src/domain/organizations/claims.ts";
import { OrgKeys } from "../../../src/domain/organizations/keys.ts";
import { createMemoryBackend } from "../../../src/kv/backends/memory.ts";
import { createKvStore } from "../../../src/kv/store.ts";
import type { KvStore } from "../../../src/kv/types.ts";
import { FakeClock, systemClock } from "../../../src/lib/clock.ts";
import { SnowflakeGenerator } from "../../../src/lib/ids.ts";
import { silentLogger } from "../../../src/lib/log.ts";
import { createClaimCleanupJob } from "../../../src/services/organizations/service.ts";

const TERM = { nodeId: "node-a", incarnation: 1, epoch: 3 };
let clock: FakeClock;
let kv: KvStore;
let ids: SnowflakeGenerator;

beforeEach(async () => {
  clock = new FakeClock(Date.UTC(2026, 0, 1));
  kv = createKvStore(createMemoryBackend(), { clock, log: silentLogger });
  ids = new SnowflakeGenerator({ workerId: 1, clock });
  await kv.transact(async (tx) => tx.set(ClusterKeys.leader, LeaderRecordCodec.encode(TERM)));
});
afterEach(() => kv.close());

const claim = (userId: string, key: string) =>
  kv.transact((tx) => claimOrgId(tx, { userId, key, now: clock.now(), newId: () => ids.next() }));

function ctx(term = TERM): LeaderJobContext {
  return {
    kv,
    clock,
    log: silentLogger,
    signal: new AbortController().signal,
    fence: (tx) => fenceTerm(tx, term),
    cursor: { get: async () => undefined, set: () => undefined },
  };
}

describe("create claims", () => {
  test("one id per (user, key); other users and keys get their own", async () => {
    const first = await claim("1", "k");
    expect(await claim("1", "k")).toBe(first);
    expect(await claim("2", "k")).not.toBe(first);
    expect(await claim("1", "k2")).not.toBe(first);
  });

  test("concurrent first attempts agree on one id", async () => {
    // Real time: conflicting transactions back off on the store's clock before retrying.
    const store = createKvStore(createMemoryBackend(), { clock: systemClock, log: silentLogger });
    const gen = new SnowflakeGenerator({ workerId: 2, clock: systemClock });
    try {
      const all = await Promise.all(
        Array.from({ length: 10 }, () =>
          store.transact((tx) =>
            claimOrgId(tx, { userId: "7", key: "same", now: Date.now(), newId: () => gen.next() }),
          ),
        ),
      );
      expect(new Set(all).size).toBe(1);
    } finally {
      await store.close();
    }
  });

  test("a claim expires after 24 h; the job sweeps it, and only as leader", async () => {
    const first = await claim("1", "k");
    await claim("1", "fresh-later");
    clock.advance(CREATE_CLAIM_TTL_MS - 1);
    const young = await claim("1", "young");
    clock.advance(2);
    const job = createClaimCleanupJob();
    await expect(job.runBatch(ctx({ ...TERM, epoch: 2 }))).rejects.toMatchObject({
      code: "NOT_LEADER",
    });
    expect(await job.runBatch(ctx())).toEqual({ more: false });
    const left = await kv.transact(async (tx) => ({
      k: await tx.get(OrgKeys.createClaim("1", "k")),
      young: await tx.get(OrgKeys.createClaim("1", "young")),
    }));
    expect(left.k).toBeUndefined();
    expect(left.young).toBeDefined();
    expect(await claim("1", "young")).toBe(young);
    expect(await claim("1", "k")).not.toBe(first);
  });
});
