/**
 * One step of an activation's drain loop: a batch of turns, group-committed.
 *
 *   1. take the queued messages (up to the batch limits), dropping expired ones
 *      (`DEADLINE_EXCEEDED`) and answering known idempotency keys from their stored outcome;
 *   2. run each as a turn, in order, each on the state the previous one produced;
 *   3. commit all their write sets in one transaction that re-reads the owner key (fencing);
 *   4. only then release the replies and let the executor run after-commit effects (output gate).
 *
 * A failed commit discards the in-memory state and the batch's effects:
 *   - `stale` (a validated read changed): reload state and re-run the same turns, at most
 *     `MAX_TURN_ATTEMPTS` times, then `ACTOR_COMMIT_FAILED`;
 *   - `fenced` (another activation owns the actor): close; every queued message is answered
 *     `NOT_OWNER` with the owner's node id in `meta.owner`, which routers follow (re-running
 *     elsewhere is safe: nothing of these turns was committed);
 *   - one turn whose write set exceeds the KV limits: `TURN_TOO_LARGE` (413, not retryable);
 *   - a KV error (unavailable, retries exhausted; the outcome may be unknown): close
 *     and answer `ACTOR_COMMIT_FAILED` (503, retryable; with an Idempotency-Key the retry is
 *     exact). The next message re-activates from the store.
 */

import { cancelReminder, scheduleReminder } from "../cluster/reminders.ts";
import type { KvStore, Mutation } from "../kv/types.ts";
import { isKvError } from "../kv/types.ts";
import type { Clock } from "../lib/clock.ts";
import { AppError } from "../lib/errors.ts";
import type { Logger } from "../lib/log.ts";
import type { ActorMessage, ActorRef, JsonObject, JsonValue } from "./define.ts";
import { RuntimeErrors } from "./errors.ts";
import type { ReminderOp, TurnRunner } from "./executor.ts";
import type { IdempotencyRecord, OwnerRecord, SerializedError } from "./keys.ts";
import type { Mailbox } from "./mailbox.ts";
import type { RuntimeMetrics } from "./metrics.ts";
import { type CommitTurn, commitBatch, readIdempotency } from "./persistence.ts";

/** A message waiting in a mailbox. `deadline` is on this node's monotonic clock. */
export interface Envelope {
  message: ActorMessage;
  deadline: number;
  principal?: JsonObject | undefined;
  origin?: JsonObject | undefined;
  idempotencyKey?: string | undefined;
  resolve(reply: JsonValue): void;
  reject(error: AppError): void;
  attempts: number;
}

/** Turns re-run at most this many times after stale commits. */
export const MAX_TURN_ATTEMPTS = 3;
/** An activation as the batch code sees it (the host adds its drain bookkeeping). */
export interface BatchActivation {
  ref: ActorRef;
  key: string;
  status: "activating" | "active" | "closed";
  owner: OwnerRecord | undefined;
  mailbox: Mailbox<Envelope>;
  lastActive: number;
  /** What queued messages were answered with when the activation closed. */
  closeError?: AppError;
}

/** What a batch needs from its host. */
export interface BatchDeps {
  kv: KvStore;
  clock: Clock;
  log: Logger;
  runner: TurnRunner;
  metrics: RuntimeMetrics | undefined;
  maxTurns: number;
  maxBytes: number;
  /** How long idempotency outcomes are kept (ms). */
  idempotencyTtlMs: number;
  isFenced(): boolean;
  /** Turn ids, unique on this node for its lifetime (the executor keys pending effects by them). */
  nextTurnId(): number;
  /** Closes the activation, answering what it still holds with `error`. */
  close(act: BatchActivation, error: AppError): void;
}

interface BatchTurn {
  env: Envelope;
  turnId: number;
  outcome: { ok: true; reply: JsonValue } | { ok: false; error: SerializedError };
  commit: CommitTurn;
  /** Envelopes with the same Idempotency-Key that arrived in the same batch. */
  followers: Envelope[];
  fingerprint: string | undefined;
}

export function deserializeError(e: SerializedError): AppError {
  return new AppError(e.code, e.kind as AppError["kind"], e.message, {
    public: e.public,
    details: e.details,
    retryAfterSeconds: e.retryAfterSeconds,
    meta: e.meta,
  });
}

/** SHA-256 (hex) of a message, to tell a retry from a different request with the same key. */
export function fingerprint(message: ActorMessage): string {
  return new Bun.CryptoHasher("sha256").update(JSON.stringify(message)).digest("hex");
}

function bytesOf(t: CommitTurn): number {
  let n = t.idempotency ? JSON.stringify(t.idempotency.record).length + 128 : 0;
  for (const m of t.mutations) {
    if (m.op === "set") n += m.key.length + m.value.length;
    else if (m.op === "clearRange") n += m.begin.length + m.end.length;
    else if (m.op === "setVersionstampedKey")
      n += m.prefix.length + m.suffix.length + m.value.length + 10;
    else n += m.key.length + 8;
  }
  return n;
}

/** A turn's reminder operations as mutations of the cluster's reminder index. */
function reminderMutations(ref: ActorRef, ops: readonly ReminderOp[]): Mutation[] {
  const out: Mutation[] = [];
  for (const op of ops) {
    if (op.op === "schedule") {
      out.push(
        ...scheduleReminder({
          kind: ref.kind,
          id: ref.id,
          name: op.reminder.name,
          dueMs: op.reminder.at,
          payload: op.reminder.message,
        }),
      );
    } else out.push(...cancelReminder({ kind: ref.kind, id: ref.id, name: op.name }));
  }
  return out;
}

/** True when a turn's commit would write (mutations or a stored idempotency outcome). */
function writesSomething(t: CommitTurn): boolean {
  return t.mutations.length > 0 || t.idempotency !== undefined;
}

export async function runBatch(d: BatchDeps, act: BatchActivation): Promise<void> {
  const { clock, runner, metrics } = d;
  const batch: BatchTurn[] = [];
  const byIdem = new Map<string, BatchTurn>();
  let bytes = 0;
  while (act.mailbox.length > 0 && batch.length < d.maxTurns && bytes < d.maxBytes) {
    const env = act.mailbox.shift()!;
    if (clock.monotonic() >= env.deadline) {
      metrics?.rejected.inc({ reason: "deadline" });
      env.reject(RuntimeErrors.DEADLINE_EXCEEDED(undefined, { meta: { actor: act.key } }));
      continue;
    }
    let fp: string | undefined;
    if (env.idempotencyKey !== undefined) {
      fp = fingerprint(env.message);
      const first = byIdem.get(env.idempotencyKey);
      if (first) {
        if (first.fingerprint !== fp) env.reject(RuntimeErrors.IDEMPOTENCY_KEY_REUSED());
        else first.followers.push(env);
        continue;
      }
      const stored = await readIdempotency(d.kv, act.ref, env.idempotencyKey, clock.now());
      if (act.status !== "active") {
        // Closed while looking up: answer as the closing answered the others.
        env.reject(
          act.closeError ?? RuntimeErrors.NODE_UNAVAILABLE(undefined, { retryAfterSeconds: 1 }),
        );
        break; // the turns already run are answered by `commit`, which refuses a closed activation
      }
      if (stored) {
        if (stored.fingerprint !== fp) env.reject(RuntimeErrors.IDEMPOTENCY_KEY_REUSED());
        else if (stored.outcome.ok) env.resolve(stored.outcome.reply);
        else env.reject(deserializeError(stored.outcome.error));
        continue;
      }
    }
    const turnId = d.nextTurnId();
    const started = clock.monotonic();
    const out = await runner.turn({
      kind: act.ref.kind,
      id: act.ref.id,
      turnId,
      message: env.message,
      now: clock.now(),
      principal: env.principal,
      origin: env.origin,
      idempotencyKey: env.idempotencyKey,
    });
    metrics?.turnSeconds.observe({ kind: act.ref.kind }, (clock.monotonic() - started) / 1000);
    const commit: CommitTurn = out.ok
      ? {
          reads: out.reads,
          mutations: [...out.mutations, ...reminderMutations(act.ref, out.reminders)],
        }
      : { reads: [], mutations: [] };
    if (env.idempotencyKey !== undefined && fp !== undefined) {
      const record: IdempotencyRecord = {
        fingerprint: fp,
        expiresAt: clock.now() + d.idempotencyTtlMs,
        outcome: out.ok ? { ok: true, reply: out.reply } : { ok: false, error: out.error },
      };
      commit.idempotency = { key: env.idempotencyKey, record };
    }
    const bt: BatchTurn = {
      env,
      turnId,
      outcome: out.ok ? { ok: true, reply: out.reply } : { ok: false, error: out.error },
      commit,
      followers: [],
      fingerprint: fp,
    };
    batch.push(bt);
    if (env.idempotencyKey !== undefined) byIdem.set(env.idempotencyKey, bt);
    bytes += bytesOf(commit);
    if (act.status !== "active") break;
  }
  if (batch.length > 0) await commit(d, act, batch);
}

async function commit(d: BatchDeps, act: BatchActivation, batch: BatchTurn[]) {
  const { kv, clock, runner, metrics, log } = d;
  const turnIds = batch.map((b) => b.turnId);
  const owner = act.owner!;
  const started = clock.monotonic();
  let result: Awaited<ReturnType<typeof commitBatch>>;
  try {
    if (act.status !== "active") {
      throw RuntimeErrors.NODE_UNAVAILABLE(undefined, { retryAfterSeconds: 1 });
    }
    // A fenced node commits nothing (it may no longer be the owner, and it mints no ids), but a
    // batch of read-only turns needs no commit: `commitBatch` checks that the owner key is still
    // this activation's in a read-only transaction, so the in-memory state it answered from is
    // still exact (only the owner writes an actor's keys). Under a foreign SQLite lock such reads
    // keep being answered (docs/cluster.md).
    if (d.isFenced() && batch.some((b) => writesSomething(b.commit))) {
      // Refused without closing the activation: its reads go on being answered. The turns'
      // in-memory effects are dropped and the state reloaded from the store (a read).
      runner.settle(act.ref.kind, act.ref.id, turnIds, false);
      const err = RuntimeErrors.NODE_UNAVAILABLE(undefined, { retryAfterSeconds: 1 });
      for (const b of batch) for (const env of [b.env, ...b.followers]) env.reject(err);
      const loaded = await runner.activate(act.ref.kind, act.ref.id, clock.now());
      if (!loaded.ok) d.close(act, deserializeError(loaded.error));
      return;
    }
    result = await commitBatch(
      kv,
      act.ref,
      owner,
      batch.map((b) => b.commit),
    );
  } catch (e) {
    runner.settle(act.ref.kind, act.ref.id, turnIds, false);
    if (isKvError(e) && e.notApplied) {
      // Certainly not committed (the store never began the commit: another process holds the
      // write lock): answer 503 and keep the activation, reloaded, so its reads go on.
      const err = RuntimeErrors.ACTOR_COMMIT_FAILED(undefined, { retryAfterSeconds: 1, cause: e });
      for (const b of batch) for (const env of [b.env, ...b.followers]) env.reject(err);
      const loaded = await runner.activate(act.ref.kind, act.ref.id, clock.now());
      if (!loaded.ok) d.close(act, deserializeError(loaded.error));
      return;
    }
    // One turn whose write set exceeds the KV limits will never fit: answer 413, not a retryable
    // 503. (A batch of several turns is bounded below the limits when it is formed.)
    const err =
      e instanceof AppError
        ? e
        : isKvError(e, "too_large") && batch.length === 1
          ? RuntimeErrors.TURN_TOO_LARGE(undefined, { cause: e })
          : RuntimeErrors.ACTOR_COMMIT_FAILED(undefined, { retryAfterSeconds: 1, cause: e });
    if (!(e instanceof AppError)) {
      log.warn("actor commit failed", {
        actor: act.key,
        err: e,
        code: isKvError(e) ? e.code : undefined,
      });
    }
    for (const b of batch) for (const env of [b.env, ...b.followers]) env.reject(err);
    d.close(act, err);
    return;
  }
  metrics?.commitSeconds.observe({ kind: act.ref.kind }, (clock.monotonic() - started) / 1000);
  act.lastActive = clock.monotonic();
  if (result.status === "committed") {
    act.owner = result.owner;
    metrics?.turnsPerCommit.observe({ kind: act.ref.kind }, batch.length);
    runner.settle(act.ref.kind, act.ref.id, turnIds, true);
    for (const b of batch) {
      for (const env of [b.env, ...b.followers]) {
        if (b.outcome.ok) env.resolve(b.outcome.reply);
        else env.reject(deserializeError(b.outcome.error));
      }
    }
    return;
  }
  runner.settle(act.ref.kind, act.ref.id, turnIds, false);
  if (result.status === "fenced") {
    metrics?.fencingRejections.inc({ kind: act.ref.kind });
    log.info("actor fenced", { actor: act.key, owner: result.owner?.nodeId ?? null });
    const err = RuntimeErrors.NOT_OWNER(undefined, {
      meta: { owner: result.owner?.nodeId ?? null, actor: act.key },
    });
    for (const b of batch) for (const env of [b.env, ...b.followers]) env.reject(err);
    d.close(act, err);
    return;
  }
  // stale: reload and re-run the batch's turns in order (followers re-queue behind their leader).
  const again: Envelope[] = [];
  for (const b of batch) {
    for (const env of [b.env, ...b.followers]) {
      env.attempts++;
      if (env.attempts >= MAX_TURN_ATTEMPTS) {
        env.reject(RuntimeErrors.ACTOR_COMMIT_FAILED(undefined, { retryAfterSeconds: 1 }));
      } else again.push(env);
    }
  }
  act.mailbox.unshiftAll(again);
  const loaded = await runner.activate(act.ref.kind, act.ref.id, clock.now());
  if (!loaded.ok) d.close(act, deserializeError(loaded.error));
}
