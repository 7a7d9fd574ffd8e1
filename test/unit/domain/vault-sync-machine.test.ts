/**
 * The vault-sync machine over XState's pure `transition()` (through stepVaultSync), with a fake
 * clock: every state × every event, the backoff with deterministic jitter, the durable reminder
 * protocol (seq, watchdog, REDRIVE), persistence through persistMachine/restoreMachine.
 */
import { describe, expect, test } from "bun:test";
import {
  backoffDelay,
  DEFAULT_VAULT_SYNC_POLICY,
  nextRandom,
  startVaultSync,
  stepVaultSync,
  VAULT_SYNC_MACHINE_VERSION,
  VAULT_SYNC_REMINDER,
  type VaultSyncEffect,
  type VaultSyncEvent,
  type VaultSyncSnapshot,
  type VaultSyncStateValue,
  vaultSyncMachine,
  vaultSyncStatus,
} from "../../../src/domain/vaults/sync-machine.ts";
import { FakeClock } from "../../../src/lib/clock.ts";
import { persistMachine, restoreMachine } from "../../../src/runtime/define.ts";

const VAULT = "300000000000000001";
const ORG = "200000000000000001";
const POLICY = {
  maxAttempts: 3,
  baseDelayMs: 1_000,
  maxDelayMs: 10_000,
  callDeadlineMs: 5_000,
  attemptTimeoutMs: 30_000,
};

/** A machine driven with a fake clock; every event gets the clock's `now`. */
function driver(seed = 42) {
  const clock = new FakeClock(Date.UTC(2026, 0, 1));
  let snap: VaultSyncSnapshot = startVaultSync({
    vaultId: VAULT,
    organizationId: ORG,
    name: "prod",
    now: clock.now(),
    seed,
    policy: POLICY,
  }).snapshot;
  const d = {
    clock,
    get snap() {
      return snap;
    },
    get state() {
      return snap.value as VaultSyncStateValue;
    },
    get ctx() {
      return snap.context;
    },
    /** Sends an event (its `now` from the clock) and returns the effects. */
    send(e: DistributiveOmit<VaultSyncEvent, "now">): VaultSyncEffect[] {
      const r = stepVaultSync(snap, { ...e, now: clock.now() } as VaultSyncEvent);
      snap = r.snapshot;
      expect(r.state).toBe(snap.value as VaultSyncStateValue);
      return r.effects;
    },
    /** The seq of the pending reminder. */
    get seq() {
      const t = snap.context.timer;
      if (!t) throw new Error("no timer");
      return t.seq;
    },
    fail(code = "UNAVAILABLE", retryable = true, op: "create" | "delete" = "create") {
      return d.send({
        type: "ENGINE_FAILED",
        op,
        attempt: snap.context.attempt,
        code,
        message: `engine said ${code}`,
        retryable,
      });
    },
    /** Advances to the pending reminder's due time and delivers it. */
    fire() {
      const t = snap.context.timer;
      if (!t) throw new Error("no timer");
      clock.advance(Math.max(0, t.at - clock.now()));
      return d.send({ type: "TIMER", seq: t.seq });
    },
  };
  return d;
}

type DistributiveOmit<T, K extends keyof never> = T extends unknown ? Omit<T, K> : never;
const types = (effects: VaultSyncEffect[]) => effects.map((e) => e.type);

/** A driver brought into `state`. */
function inState(state: VaultSyncStateValue) {
  const d = driver();
  switch (state) {
    case "pending":
      break;
    case "syncing":
      d.send({ type: "SYNC" });
      break;
    case "synced":
      d.send({ type: "SYNC" });
      d.send({ type: "ENGINE_OK", op: "create", attempt: 1 });
      break;
    case "failed":
      d.send({ type: "SYNC" });
      d.fail();
      break;
    case "given_up":
      d.send({ type: "SYNC" });
      d.fail("PERMISSION_DENIED", false);
      break;
    case "deleting":
      d.send({ type: "SYNC" });
      d.send({ type: "ENGINE_OK", op: "create", attempt: 1 });
      d.send({ type: "DELETE" });
      break;
    case "delete_waiting":
      d.send({ type: "SYNC" });
      d.send({ type: "ENGINE_OK", op: "create", attempt: 1 });
      d.send({ type: "DELETE" });
      d.fail("UNAVAILABLE", true, "delete");
      break;
    case "removed":
      d.send({ type: "DELETE" });
      break;
  }
  expect(d.state).toBe(state);
  return d;
}

describe("creation", () => {
  test("starts pending, nothing asked for", () => {
    const r = startVaultSync({
      vaultId: VAULT,
      organizationId: ORG,
      name: "prod",
      now: 1,
      seed: 1,
    });
    expect(r.state).toBe("pending");
    expect(r.effects).toEqual([]);
    expect(r.snapshot.context.policy).toEqual(DEFAULT_VAULT_SYNC_POLICY);
    expect(vaultSyncStatus(r.state)).toBe("PENDING");
  });

  test("SYNC: syncing, one create call and a watchdog reminder", () => {
    const d = driver();
    const t0 = d.clock.now();
    const fx = d.send({ type: "SYNC" });
    expect(d.state).toBe("syncing");
    expect(fx).toEqual([
      {
        type: "callEngineCreate",
        vaultId: VAULT,
        organizationId: ORG,
        name: "prod",
        attempt: 1,
        deadlineMs: 5_000,
      },
      { type: "scheduleReminder", name: VAULT_SYNC_REMINDER, at: t0 + 30_000, seq: 1 },
    ]);
    expect(d.ctx.attempt).toBe(1);
    expect(vaultSyncStatus(d.state)).toBe("SYNCING");
  });

  test("ENGINE_OK: synced, the reminder cancelled, the lag recorded", () => {
    const d = inState("syncing");
    d.clock.advance(250);
    const fx = d.send({ type: "ENGINE_OK", op: "create", attempt: 1 });
    expect(d.state).toBe("synced");
    expect(fx).toEqual([
      { type: "cancelReminder", name: VAULT_SYNC_REMINDER },
      { type: "recordSynced", lagMs: 250, attempts: 1 },
    ]);
    expect(d.ctx.syncedAt).toBe(d.clock.now());
    expect(d.ctx.timer).toBeNull();
    expect(vaultSyncStatus(d.state)).toBe("SYNCED");
  });

  test("standalone SYNC: synced at once, no engine call", () => {
    const d = driver();
    const fx = d.send({ type: "SYNC", standalone: true });
    expect(d.state).toBe("synced");
    expect(types(fx)).toEqual(["cancelReminder", "recordSynced"]);
  });

  test("a retryable failure: failed, with a backoff reminder; the reminder starts attempt 2", () => {
    const d = inState("syncing");
    d.clock.advance(100);
    const failAt = d.clock.now();
    const fx = d.fail("UNAVAILABLE");
    expect(d.state).toBe("failed");
    expect(vaultSyncStatus(d.state)).toBe("FAILED");
    const [r] = nextRandom(42);
    const delay = backoffDelay(POLICY, 1, r);
    expect(fx).toEqual([
      {
        type: "recordFailure",
        op: "create",
        attempt: 1,
        code: "UNAVAILABLE",
        message: "engine said UNAVAILABLE",
        retryable: true,
        nextAttemptAt: failAt + delay,
      },
      { type: "scheduleReminder", name: VAULT_SYNC_REMINDER, at: failAt + delay, seq: 2 },
    ]);
    expect(d.ctx.lastError).toMatchObject({ code: "UNAVAILABLE", retryable: true, at: failAt });
    const fx2 = d.fire();
    expect(d.state).toBe("syncing");
    expect(d.ctx.attempt).toBe(2);
    expect(types(fx2)).toEqual(["callEngineCreate", "scheduleReminder"]);
    expect(fx2[0]).toMatchObject({ attempt: 2 });
    expect(fx2[1]).toMatchObject({ seq: 3, at: d.clock.now() + 30_000 });
  });

  test("after maxAttempts retryable failures: given up, the owners mailed once", () => {
    const d = inState("syncing");
    d.fail();
    d.fire();
    d.fail();
    d.fire();
    expect(d.ctx.attempt).toBe(3);
    const fx = d.fail("DEADLINE_EXCEEDED");
    expect(d.state).toBe("given_up");
    expect(vaultSyncStatus(d.state)).toBe("FAILED");
    expect(fx).toEqual([
      { type: "cancelReminder", name: VAULT_SYNC_REMINDER },
      {
        type: "recordFailure",
        op: "create",
        attempt: 3,
        code: "DEADLINE_EXCEEDED",
        message: "engine said DEADLINE_EXCEEDED",
        retryable: true,
        nextAttemptAt: null,
      },
      {
        type: "recordGivenUp",
        attempts: 3,
        code: "DEADLINE_EXCEEDED",
        message: "engine said DEADLINE_EXCEEDED",
      },
      {
        type: "mailOwners",
        vaultId: VAULT,
        organizationId: ORG,
        name: "prod",
        attempts: 3,
        lastError: "engine said DEADLINE_EXCEEDED",
      },
    ]);
    expect(d.ctx.givenUpAt).toBe(d.clock.now());
    expect(d.ctx.timer).toBeNull();
  });

  test("a permanent error gives up at once", () => {
    const d = inState("syncing");
    const fx = d.fail("INVALID_ARGUMENT", false);
    expect(d.state).toBe("given_up");
    expect(types(fx)).toEqual(["cancelReminder", "recordFailure", "recordGivenUp", "mailOwners"]);
    expect(d.ctx.attempt).toBe(1);
  });

  test("the watchdog (no outcome reported) counts as a retryable failure", () => {
    const d = inState("syncing");
    const fx = d.fire();
    expect(d.state).toBe("failed");
    expect(fx[0]).toMatchObject({
      type: "recordFailure",
      code: "NO_ANSWER",
      retryable: true,
      attempt: 1,
    });
    // ... and gives up when it was the last attempt.
    d.fire();
    d.fire();
    d.fire();
    expect(d.ctx.attempt).toBe(3);
    const last = d.fire();
    expect(d.state).toBe("given_up");
    expect(types(last)).toContain("mailOwners");
  });

  test("a late ENGINE_OK in failed (the watchdog gave up on an attempt that did apply): synced", () => {
    const d = inState("syncing");
    d.fire();
    expect(d.state).toBe("failed");
    const fx = d.send({ type: "ENGINE_OK", op: "create", attempt: 1 });
    expect(d.state).toBe("synced");
    expect(types(fx)).toEqual(["cancelReminder", "recordSynced"]);
  });

  test("a late ENGINE_OK in given_up: synced (the engine has the vault after all)", () => {
    const d = inState("given_up");
    d.send({ type: "ENGINE_OK", op: "create", attempt: 1 });
    expect(d.state).toBe("synced");
  });

  test("RESYNC from given_up starts over with a fresh attempt count", () => {
    const d = inState("given_up");
    d.clock.advance(60_000);
    const fx = d.send({ type: "RESYNC" });
    expect(d.state).toBe("syncing");
    expect(d.ctx.attempt).toBe(1);
    expect(d.ctx.lastError).toBeNull();
    expect(d.ctx.givenUpAt).toBeNull();
    expect(d.ctx.requestedAt).toBe(d.clock.now());
    expect(types(fx)).toEqual(["callEngineCreate", "scheduleReminder"]);
  });
});

describe("stale and duplicated events are ignored", () => {
  test("a failure of an earlier attempt, or of the other operation", () => {
    const d = inState("syncing");
    d.fail();
    d.fire(); // attempt 2 in flight
    const before = d.snap;
    expect(
      d.send({
        type: "ENGINE_FAILED",
        op: "create",
        attempt: 1,
        code: "UNAVAILABLE",
        message: "",
        retryable: true,
      }),
    ).toEqual([]);
    expect(
      d.send({
        type: "ENGINE_FAILED",
        op: "delete",
        attempt: 2,
        code: "UNAVAILABLE",
        message: "",
        retryable: true,
      }),
    ).toEqual([]);
    expect(d.send({ type: "ENGINE_OK", op: "delete", attempt: 2 })).toEqual([]);
    expect(d.snap.context).toEqual(before.context);
    expect(d.state).toBe("syncing");
  });

  test("a reminder with another seq (a replaced or re-delivered one)", () => {
    const d = inState("failed");
    const seq = d.seq;
    expect(d.send({ type: "TIMER", seq: seq - 1 })).toEqual([]);
    expect(d.state).toBe("failed");
    d.send({ type: "TIMER", seq });
    expect(d.state).toBe("syncing");
    // The same delivery again (at-least-once): the watchdog has a new seq, so nothing happens.
    expect(d.send({ type: "TIMER", seq })).toEqual([]);
    expect(d.state).toBe("syncing");
    expect(d.ctx.attempt).toBe(2);
  });

  test("a reminder delivered a little early by another node's clock still counts (the seq is the authority)", () => {
    const d = inState("failed");
    const fx = d.send({ type: "TIMER", seq: d.seq });
    expect(d.state).toBe("syncing");
    expect(types(fx)).toEqual(["callEngineCreate", "scheduleReminder"]);
  });
});

describe("REDRIVE (the leader job)", () => {
  test("does nothing before the pending reminder is due", () => {
    for (const s of ["syncing", "failed", "deleting", "delete_waiting"] as const) {
      const d = inState(s);
      expect(d.send({ type: "REDRIVE" })).toEqual([]);
      expect(d.state).toBe(s);
    }
  });

  test("once overdue, acts as the lost reminder would have", () => {
    const d = inState("failed");
    d.clock.advance(d.ctx.timer!.at - d.clock.now());
    d.send({ type: "REDRIVE" });
    expect(d.state).toBe("syncing");
    d.clock.advance(30_000);
    d.send({ type: "REDRIVE" });
    expect(d.state).toBe("failed");
    expect(d.ctx.lastError?.code).toBe("NO_ANSWER");
    const del = inState("deleting");
    del.clock.advance(30_000);
    del.send({ type: "REDRIVE" });
    expect(del.state).toBe("delete_waiting");
    del.clock.advance(60_000);
    del.send({ type: "REDRIVE" });
    expect(del.state).toBe("deleting");
  });

  test("is ignored where nothing waits", () => {
    for (const s of ["pending", "synced", "given_up", "removed"] as const) {
      const d = inState(s);
      d.clock.advance(3_600_000);
      expect(d.send({ type: "REDRIVE" })).toEqual([]);
      expect(d.state).toBe(s);
    }
  });
});

describe("deletion", () => {
  test("from pending: removed at once, nothing sent to the engine", () => {
    const d = inState("pending");
    const fx = d.send({ type: "DELETE" });
    expect(d.state).toBe("removed");
    expect(types(fx)).toEqual(["cancelReminder", "recordRemoved"]);
    expect(d.snap.status).toBe("done");
    expect(vaultSyncStatus(d.state)).toBeNull();
  });

  test.each(["syncing", "synced", "failed", "given_up"] as const)(
    "from %s: deleting with a fresh attempt count, one delete call",
    (s) => {
      const d = inState(s);
      d.clock.advance(10);
      const fx = d.send({ type: "DELETE" });
      expect(d.state).toBe("deleting");
      expect(vaultSyncStatus(d.state)).toBe("DELETING");
      expect(d.ctx.op).toBe("delete");
      expect(d.ctx.attempt).toBe(1);
      expect(d.ctx.requestedAt).toBe(d.clock.now());
      expect(fx).toEqual([
        { type: "callEngineDelete", vaultId: VAULT, attempt: 1, deadlineMs: 5_000 },
        {
          type: "scheduleReminder",
          name: VAULT_SYNC_REMINDER,
          at: d.clock.now() + 30_000,
          seq: d.seq,
        },
      ]);
    },
  );

  test.each(["syncing", "synced", "failed", "given_up"] as const)(
    "standalone DELETE from %s: removed at once",
    (s) => {
      const d = inState(s);
      d.send({ type: "DELETE", standalone: true });
      expect(d.state).toBe("removed");
    },
  );

  test("a create answer arriving while deleting is not taken for the delete's", () => {
    const d = inState("syncing");
    d.send({ type: "DELETE" });
    expect(d.send({ type: "ENGINE_OK", op: "create", attempt: 1 })).toEqual([]);
    expect(
      d.send({
        type: "ENGINE_FAILED",
        op: "create",
        attempt: 1,
        code: "UNAVAILABLE",
        message: "",
        retryable: true,
      }),
    ).toEqual([]);
    expect(d.state).toBe("deleting");
  });

  test("ENGINE_OK: removed, lag recorded, machine done", () => {
    const d = inState("deleting");
    d.clock.advance(40);
    const fx = d.send({ type: "ENGINE_OK", op: "delete", attempt: 1 });
    expect(d.state).toBe("removed");
    expect(fx).toEqual([
      { type: "cancelReminder", name: VAULT_SYNC_REMINDER },
      { type: "recordRemoved", lagMs: 40, attempts: 1 },
    ]);
    expect(d.snap.status).toBe("done");
  });

  test("retries with backoff, never gives up; a permanent error waits the longest delay", () => {
    const d = inState("deleting");
    for (let i = 1; i <= 8; i++) {
      const at = d.clock.now();
      const fx = d.fail("UNAVAILABLE", true, "delete");
      expect(d.state).toBe("delete_waiting");
      expect(fx[0]).toMatchObject({
        type: "recordFailure",
        op: "delete",
        attempt: i,
        nextAttemptAt: d.ctx.timer!.at,
      });
      expect(d.ctx.timer!.at - at).toBeLessThanOrEqual(POLICY.maxDelayMs);
      d.fire();
      expect(d.state).toBe("deleting");
      expect(d.ctx.attempt).toBe(i + 1);
    }
    const at = d.clock.now();
    d.fail("PERMISSION_DENIED", false, "delete");
    expect(d.state).toBe("delete_waiting");
    expect(d.ctx.timer!.at - at).toBe(POLICY.maxDelayMs);
    d.fire();
    d.send({ type: "ENGINE_OK", op: "delete", attempt: d.ctx.attempt });
    expect(d.state).toBe("removed");
  });

  test("the watchdog while deleting counts as a failure; a late delete OK while waiting: removed", () => {
    const d = inState("deleting");
    const fx = d.fire();
    expect(d.state).toBe("delete_waiting");
    expect(fx[0]).toMatchObject({ code: "NO_ANSWER", op: "delete" });
    d.send({ type: "ENGINE_OK", op: "delete", attempt: 1 });
    expect(d.state).toBe("removed");
  });

  test("DELETE while deleting or waiting is idempotent", () => {
    for (const s of ["deleting", "delete_waiting"] as const) {
      const d = inState(s);
      const before = d.snap.context;
      expect(d.send({ type: "DELETE" })).toEqual([]);
      expect(d.snap.context).toEqual(before);
    }
  });
});

describe("every state × every event", () => {
  const STATES: VaultSyncStateValue[] = [
    "pending",
    "syncing",
    "synced",
    "failed",
    "given_up",
    "deleting",
    "delete_waiting",
    "removed",
  ];
  const EVENTS = [
    "SYNC",
    "SYNC_STANDALONE",
    "ENGINE_OK_CREATE",
    "ENGINE_OK_DELETE",
    "ENGINE_FAILED_RETRYABLE",
    "ENGINE_FAILED_PERMANENT",
    "TIMER",
    "REDRIVE_DUE",
    "RESYNC",
    "DELETE",
    "DELETE_STANDALONE",
  ] as const;
  // Expected next state; "=" stays.
  const TABLE: Record<
    VaultSyncStateValue,
    Record<(typeof EVENTS)[number], VaultSyncStateValue | "=">
  > = {
    pending: {
      SYNC: "syncing",
      SYNC_STANDALONE: "synced",
      ENGINE_OK_CREATE: "=",
      ENGINE_OK_DELETE: "=",
      ENGINE_FAILED_RETRYABLE: "=",
      ENGINE_FAILED_PERMANENT: "=",
      TIMER: "=",
      REDRIVE_DUE: "=",
      RESYNC: "=",
      DELETE: "removed",
      DELETE_STANDALONE: "removed",
    },
    syncing: {
      SYNC: "=",
      SYNC_STANDALONE: "=",
      ENGINE_OK_CREATE: "synced",
      ENGINE_OK_DELETE: "=",
      ENGINE_FAILED_RETRYABLE: "failed",
      ENGINE_FAILED_PERMANENT: "given_up",
      TIMER: "failed",
      REDRIVE_DUE: "failed",
      RESYNC: "=",
      DELETE: "deleting",
      DELETE_STANDALONE: "removed",
    },
    synced: {
      SYNC: "=",
      SYNC_STANDALONE: "=",
      ENGINE_OK_CREATE: "=",
      ENGINE_OK_DELETE: "=",
      ENGINE_FAILED_RETRYABLE: "=",
      ENGINE_FAILED_PERMANENT: "=",
      TIMER: "=",
      REDRIVE_DUE: "=",
      RESYNC: "=",
      DELETE: "deleting",
      DELETE_STANDALONE: "removed",
    },
    failed: {
      SYNC: "=",
      SYNC_STANDALONE: "=",
      ENGINE_OK_CREATE: "synced",
      ENGINE_OK_DELETE: "=",
      ENGINE_FAILED_RETRYABLE: "=",
      ENGINE_FAILED_PERMANENT: "=",
      TIMER: "syncing",
      REDRIVE_DUE: "syncing",
      RESYNC: "=",
      DELETE: "deleting",
      DELETE_STANDALONE: "removed",
    },
    given_up: {
      SYNC: "=",
      SYNC_STANDALONE: "=",
      ENGINE_OK_CREATE: "synced",
      ENGINE_OK_DELETE: "=",
      ENGINE_FAILED_RETRYABLE: "=",
      ENGINE_FAILED_PERMANENT: "=",
      TIMER: "=",
      REDRIVE_DUE: "=",
      RESYNC: "syncing",
      DELETE: "deleting",
      DELETE_STANDALONE: "removed",
    },
    deleting: {
      SYNC: "=",
      SYNC_STANDALONE: "=",
      ENGINE_OK_CREATE: "=",
      ENGINE_OK_DELETE: "removed",
      ENGINE_FAILED_RETRYABLE: "delete_waiting",
      ENGINE_FAILED_PERMANENT: "delete_waiting",
      TIMER: "delete_waiting",
      REDRIVE_DUE: "delete_waiting",
      RESYNC: "=",
      DELETE: "=",
      DELETE_STANDALONE: "=",
    },
    delete_waiting: {
      SYNC: "=",
      SYNC_STANDALONE: "=",
      ENGINE_OK_CREATE: "=",
      ENGINE_OK_DELETE: "removed",
      ENGINE_FAILED_RETRYABLE: "=",
      ENGINE_FAILED_PERMANENT: "=",
      TIMER: "deleting",
      REDRIVE_DUE: "deleting",
      RESYNC: "=",
      DELETE: "=",
      DELETE_STANDALONE: "=",
    },
    removed: {
      SYNC: "=",
      SYNC_STANDALONE: "=",
      ENGINE_OK_CREATE: "=",
      ENGINE_OK_DELETE: "=",
      ENGINE_FAILED_RETRYABLE: "=",
      ENGINE_FAILED_PERMANENT: "=",
      TIMER: "=",
      REDRIVE_DUE: "=",
      RESYNC: "=",
      DELETE: "=",
      DELETE_STANDALONE: "=",
    },
  };
  for (const s of STATES) {
    for (const ev of EVENTS) {
      const want = TABLE[s][ev];
      test(`${s} + ${ev} → ${want === "=" ? s : want}`, () => {
        const d = inState(s);
        const attempt = d.ctx.attempt;
        const op = (x: "create" | "delete") => ({ op: x, attempt });
        const timer = d.ctx.timer;
        if (ev === "REDRIVE_DUE" && timer) d.clock.advance(Math.max(0, timer.at - d.clock.now()));
        const e: DistributiveOmit<VaultSyncEvent, "now"> = {
          SYNC: { type: "SYNC" },
          SYNC_STANDALONE: { type: "SYNC", standalone: true },
          ENGINE_OK_CREATE: { type: "ENGINE_OK", ...op("create") },
          ENGINE_OK_DELETE: { type: "ENGINE_OK", ...op("delete") },
          ENGINE_FAILED_RETRYABLE: {
            type: "ENGINE_FAILED",
            ...op(d.ctx.op ?? "create"),
            code: "UNAVAILABLE",
            message: "m",
            retryable: true,
          },
          ENGINE_FAILED_PERMANENT: {
            type: "ENGINE_FAILED",
            ...op(d.ctx.op ?? "create"),
            code: "INVALID_ARGUMENT",
            message: "m",
            retryable: false,
          },
          TIMER: { type: "TIMER", seq: timer?.seq ?? 1 },
          REDRIVE_DUE: { type: "REDRIVE" },
          RESYNC: { type: "RESYNC" },
          DELETE: { type: "DELETE" },
          DELETE_STANDALONE: { type: "DELETE", standalone: true },
        }[ev] as DistributiveOmit<VaultSyncEvent, "now">;
        const before = d.snap.context;
        const fx = d.send(e);
        expect(d.state).toBe(want === "=" ? s : want);
        if (want === "=") {
          // An event a state does not take changes nothing and asks for nothing.
          expect(fx).toEqual([]);
          expect(d.snap.context).toEqual(before);
        }
      });
    }
  }
});

describe("backoff", () => {
  test("exponential, capped, with equal jitter", () => {
    const p = { ...POLICY, baseDelayMs: 1_000, maxDelayMs: 10_000 };
    expect(backoffDelay(p, 1, 0)).toBe(500);
    expect(backoffDelay(p, 1, 0.999999)).toBe(1_000);
    expect(backoffDelay(p, 2, 0)).toBe(1_000);
    expect(backoffDelay(p, 3, 0.5)).toBe(3_000);
    expect(backoffDelay(p, 10, 0)).toBe(5_000);
    expect(backoffDelay(p, 10, 0.999999)).toBe(10_000);
  });

  test("the jitter comes from the seeded PRNG in the context: deterministic per seed, varying across seeds", () => {
    const delays = (seed: number) => {
      const d = driver(seed);
      d.send({ type: "SYNC" });
      const out: number[] = [];
      for (let i = 0; i < 2; i++) {
        const at = d.clock.now();
        d.fail();
        out.push(d.ctx.timer!.at - at);
        d.fire();
      }
      return out;
    };
    expect(delays(7)).toEqual(delays(7));
    const many = new Set(Array.from({ length: 20 }, (_, i) => delays(i + 1)[0]));
    expect(many.size).toBeGreaterThan(5);
    for (const v of many) {
      expect(v!).toBeGreaterThanOrEqual(500);
      expect(v!).toBeLessThanOrEqual(1_000);
    }
    const [r, next] = nextRandom(7);
    expect(r).toBeGreaterThanOrEqual(0);
    expect(r).toBeLessThan(1);
    expect(nextRandom(7)).toEqual([r, next]);
  });
});

describe("persistence", () => {
  test("every state survives persistMachine → JSON → restoreMachine, and continues the same way", () => {
    for (const s of [
      "pending",
      "syncing",
      "synced",
      "failed",
      "given_up",
      "deleting",
      "delete_waiting",
      "removed",
    ] as const) {
      const d = inState(s);
      const p = JSON.parse(
        JSON.stringify(persistMachine(vaultSyncMachine, VAULT_SYNC_MACHINE_VERSION, d.snap)),
      );
      expect(p).toMatchObject({ machine: "vault-sync", version: VAULT_SYNC_MACHINE_VERSION });
      const restored = restoreMachine(vaultSyncMachine, VAULT_SYNC_MACHINE_VERSION, p);
      expect(restored.value).toBe(s);
      expect(restored.context).toEqual(d.snap.context);
      const e: VaultSyncEvent = { type: "DELETE", now: d.clock.now() + 1 };
      const a = stepVaultSync(d.snap, e);
      const b = stepVaultSync(restored, e);
      expect(b.state).toBe(a.state);
      expect(b.effects).toEqual(a.effects);
    }
  });

  test("a pending retry survives a restore: its reminder still drives it", () => {
    const d = inState("failed");
    const p = persistMachine(vaultSyncMachine, VAULT_SYNC_MACHINE_VERSION, d.snap);
    const restored = restoreMachine(
      vaultSyncMachine,
      VAULT_SYNC_MACHINE_VERSION,
      JSON.parse(JSON.stringify(p)),
    );
    const r = stepVaultSync(restored, { type: "TIMER", now: d.ctx.timer!.at, seq: d.seq });
    expect(r.state).toBe("syncing");
    expect(r.effects[0]).toMatchObject({ type: "callEngineCreate", attempt: 2 });
  });

  test("a snapshot from a newer machine version is refused", () => {
    const d = inState("synced");
    const p = persistMachine(vaultSyncMachine, VAULT_SYNC_MACHINE_VERSION + 1, d.snap);
    expect(() => restoreMachine(vaultSyncMachine, VAULT_SYNC_MACHINE_VERSION, p)).toThrow(
      RangeError,
    );
  });

  test("the machine uses no `after` delays (timeouts are durable reminders)", () => {
    const json = JSON.stringify(vaultSyncMachine.config);
    expect(json).not.toContain('"after"');
    for (const node of Object.values(vaultSyncMachine.root.states)) expect(node.after).toEqual([]);
  });
});
