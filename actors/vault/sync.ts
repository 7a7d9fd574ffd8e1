/**
 * The vault actor's side of the engine sync (docs/vaults.md, "Engine sync"): after a turn's own
 * operation, steps the persisted vault-sync machine (src/domain/vaults/sync-machine.ts) with the
 * event the turn implies and turns the machine's effects into parts of the same commit:
 *
 * | effect | becomes |
 * |---|---|
 * | `callEngineCreate` / `callEngineDelete` | the `call` of the sync index entry ("sq", vault): the sync driver (main thread) makes the RPC after commit and reports with `sync.result` |
 * | `scheduleReminder` / `cancelReminder` | `ctx.schedule` / `ctx.cancelReminder` (durable; the reminder message is `sync.timer {seq}`) |
 * | `recordFailure` | `sync_error` on the record, audit `vault_sync_failed` |
 * | `recordGivenUp` | audit `vault_sync_given_up` |
 * | `mailOwners` | the given-up notice ("sn", vault): the driver writes the owners' mail and removes the notice in one transaction (one mail) |
 * | `recordSynced` / `recordRemoved` | the lag, in the reply (the driver's metrics) |
 *
 * Events: a new record (`create`) starts the machine; standalone, it sends `SYNC` at once
 * (SYNCED, no call); otherwise the machine stays in `pending` (PENDING) and the turn schedules the
 * durable reminder `vault-sync-start`, due at once, whose `sync.start` sends `SYNC` (syncing, the
 * first call): the service also sends `sync.start` right after the create answered, for latency;
 * it only acts in `pending`, and the turn that acts cancels the reminder, so doubles are harmless
 * and a crash between the create's commit and the start still syncs. A record that became a
 * tombstone in this turn (`delete`, the organization cascade) sends `DELETE`; `sync.result`,
 * `sync.timer` and `sync.redrive` send `ENGINE_OK`/`ENGINE_FAILED`, `TIMER` and `REDRIVE`.
 */
import type { TurnOutput } from "../../src/domain/organizations/turn.ts";
import type { VaultSyncPersisted } from "../../src/domain/vaults/codecs.ts";
import { VaultSyncCodec } from "../../src/domain/vaults/codecs.ts";
import { VaultKeys } from "../../src/domain/vaults/keys.ts";
import type { VaultState } from "../../src/domain/vaults/state.ts";
import {
  startVaultSync,
  stepVaultSync,
  VAULT_SYNC_MACHINE_VERSION,
  type VaultSyncEvent,
  type VaultSyncPolicy,
  type VaultSyncSnapshot,
  type VaultSyncStateValue,
  vaultSyncMachine,
  vaultSyncStatus,
} from "../../src/domain/vaults/sync-machine.ts";
import {
  clearSyncIndexWrites,
  putGivenUpNoticeWrites,
  putSyncIndexWrites,
} from "../../src/domain/vaults/sync-records.ts";
import type { Vault } from "../../src/domain/vaults/types.ts";
import { putVaultWrites } from "../../src/domain/vaults/writes.ts";
import {
  type PersistedMachine,
  persistMachine,
  restoreMachine,
  type TurnContext,
} from "../../src/runtime/define.ts";
import type { VaultMessage } from "./protocol.ts";

/** What `sync.result`, `sync.timer` and `sync.redrive` answer. */
export interface SyncStepReply {
  /** The machine state after the turn (null: the vault has no machine). */
  state: VaultSyncStateValue | null;
  /** Set when this turn finished an operation (synced / removed): requested → done, ms. */
  lag_ms: number | null;
  /** The operation finished (`recordSynced` → create, `recordRemoved` → delete). */
  done: "create" | "delete" | null;
  /** The machine wants an engine call now (the driver makes it after this reply). */
  call: boolean;
}

/** The reminder that starts the sync of a new vault (`sync.start`), scheduled by its create. */
export const SYNC_START_REMINDER = "vault-sync-start";

const WORKING = new Set<VaultSyncStateValue>(["syncing", "failed", "deleting", "delete_waiting"]);

function seedOf(vaultId: string): number {
  return Number(BigInt(vaultId) % 4294967296n);
}

function restore(p: VaultSyncPersisted): VaultSyncSnapshot {
  return restoreMachine(vaultSyncMachine, VAULT_SYNC_MACHINE_VERSION, p as PersistedMachine);
}

/** The machine event this turn implies, or null. */
function eventOf(
  pre: VaultState,
  post: VaultState,
  msg: VaultMessage,
  now: number,
): VaultSyncEvent | null {
  switch (msg.type) {
    case "sync.result":
      return msg.ok
        ? { type: "ENGINE_OK", now, op: msg.op, attempt: msg.attempt }
        : {
            type: "ENGINE_FAILED",
            now,
            op: msg.op,
            attempt: msg.attempt,
            code: msg.code,
            message: msg.message,
            retryable: msg.retryable,
          };
    case "sync.timer":
      return { type: "TIMER", now, seq: msg.seq };
    case "sync.redrive":
      return { type: "REDRIVE", now };
    case "sync.start":
      // Taken in `pending` only (the machine ignores SYNC elsewhere).
      return { type: "SYNC", now };
  }
  const wasLive = pre.vault !== null && pre.vault.deleted_at === null;
  if (wasLive && post.vault !== null && post.vault.deleted_at !== null) {
    // A machine that never called the engine (standalone: synced at attempt 0) has nothing there.
    const snap = post.sync ? restore(post.sync) : null;
    const standalone = snap === null || (snap.value === "synced" && snap.context.attempt === 0);
    return snap === null ? null : { type: "DELETE", now, standalone };
  }
  return null;
}

/**
 * Steps the machine after the turn's operation (see the module comment). `pre` is the state before
 * the turn, `post` the operation's result; returns the state to keep and, for the sync messages,
 * their reply.
 */
export function driveSync(
  pre: VaultState,
  post: VaultState,
  msg: VaultMessage,
  ctx: TurnContext,
  out: TurnOutput,
): { state: VaultState; reply?: SyncStepReply } {
  // Operations build new states without the machine: keep the one from before the turn.
  let state: VaultState = post.sync === undefined ? { ...post, sync: pre.sync ?? null } : post;
  const now = ctx.now;
  const isSync =
    msg.type === "sync.result" ||
    msg.type === "sync.timer" ||
    msg.type === "sync.redrive" ||
    msg.type === "sync.start";
  // Most turns (every read, most writes) imply no machine event: nothing to restore or step.
  if (!isSync && msg.type !== "create" && eventOf(pre, state, msg, now) === null) return { state };
  let snapshot: VaultSyncSnapshot | null = state.sync ? restore(state.sync) : null;
  const effects: ReturnType<typeof stepVaultSync>["effects"] = [];
  let stepped = false;

  if (msg.type === "create" && pre.vault === null && state.vault !== null && snapshot === null) {
    const v = state.vault;
    const policy: Partial<VaultSyncPolicy> | undefined = msg.sync;
    const start = startVaultSync({
      vaultId: v.id,
      organizationId: v.org_id,
      name: v.name,
      now,
      seed: seedOf(v.id),
      ...(policy ? { policy } : {}),
    });
    snapshot = start.snapshot;
    effects.push(...start.effects);
    if (msg.standalone) {
      const step = stepVaultSync(snapshot, { type: "SYNC", now, standalone: true });
      snapshot = step.snapshot;
      effects.push(...step.effects);
    } else {
      // PENDING until the first engine call is under way: the start is requested durably.
      ctx.schedule({ name: SYNC_START_REMINDER, at: now, message: { type: "sync.start" } });
    }
    stepped = true;
  } else if (snapshot !== null) {
    const event = eventOf(pre, state, msg, now);
    if (event) {
      const before = JSON.stringify(snapshot.context) + JSON.stringify(snapshot.value);
      const step = stepVaultSync(snapshot, event);
      stepped =
        before !== JSON.stringify(step.snapshot.context) + JSON.stringify(step.snapshot.value);
      snapshot = step.snapshot;
      effects.push(...step.effects);
      // Started (by the service or the reminder itself): the reminder has nothing left to do.
      if (stepped && msg.type === "sync.start") ctx.cancelReminder(SYNC_START_REMINDER);
    }
  }

  if (snapshot === null) {
    return isSync
      ? { state, reply: { state: null, lag_ms: null, done: null, call: false } }
      : { state };
  }
  const value = snapshot.value as VaultSyncStateValue;
  const c = snapshot.context;
  let lag: number | null = null;
  let done: SyncStepReply["done"] = null;
  let call = false;
  let vault: Vault | null = state.vault;
  const auditTo = vault?.org_id;

  for (const e of effects) {
    switch (e.type) {
      case "callEngineCreate":
      case "callEngineDelete":
        call = true;
        break;
      case "scheduleReminder":
        ctx.schedule({ name: e.name, at: e.at, message: { type: "sync.timer", seq: e.seq } });
        break;
      case "cancelReminder":
        ctx.cancelReminder(e.name);
        break;
      case "recordFailure":
        if (auditTo) {
          out.event({
            event_type: "vault_sync_failed",
            resource_type: "vault",
            resource_id: c.vaultId,
            data: {
              op: e.op,
              attempt: String(e.attempt),
              code: e.code,
              error: e.message,
              next_attempt_at:
                e.nextAttemptAt === null ? null : new Date(e.nextAttemptAt).toISOString(),
            },
          });
        }
        break;
      case "recordGivenUp":
        if (auditTo) {
          out.event({
            event_type: "vault_sync_given_up",
            resource_type: "vault",
            resource_id: c.vaultId,
            data: { attempts: String(e.attempts), code: e.code, error: e.message },
          });
        }
        break;
      case "mailOwners":
        out.write(
          putGivenUpNoticeWrites({
            vault_id: e.vaultId,
            org_id: e.organizationId,
            name: e.name,
            attempts: e.attempts,
            last_error: e.lastError,
            at: now,
          }),
        );
        break;
      case "recordSynced":
        lag = e.lagMs;
        done = "create";
        break;
      case "recordRemoved":
        lag = e.lagMs;
        done = "delete";
        break;
    }
  }

  if (stepped) {
    const persisted = persistMachine(vaultSyncMachine, VAULT_SYNC_MACHINE_VERSION, snapshot);
    const stored = persisted as VaultSyncPersisted;
    out.write([
      { op: "set", key: VaultKeys.sync(c.vaultId), value: VaultSyncCodec.encode(stored) },
    ]);
    state = { ...state, sync: stored };
    if (WORKING.has(value)) {
      out.write(
        putSyncIndexWrites({
          vault_id: c.vaultId,
          org_id: c.organizationId,
          name: c.name,
          state: value,
          call:
            (value === "syncing" || value === "deleting") && c.op !== null
              ? {
                  op: c.op,
                  attempt: c.attempt,
                  deadline_ms: c.policy.callDeadlineMs,
                  since: now,
                }
              : null,
          timer_at: c.timer?.at ?? null,
        }),
      );
    } else {
      out.write(clearSyncIndexWrites(c.vaultId));
    }
    // The record shows the machine's status (A4); a tombstone keeps DELETING once removed.
    const status = vaultSyncStatus(value);
    if (vault && status !== null) {
      const error = status === "FAILED" ? (c.lastError?.message ?? "sync failed") : null;
      if (vault.sync_status !== status || vault.sync_error !== error) {
        vault = { ...vault, sync_status: status, sync_error: error };
        out.write(putVaultWrites(vault));
        state = { ...state, vault };
      }
    }
  }
  return isSync ? { state, reply: { state: value, lag_ms: lag, done, call } } : { state };
}
