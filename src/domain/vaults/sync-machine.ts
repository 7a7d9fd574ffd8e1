/**
 * The vault-sync machine (api.md A13, docs/actors.md "The machines"): the engine side of a vault's
 * life, from creation to removal.
 *
 * ```
 *  pending ──SYNC──▶ syncing ──ENGINE_OK──▶ synced
 *     │                │  ▲
 *     │   ENGINE_FAILED│  │TIMER / REDRIVE (backoff over)
 *     │   TIMER(no answer)  │
 *     │                ▼  │
 *     │              failed ──(attempts used up or permanent error)──▶ given_up (owners mailed)
 *     │
 *     └──DELETE──▶ removed        any live state ──DELETE──▶ deleting ⇄ delete_waiting ──▶ removed
 * ```
 *
 * Pure: every event carries the time (`now`, wall-clock ms from the injected Clock, read by the
 * caller); the jitter of the backoff comes from a PRNG whose state is in the context (seeded by the
 * input), so a transition is a function of (snapshot, event) and replays identically. Effects are
 * named actions with parameters that do nothing here: the caller (the vault actor) computes a turn
 * with XState's `transition()` (`stepVaultSync`) and turns each effect into a write, a reminder or
 * an after-commit call:
 *
 * | effect | the caller does |
 * |---|---|
 * | `callEngineCreate` / `callEngineDelete` | the engine RPC, after commit only (G6); its outcome comes back as `ENGINE_OK` / `ENGINE_FAILED` with the same `op` and `attempt` |
 * | `scheduleReminder {name, at, seq}` | `ctx.schedule({name, at, message})`; the message comes back as `TIMER {seq}` |
 * | `cancelReminder {name}` | `ctx.cancelReminder(name)` |
 * | `recordFailure` | metrics, `sync_error`, audit `vault_sync_failed` |
 * | `recordSynced` / `recordRemoved` | metrics (lag), state |
 * | `recordGivenUp` | audit `vault_sync_given_up` |
 * | `mailOwners` | mail the organization's owners (through the mail outbox) |
 *
 * Durable timing: nothing here uses `after`. Each wait is ONE durable reminder named
 * `VAULT_SYNC_REMINDER` (scheduling replaces the previous one) whose `seq` identifies it, so a
 * stale or duplicated delivery is ignored. In `syncing`/`deleting` it is a watchdog (no answer
 * within `attemptTimeoutMs`: the node died between the commit and the report, or the report was
 * lost) counted as a retryable failure; in `failed`/`delete_waiting` it is the end of the backoff.
 * `REDRIVE` (a leader job re-driving stuck vaults) acts like the reminder once its due time has
 * passed, so a lost reminder cannot strand a vault either.
 *
 * Retries: attempt n failing (retryable) waits `backoffDelay(policy, n, r)`: base·2^(n-1) capped at
 * `maxDelayMs`, with equal jitter (half fixed, half random). Creation gives up after `maxAttempts`
 * attempts or at the first permanent error; deletion never gives up (the engine must forget a
 * deleted vault), waiting at most `maxDelayMs` between attempts (a permanent error waits exactly
 * that). The engine proto is idempotent on the vault id and keeps tombstones, so repeating a create
 * or delete after an unknown outcome, or a create that lands after the delete, is safe.
 *
 * Persist with `persistMachine(vaultSyncMachine, VAULT_SYNC_MACHINE_VERSION, snapshot)` and restore
 * with `restoreMachine(vaultSyncMachine, VAULT_SYNC_MACHINE_VERSION, persisted)` (src/runtime/define.ts,
 * called by the actor: the domain does not import the runtime).
 */
import { assign, initialTransition, type SnapshotFrom, setup, transition } from "xstate";

export const VAULT_SYNC_MACHINE_NAME = "vault-sync";
/** Bump when states, context or events change shape (and give restoreMachine a migration). */
export const VAULT_SYNC_MACHINE_VERSION = 1;
/** The one reminder name the machine uses (per vault actor). */
export const VAULT_SYNC_REMINDER = "vault-sync";

export interface VaultSyncPolicy {
  /** Create attempts before giving up (≥ 1). */
  maxAttempts: number;
  /** Backoff after the first failed attempt, before jitter (ms). */
  baseDelayMs: number;
  /** Upper bound of any backoff (ms). */
  maxDelayMs: number;
  /** Deadline of one engine call (ms), passed to the call effects. */
  callDeadlineMs: number;
  /** Watchdog: with no reported outcome this long after an attempt started, it counts as failed. */
  attemptTimeoutMs: number;
}

export const DEFAULT_VAULT_SYNC_POLICY: VaultSyncPolicy = {
  maxAttempts: 6,
  baseDelayMs: 1_000,
  maxDelayMs: 300_000,
  callDeadlineMs: 5_000,
  attemptTimeoutMs: 30_000,
};

export type VaultSyncOp = "create" | "delete";

export interface VaultSyncError {
  /** gRPC status name (`UNAVAILABLE`, …) or `NO_ANSWER` (the watchdog). */
  code: string;
  message: string;
  retryable: boolean;
  at: number;
}

export interface VaultSyncContext {
  vaultId: string;
  organizationId: string;
  name: string;
  policy: VaultSyncPolicy;
  /** PRNG state (uint32) of the jitter. */
  seed: number;
  /** The engine operation under way (null in pending). */
  op: VaultSyncOp | null;
  /** Attempts started for the current operation. */
  attempt: number;
  /** When the current operation was asked for (lag = done - requestedAt). */
  requestedAt: number;
  createdAt: number;
  /** The pending durable reminder (null when none). */
  timer: { seq: number; at: number } | null;
  /** Sequence of the last reminder scheduled. */
  timerSeq: number;
  lastError: VaultSyncError | null;
  syncedAt: number | null;
  givenUpAt: number | null;
  removedAt: number | null;
}

export interface VaultSyncInput {
  vaultId: string;
  organizationId: string;
  name: string;
  now: number;
  /** Seed of the jitter PRNG (any integer; e.g. from the vault id or crypto random). */
  seed: number;
  policy?: Partial<VaultSyncPolicy>;
}

export type VaultSyncEvent =
  /** Start syncing a new vault; `standalone` (no engine configured): synced at once. */
  | { type: "SYNC"; now: number; standalone?: boolean }
  /** The engine call `op`/`attempt` succeeded. */
  | { type: "ENGINE_OK"; now: number; op: VaultSyncOp; attempt: number }
  /** The engine call `op`/`attempt` failed (EngineError: code, message, retryable). */
  | {
      type: "ENGINE_FAILED";
      now: number;
      op: VaultSyncOp;
      attempt: number;
      code: string;
      message: string;
      retryable: boolean;
    }
  /** The durable reminder `seq` fired. */
  | { type: "TIMER"; now: number; seq: number }
  /** A leader job re-drives a vault that may be stuck; acts only when its reminder is overdue. */
  | { type: "REDRIVE"; now: number }
  /** An operator (or the owner) asks to try again a vault that gave up; attempts start over. */
  | { type: "RESYNC"; now: number }
  /** The vault was deleted; `standalone`: removed at once, no engine call. */
  | { type: "DELETE"; now: number; standalone?: boolean };

export type VaultSyncEffect =
  | {
      type: "callEngineCreate";
      vaultId: string;
      organizationId: string;
      name: string;
      attempt: number;
      deadlineMs: number;
    }
  | { type: "callEngineDelete"; vaultId: string; attempt: number; deadlineMs: number }
  | { type: "scheduleReminder"; name: string; at: number; seq: number }
  | { type: "cancelReminder"; name: string }
  | {
      type: "recordFailure";
      op: VaultSyncOp;
      attempt: number;
      code: string;
      message: string;
      retryable: boolean;
      /** When the next attempt is due; null when creation gives up. */
      nextAttemptAt: number | null;
    }
  | { type: "recordSynced"; lagMs: number; attempts: number }
  | { type: "recordGivenUp"; attempts: number; code: string; message: string }
  | {
      type: "mailOwners";
      vaultId: string;
      organizationId: string;
      name: string;
      attempts: number;
      lastError: string;
    }
  | { type: "recordRemoved"; lagMs: number; attempts: number };

export type VaultSyncEffectType = VaultSyncEffect["type"];
type EffectParams<T extends VaultSyncEffectType> = Omit<
  Extract<VaultSyncEffect, { type: T }>,
  "type"
>;

export type VaultSyncStateValue =
  | "pending"
  | "syncing"
  | "synced"
  | "failed"
  | "given_up"
  | "deleting"
  | "delete_waiting"
  | "removed";

/** The public `sync_status` (api.md A4) of a machine state; null once removed. */
export function vaultSyncStatus(
  state: VaultSyncStateValue,
): "PENDING" | "SYNCING" | "SYNCED" | "FAILED" | "DELETING" | null {
  switch (state) {
    case "pending":
      return "PENDING";
    case "syncing":
      return "SYNCING";
    case "synced":
      return "SYNCED";
    case "failed":
    case "given_up":
      return "FAILED";
    case "deleting":
    case "delete_waiting":
      return "DELETING";
    case "removed":
      return null;
  }
}

/** One step of mulberry32: a float in [0, 1) and the next state. */
export function nextRandom(seed: number): [number, number] {
  const next = (seed + 0x6d2b79f5) >>> 0;
  let t = next;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return [((t ^ (t >>> 14)) >>> 0) / 4294967296, next];
}

/**
 * The wait after `attempt` failed: base·2^(attempt-1), capped at maxDelayMs, half of it fixed and
 * half scaled by `r` ∈ [0, 1) ("equal jitter": never zero, never above the cap).
 */
export function backoffDelay(policy: VaultSyncPolicy, attempt: number, r: number): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.ceil(exp / 2 + (r * exp) / 2);
}

const now = (e: VaultSyncEvent) => e.now;

/** The failure effect of a failed attempt that will be retried (after `scheduleRetry`). */
const RETRY_FAILURE = {
  type: "recordFailure",
  params: ({ context }: { context: VaultSyncContext }) =>
    failureParams(context, context.timer?.at ?? null),
} as const;

function isCurrentFailure(c: VaultSyncContext, e: VaultSyncEvent, op: VaultSyncOp): boolean {
  return e.type === "ENGINE_FAILED" && e.op === op && e.op === c.op && e.attempt === c.attempt;
}

function isCurrentTimer(c: VaultSyncContext, e: VaultSyncEvent): boolean {
  if (c.timer === null) return false;
  if (e.type === "TIMER") return e.seq === c.timer.seq;
  if (e.type === "REDRIVE") return e.now >= c.timer.at;
  return false;
}

/** The error a failed attempt leaves: the engine's, or the watchdog's. */
function failureOf(c: VaultSyncContext, e: VaultSyncEvent): VaultSyncError {
  if (e.type === "ENGINE_FAILED") {
    return { code: e.code, message: e.message, retryable: e.retryable, at: e.now };
  }
  return {
    code: "NO_ANSWER",
    message: `no outcome reported within ${c.policy.attemptTimeoutMs} ms of attempt ${c.attempt}`,
    retryable: true,
    at: e.now,
  };
}

export const vaultSyncMachine = setup({
  types: {
    context: {} as VaultSyncContext,
    events: {} as VaultSyncEvent,
    input: {} as VaultSyncInput,
  },
  guards: {
    standalone: ({ event }) =>
      (event.type === "SYNC" || event.type === "DELETE") && event.standalone === true,
    createOk: ({ event }) => event.type === "ENGINE_OK" && event.op === "create",
    deleteOk: ({ event }) => event.type === "ENGINE_OK" && event.op === "delete",
    /** The current create attempt failed and another one is allowed. */
    createRetryable: ({ context, event }) =>
      isCurrentFailure(context, event, "create") &&
      event.type === "ENGINE_FAILED" &&
      event.retryable &&
      context.attempt < context.policy.maxAttempts,
    createFailed: ({ context, event }) => isCurrentFailure(context, event, "create"),
    deleteFailed: ({ context, event }) => isCurrentFailure(context, event, "delete"),
    /** The pending reminder fired (TIMER with its seq, or REDRIVE past its due time). */
    timerDue: ({ context, event }) => isCurrentTimer(context, event),
    /** The watchdog fired and another attempt is allowed. */
    timerDueAttemptsLeft: ({ context, event }) =>
      isCurrentTimer(context, event) && context.attempt < context.policy.maxAttempts,
  },
  actions: {
    beginCreate: assign(({ event }) => ({
      op: "create" as const,
      attempt: 0,
      requestedAt: now(event),
      lastError: null,
      givenUpAt: null,
    })),
    beginDelete: assign(({ event }) => ({
      op: "delete" as const,
      attempt: 0,
      requestedAt: now(event),
      lastError: null,
    })),
    /** A new attempt: count it and arm the watchdog. */
    startAttempt: assign(({ context, event }) => ({
      attempt: context.attempt + 1,
      timerSeq: context.timerSeq + 1,
      timer: { seq: context.timerSeq + 1, at: now(event) + context.policy.attemptTimeoutMs },
    })),
    /** Record the failure and arm the backoff reminder (creation with attempts left, deletion). */
    scheduleRetry: assign(({ context, event }) => {
      const error = failureOf(context, event);
      const [r, seed] = nextRandom(context.seed);
      const delay =
        context.op === "delete" && !error.retryable
          ? context.policy.maxDelayMs
          : backoffDelay(context.policy, context.attempt, r);
      return {
        seed,
        lastError: error,
        timerSeq: context.timerSeq + 1,
        timer: { seq: context.timerSeq + 1, at: now(event) + delay },
      };
    }),
    noteFinalFailure: assign(({ context, event }) => ({
      lastError: failureOf(context, event),
      givenUpAt: now(event),
      timer: null,
    })),
    markSynced: assign(({ event }) => ({ syncedAt: now(event), timer: null, lastError: null })),
    markRemoved: assign(({ event }) => ({ removedAt: now(event), timer: null })),
    // Effects (named; the caller performs them).
    callEngineCreate: (_, _p: EffectParams<"callEngineCreate">) => {},
    callEngineDelete: (_, _p: EffectParams<"callEngineDelete">) => {},
    scheduleReminder: (_, _p: EffectParams<"scheduleReminder">) => {},
    cancelReminder: (_, _p: EffectParams<"cancelReminder">) => {},
    recordFailure: (_, _p: EffectParams<"recordFailure">) => {},
    recordSynced: (_, _p: EffectParams<"recordSynced">) => {},
    recordGivenUp: (_, _p: EffectParams<"recordGivenUp">) => {},
    mailOwners: (_, _p: EffectParams<"mailOwners">) => {},
    recordRemoved: (_, _p: EffectParams<"recordRemoved">) => {},
  },
}).createMachine({
  id: VAULT_SYNC_MACHINE_NAME,
  initial: "pending",
  context: ({ input }) => ({
    vaultId: input.vaultId,
    organizationId: input.organizationId,
    name: input.name,
    policy: { ...DEFAULT_VAULT_SYNC_POLICY, ...input.policy },
    seed: input.seed >>> 0,
    op: null,
    attempt: 0,
    requestedAt: input.now,
    createdAt: input.now,
    timer: null,
    timerSeq: 0,
    lastError: null,
    syncedAt: null,
    givenUpAt: null,
    removedAt: null,
  }),
  states: {
    pending: {
      on: {
        SYNC: [
          { guard: "standalone", target: "synced", actions: "beginCreate" },
          { target: "syncing", actions: "beginCreate" },
        ],
        // Nothing was sent to the engine yet: nothing to undo there.
        DELETE: { target: "removed", actions: "beginDelete" },
      },
    },
    syncing: {
      entry: [
        "startAttempt",
        {
          type: "callEngineCreate",
          params: ({ context }) => ({
            vaultId: context.vaultId,
            organizationId: context.organizationId,
            name: context.name,
            attempt: context.attempt,
            deadlineMs: context.policy.callDeadlineMs,
          }),
        },
        { type: "scheduleReminder", params: ({ context }) => reminderParams(context) },
      ],
      on: {
        ENGINE_OK: { guard: "createOk", target: "synced" },
        ENGINE_FAILED: [
          { guard: "createRetryable", target: "failed", actions: ["scheduleRetry", RETRY_FAILURE] },
          { guard: "createFailed", target: "given_up", actions: "noteFinalFailure" },
        ],
        TIMER: [
          {
            guard: "timerDueAttemptsLeft",
            target: "failed",
            actions: ["scheduleRetry", RETRY_FAILURE],
          },
          { guard: "timerDue", target: "given_up", actions: "noteFinalFailure" },
        ],
        REDRIVE: [
          {
            guard: "timerDueAttemptsLeft",
            target: "failed",
            actions: ["scheduleRetry", RETRY_FAILURE],
          },
          { guard: "timerDue", target: "given_up", actions: "noteFinalFailure" },
        ],
        DELETE: [
          { guard: "standalone", target: "removed", actions: "beginDelete" },
          { target: "deleting", actions: "beginDelete" },
        ],
      },
    },
    failed: {
      entry: [{ type: "scheduleReminder", params: ({ context }) => reminderParams(context) }],
      on: {
        TIMER: { guard: "timerDue", target: "syncing" },
        REDRIVE: { guard: "timerDue", target: "syncing" },
        // A late answer of an attempt the watchdog gave up on: the engine has the vault.
        ENGINE_OK: { guard: "createOk", target: "synced" },
        DELETE: [
          { guard: "standalone", target: "removed", actions: "beginDelete" },
          { target: "deleting", actions: "beginDelete" },
        ],
      },
    },
    given_up: {
      entry: [
        { type: "cancelReminder", params: { name: VAULT_SYNC_REMINDER } },
        {
          type: "recordFailure",
          params: ({ context }) => failureParams(context, null),
        },
        {
          type: "recordGivenUp",
          params: ({ context }) => ({
            attempts: context.attempt,
            code: context.lastError?.code ?? "UNKNOWN",
            message: context.lastError?.message ?? "",
          }),
        },
        {
          type: "mailOwners",
          params: ({ context }) => ({
            vaultId: context.vaultId,
            organizationId: context.organizationId,
            name: context.name,
            attempts: context.attempt,
            lastError: context.lastError?.message ?? "",
          }),
        },
      ],
      on: {
        ENGINE_OK: { guard: "createOk", target: "synced" },
        RESYNC: { target: "syncing", actions: "beginCreate" },
        DELETE: [
          { guard: "standalone", target: "removed", actions: "beginDelete" },
          { target: "deleting", actions: "beginDelete" },
        ],
      },
    },
    synced: {
      entry: [
        "markSynced",
        { type: "cancelReminder", params: { name: VAULT_SYNC_REMINDER } },
        {
          type: "recordSynced",
          params: ({ context }) => ({
            lagMs: (context.syncedAt ?? context.requestedAt) - context.requestedAt,
            attempts: context.attempt,
          }),
        },
      ],
      on: {
        DELETE: [
          { guard: "standalone", target: "removed", actions: "beginDelete" },
          { target: "deleting", actions: "beginDelete" },
        ],
      },
    },
    deleting: {
      entry: [
        "startAttempt",
        {
          type: "callEngineDelete",
          params: ({ context }) => ({
            vaultId: context.vaultId,
            attempt: context.attempt,
            deadlineMs: context.policy.callDeadlineMs,
          }),
        },
        { type: "scheduleReminder", params: ({ context }) => reminderParams(context) },
      ],
      on: {
        ENGINE_OK: { guard: "deleteOk", target: "removed" },
        ENGINE_FAILED: {
          guard: "deleteFailed",
          target: "delete_waiting",
          actions: ["scheduleRetry", RETRY_FAILURE],
        },
        TIMER: {
          guard: "timerDue",
          target: "delete_waiting",
          actions: ["scheduleRetry", RETRY_FAILURE],
        },
        REDRIVE: {
          guard: "timerDue",
          target: "delete_waiting",
          actions: ["scheduleRetry", RETRY_FAILURE],
        },
      },
    },
    delete_waiting: {
      entry: [{ type: "scheduleReminder", params: ({ context }) => reminderParams(context) }],
      on: {
        TIMER: { guard: "timerDue", target: "deleting" },
        REDRIVE: { guard: "timerDue", target: "deleting" },
        ENGINE_OK: { guard: "deleteOk", target: "removed" },
      },
    },
    removed: {
      type: "final",
      entry: [
        "markRemoved",
        { type: "cancelReminder", params: { name: VAULT_SYNC_REMINDER } },
        {
          type: "recordRemoved",
          params: ({ context }) => ({
            lagMs: (context.removedAt ?? context.requestedAt) - context.requestedAt,
            attempts: context.attempt,
          }),
        },
      ],
    },
  },
});

function reminderParams(c: VaultSyncContext): EffectParams<"scheduleReminder"> {
  // Every state that schedules has just armed `timer` (startAttempt / scheduleRetry).
  const t = c.timer ?? { seq: c.timerSeq, at: c.requestedAt };
  return { name: VAULT_SYNC_REMINDER, at: t.at, seq: t.seq };
}

function failureParams(
  c: VaultSyncContext,
  nextAttemptAt: number | null,
): EffectParams<"recordFailure"> {
  return {
    op: c.op ?? "create",
    attempt: c.attempt,
    code: c.lastError?.code ?? "UNKNOWN",
    message: c.lastError?.message ?? "",
    retryable: c.lastError?.retryable ?? false,
    nextAttemptAt,
  };
}

export type VaultSyncSnapshot = SnapshotFrom<typeof vaultSyncMachine>;

export interface VaultSyncStep {
  snapshot: VaultSyncSnapshot;
  state: VaultSyncStateValue;
  /** The effects the step asks for, in order, with their parameters. */
  effects: VaultSyncEffect[];
}

const EFFECTS = new Set<string>([
  "callEngineCreate",
  "callEngineDelete",
  "scheduleReminder",
  "cancelReminder",
  "recordFailure",
  "recordSynced",
  "recordGivenUp",
  "mailOwners",
  "recordRemoved",
]);

function effectsOf(actions: { type: string; params?: unknown }[]): VaultSyncEffect[] {
  return actions
    .filter((a) => EFFECTS.has(a.type))
    .map((a) => ({ ...(a.params as object), type: a.type }) as VaultSyncEffect);
}

/** The machine of a vault created at `input.now`, in `pending` (send `SYNC` next). */
export function startVaultSync(input: VaultSyncInput): VaultSyncStep {
  const [snapshot, actions] = initialTransition(vaultSyncMachine, input);
  return { snapshot, state: snapshot.value as VaultSyncStateValue, effects: effectsOf(actions) };
}

/** Applies one event (pure). An event a state does not take leaves the snapshot as it is. */
export function stepVaultSync(snapshot: VaultSyncSnapshot, event: VaultSyncEvent): VaultSyncStep {
  const [next, actions] = transition(vaultSyncMachine, snapshot, event);
  return { snapshot: next, state: next.value as VaultSyncStateValue, effects: effectsOf(actions) };
}
