/**
 * Identity's leader jobs (src/services/identity-jobs.ts) on the memory KV with a fake clock, run
 * through the job contract with the cluster's real fence (`fenceTerm` against the leader record):
 * session cleanup (retention, batches with a cursor, fencing), token and rate-limit cleanup.
 */
import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import type { LeaderJob } from "../../../src/cluster/jobs-types.ts";
import { counterKey, spendWrites } from "../../../src/domain/ratelimit/counters.ts";
import { startSession, stepSession } from "../../../src/domain/sessions/machine.ts";
import {
  getSession,
  putSessionWrites,
  type SessionRecord,
} from "../../../src/domain/sessions/records.ts";
import { getToken, putTokenWrites } from "../../../src/domain/tokens/records.ts";
import { createMemoryBackend } from "../../../src/kv/backends/memory.ts";
import { createKvStore } from "../../../src/kv/store.ts";
import { applyMutations, type KvStore } from "../../../src/kv/types.ts";
import { FakeClock } from "../../../src/lib/clock.ts";
import { silentLogger } from "../../../src/lib/log.ts";
import { rateLimitCleanupJob, tokenCleanupJob } from "../../../src/services/auth/jobs.ts";
import { CLEANUP_BATCH, sessionCleanupJob } from "../../../src/services/sessions/jobs.ts";
import { installLeader, jobContext, TEST_TERM } from "../../support/job-context.ts";

const TERM = TEST_TERM;
const DAY = 86_400_000;
const RETENTION = 7 * DAY;

let clock: FakeClock;
let kv: KvStore;

beforeEach(async () => {
  clock = new FakeClock(Date.UTC(2026, 0, 1));
  kv = createKvStore(createMemoryBackend(), { clock, log: silentLogger });
  await installLeader(kv);
});
afterEach(async () => {
  await kv.close();
});

const ctxFor = (job: LeaderJob, term = TERM) => jobContext(kv, clock, job, term);

let nextId = 1000n;
function session(now: number, ttlMs = DAY): SessionRecord {
  nextId++;
  return {
    id: nextId.toString(),
    user_id: "42",
    session_type: "WEB",
    secret_hash: "x",
    created_at: now,
    ip_address: null,
    user_agent: null,
    machine: startSession({ ttlMs, touchGranularityMs: 60_000, now }),
  };
}

async function put(...sessions: SessionRecord[]) {
  await kv.transact(async (tx) => {
    for (const s of sessions) applyMutations(tx, putSessionWrites(s));
  });
}
const exists = (id: string) => kv.transact(async (tx) => (await getSession(tx, id)) !== undefined);

describe("session-cleanup", () => {
  test("deletes revoked and expired sessions after the retention period only", async () => {
    const t0 = clock.now();
    const active = session(t0, 30 * DAY);
    const expiredLongAgo = session(t0);
    const revoked = session(t0, 30 * DAY);
    revoked.machine = stepSession(revoked.machine, {
      type: "REVOKE",
      now: t0,
      reason: "logout",
    }).next;
    await put(active, expiredLongAgo, revoked);
    const job = sessionCleanupJob(RETENTION);

    clock.advance(RETENTION); // revoked exactly retention ago; expired 6 days past its deadline
    expect(await job.runBatch(ctxFor(job))).toEqual({ more: false });
    for (const s of [active, expiredLongAgo, revoked]) expect(await exists(s.id)).toBe(true);

    clock.advance(DAY + 1);
    await job.runBatch(ctxFor(job));
    expect(await exists(active.id)).toBe(true);
    expect(await exists(expiredLongAgo.id)).toBe(false);
    expect(await exists(revoked.id)).toBe(false);
  });

  test("works in bounded batches with a cursor", async () => {
    const t0 = clock.now();
    const many = Array.from({ length: CLEANUP_BATCH + 50 }, () => session(t0));
    for (let i = 0; i < many.length; i += 100) await put(...many.slice(i, i + 100));
    clock.advance(DAY + RETENTION + 1);
    const job = sessionCleanupJob(RETENTION);
    const ctx = ctxFor(job);
    expect(await job.runBatch(ctx)).toEqual({ more: true });
    expect(await kv.transact((tx) => ctx.cursor.get(tx))).toBe(many[CLEANUP_BATCH - 1]!.id);
    expect(await exists(many[CLEANUP_BATCH - 1]!.id)).toBe(false);
    expect(await exists(many[CLEANUP_BATCH]!.id)).toBe(true);
    expect(await job.runBatch(ctx)).toEqual({ more: false });
    expect(await kv.transact((tx) => ctx.cursor.get(tx))).toBeUndefined();
    expect(await exists(many.at(-1)!.id)).toBe(false);
  });

  test("a deposed leader's batch commits nothing", async () => {
    const old = session(clock.now());
    await put(old);
    clock.advance(DAY + RETENTION + 1);
    const job = sessionCleanupJob(RETENTION);
    const stale = { ...TERM, epoch: TERM.epoch - 1 };
    await expect(job.runBatch(ctxFor(job, stale))).rejects.toMatchObject({ code: "NOT_LEADER" });
    expect(await exists(old.id)).toBe(true);
  });
});

describe("token-cleanup and ratelimit-cleanup", () => {
  test("expired tokens go; live ones stay", async () => {
    const now = clock.now();
    const token = (id: string, expires_at: number) => ({
      id,
      kind: "password_reset" as const,
      secret_hash: "h",
      user_id: "1",
      subject_id: "1",
      created_at: now,
      expires_at,
      used_at: null,
    });
    await kv.transact(async (tx) => {
      applyMutations(tx, putTokenWrites(token("11", now + 1000)));
      applyMutations(tx, putTokenWrites(token("12", now + 5000)));
    });
    clock.advance(2000);
    const job = tokenCleanupJob();
    expect(await job.runBatch(ctxFor(job))).toEqual({ more: false });
    expect(await kv.transact((tx) => getToken(tx, "11"))).toBeUndefined();
    expect(await kv.transact((tx) => getToken(tx, "12"))).toBeDefined();
  });

  test("finished rate-limit windows are cleared, the current one kept", async () => {
    const hourly = { category: "t", limit: 5, windowSec: 3600 };
    const start = clock.now();
    await kv.transact(async (tx) => applyMutations(tx, spendWrites(hourly, "ip", start)));
    clock.advance(3600_000);
    await kv.transact(async (tx) => applyMutations(tx, spendWrites(hourly, "ip", clock.now())));
    const job = rateLimitCleanupJob();
    await job.runBatch(ctxFor(job));
    const get = (at: number) => kv.transact((tx) => tx.get(counterKey(hourly, "ip", at)));
    expect(await get(start)).toBeUndefined();
    expect(await get(clock.now())).toBeDefined();
  });
});
