/**
 * The actor host (main thread): activation, mailboxes, the fenced group commit, the output gate,
 * idempotency, deadlines, idle eviction and fencing reactions. Turns themselves run in an executor
 * (src/runtime/executor.ts) on this thread or on a worker (src/runtime/workers.ts); the host is
 * the only one that talks to the KV store.
 *
 * One activation per actor key on this node. Its drain loop is serial:
 *   1. take the queued messages (up to the batch limits), dropping expired ones
 *      (`DEADLINE_EXCEEDED`) and answering known idempotency keys from their stored outcome;
 *   2. run each as a turn, in order, each on the state the previous one produced;
 *   3. commit all their write sets in one transaction that re-reads the owner key (fencing);
 *   4. only then release the replies and let the executor run after-commit effects (output gate).
 * A failed commit discards the in-memory state and the batch's effects:
 *   - `stale` (a validated read changed): reload state and re-run the same turns, at most
 *     `MAX_TURN_ATTEMPTS` times, then `ACTOR_COMMIT_FAILED`;
 *   - `fenced` (another activation owns the actor): deactivate; every queued message is answered
 *     `NOT_OWNER` with the owner's node id in `meta.owner`, which routers follow (re-running
 *     elsewhere is safe: nothing of these turns was committed);
 *   - a KV error (unavailable, too large, retries exhausted; the outcome may be unknown):
 *     deactivate and answer `ACTOR_COMMIT_FAILED` (503, retryable; with an Idempotency-Key the
 *     retry is exact). The next message re-activates from the store.
 */

import { cancelReminder, scheduleReminder } from "../cluster/reminders.ts";
import type { KvStore, Mutation } from "../kv/types.ts";
import { isKvError } from "../kv/types.ts";
import type { Clock } from "../lib/clock.ts";
import { AppError } from "../lib/errors.ts";
import type { Logger } from "../lib/log.ts";
import type { ActorMessage, ActorRef, JsonObject, JsonValue } from "./define.ts";
import { RuntimeErrors } from "./errors.ts";
import type {
  ActivateOutcome,
  ExecutorStats,
  ReminderOp,
  TurnOutcome,
  TurnRequest,
} from "./executor.ts";
import {
  IDEMPOTENCY_TTL_MS,
  type IdempotencyRecord,
  type OwnerRecord,
  type SerializedError,
} from "./keys.ts";
import { Mailbox } from "./mailbox.ts";
import type { RuntimeMetrics } from "./metrics.ts";
import {
  type Claimant,
  type CommitTurn,
  claim,
  commitBatch,
  readIdempotency,
  release,
} from "./persistence.ts";

/** Where turns run: an `ActorExecutor` on this thread or a pool of workers. */
export interface TurnRunner {
  activate(kind: string, id: string, now: number): Promise<ActivateOutcome>;
  turn(req: TurnRequest): Promise<TurnOutcome>;
  settle(kind: string, id: string, turnIds: readonly number[], committed: boolean): void;
  deactivate(kind: string, id: string): void;
  clear(): void;
  /** Counters of the executor(s). */
  stats(): Promise<ExecutorStats>;
  /** Releases threads. */
  close(): Promise<void>;
}

/** What the host needs to know about the cluster (adapted from `ClusterView` in main.ts). */
export interface HostCluster {
  /** This node's current registration. */
  self(): Claimant;
  /** Whether `(nodeId, incarnation)` is alive in this node's view. */
  isAlive(nodeId: string, incarnation: number): boolean;
  /** True while this node must take no turns. */
  isFenced(): boolean;
}

export interface HostOptions {
  kv: KvStore;
  clock: Clock;
  log: Logger;
  runner: TurnRunner;
  cluster: HostCluster;
  /** Messages queued per actor before `MAILBOX_FULL`. */
  mailboxCapacity: number;
  /** Idle time (ms) after which an activation is evicted. */
  idleMs: number;
  metrics?: RuntimeMetrics;
  /** Group commit bounds (defaults 256 turns, 512 KiB of written bytes). */
  maxBatchTurns?: number;
  maxBatchBytes?: number;
}

/** A message waiting in a mailbox. `deadline` is on this node's monotonic clock. */
export interface Envelope {
  message: ActorMessage;
  deadline: number;
  principal?: JsonObject | undefined;
  idempotencyKey?: string | undefined;
  resolve(reply: JsonValue): void;
  reject(error: AppError): void;
  attempts: number;
}

/** Turns re-run at most this many times after stale commits. */
export const MAX_TURN_ATTEMPTS = 3;
const RETRY_AFTER_FULL_S = 1;

type Status = "activating" | "active" | "closed";

interface Activation {
  ref: ActorRef;
  key: string;
  status: Status;
  owner: OwnerRecord | undefined;
  mailbox: Mailbox<Envelope>;
  draining: Promise<void> | undefined;
  lastActive: number;
  nextTurnId: number;
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
  let n = 0;
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

/** Re-reads the status after an await (defeats TypeScript's narrowing across awaits). */
function isClosed(act: Activation): boolean {
  return act.status === "closed";
}

export class ActorHost {
  readonly #o: HostOptions;
  readonly #acts = new Map<string, Activation>();
  readonly #maxTurns: number;
  readonly #maxBytes: number;
  #closed = false;
  #sweeper: AbortController | undefined;

  constructor(opts: HostOptions) {
    this.#o = opts;
    this.#maxTurns = opts.maxBatchTurns ?? 256;
    this.#maxBytes = opts.maxBatchBytes ?? 512 * 1024;
  }

  /** True when the actor is active (or activating) on this node. */
  isLocal(ref: ActorRef): boolean {
    const a = this.#acts.get(`${ref.kind}/${ref.id}`);
    return a !== undefined && a.status !== "closed";
  }

  /** Active actors per kind (health section). */
  activeByKind(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const a of this.#acts.values()) {
      if (a.status === "active") out[a.ref.kind] = (out[a.ref.kind] ?? 0) + 1;
    }
    return out;
  }

  get size(): number {
    return this.#acts.size;
  }

  /**
   * Queues a message for the actor, activating it here when needed. Resolves with the reply after
   * commit; rejects with AppError (`NOT_OWNER` with `meta.owner` when another live node owns it).
   */
  deliver(
    ref: ActorRef,
    message: ActorMessage,
    opts: {
      deadline: number;
      principal?: JsonObject | undefined;
      idempotencyKey?: string | undefined;
    },
  ): Promise<JsonValue> {
    return new Promise<JsonValue>((resolve, reject) => {
      const env: Envelope = { message, ...opts, resolve, reject, attempts: 0 };
      this.#enqueue(ref, env);
    });
  }

  #enqueue(ref: ActorRef, env: Envelope) {
    if (this.#closed || this.#o.cluster.isFenced()) {
      this.#o.metrics?.rejected.inc({ reason: "unavailable" });
      return env.reject(RuntimeErrors.NODE_UNAVAILABLE(undefined, { retryAfterSeconds: 1 }));
    }
    const key = `${ref.kind}/${ref.id}`;
    let act = this.#acts.get(key);
    if (!act || act.status === "closed") {
      act = {
        ref: { kind: ref.kind, id: ref.id },
        key,
        status: "activating",
        owner: undefined,
        mailbox: new Mailbox<Envelope>(this.#o.mailboxCapacity),
        draining: undefined,
        lastActive: this.#o.clock.monotonic(),
        nextTurnId: 1,
      };
      this.#acts.set(key, act);
      act.mailbox.push(env);
      void this.#activate(act);
      return;
    }
    act.lastActive = this.#o.clock.monotonic();
    this.#o.metrics?.mailboxDepth.observe({ kind: ref.kind }, act.mailbox.length);
    if (!act.mailbox.push(env)) {
      this.#o.metrics?.rejected.inc({ reason: "mailbox_full" });
      return env.reject(
        RuntimeErrors.MAILBOX_FULL(undefined, {
          retryAfterSeconds: RETRY_AFTER_FULL_S,
          meta: { actor: key, capacity: this.#o.mailboxCapacity },
        }),
      );
    }
    if (act.status === "active") void this.#drain(act);
  }

  async #activate(act: Activation) {
    const { kv, clock, cluster, runner, log } = this.#o;
    try {
      const self = cluster.self();
      const res = await claim(kv, act.ref, self, (n, i) => cluster.isAlive(n, i));
      if (isClosed(act)) {
        if (res.ok) await release(kv, act.ref, res.owner).catch(() => undefined);
        return;
      }
      if (!res.ok) {
        return this.#close(
          act,
          RuntimeErrors.NOT_OWNER(undefined, {
            meta: { owner: res.owner.nodeId, actor: act.key },
          }),
        );
      }
      act.owner = res.owner;
      const loaded = await runner.activate(act.ref.kind, act.ref.id, clock.now());
      if (!loaded.ok) {
        await release(kv, act.ref, res.owner).catch(() => undefined);
        return this.#close(act, deserializeError(loaded.error));
      }
      if (isClosed(act)) {
        runner.deactivate(act.ref.kind, act.ref.id);
        await release(kv, act.ref, res.owner).catch(() => undefined);
        return;
      }
      act.status = "active";
      this.#o.metrics?.activations.inc({ kind: act.ref.kind });
      this.#o.metrics?.activeActors.inc({ kind: act.ref.kind });
      void this.#drain(act);
    } catch (e) {
      log.warn("actor activation failed", { actor: act.key, err: e });
      this.#close(
        act,
        RuntimeErrors.ACTOR_COMMIT_FAILED(undefined, { retryAfterSeconds: 1, cause: e }),
      );
    }
  }

  /** Marks the activation closed, answers everything queued with `error`, forgets it. */
  #close(act: Activation, error: AppError) {
    if (act.status === "active") this.#o.metrics?.activeActors.dec({ kind: act.ref.kind });
    act.status = "closed";
    if (this.#acts.get(act.key) === act) this.#acts.delete(act.key);
    this.#o.runner.deactivate(act.ref.kind, act.ref.id);
    for (const env of act.mailbox.drain()) env.reject(error);
  }

  #drain(act: Activation): Promise<void> {
    if (!act.draining) act.draining = this.#drainLoop(act);
    return act.draining;
  }

  async #drainLoop(act: Activation) {
    try {
      while (act.status === "active" && act.mailbox.length > 0) {
        if (this.#o.cluster.isFenced()) {
          this.#close(act, RuntimeErrors.NODE_UNAVAILABLE(undefined, { retryAfterSeconds: 1 }));
          return;
        }
        await this.#runBatch(act);
      }
    } catch (e) {
      this.#o.log.error("actor drain failed", { actor: act.key, err: e });
      this.#close(act, RuntimeErrors.ACTOR_COMMIT_FAILED(undefined, { retryAfterSeconds: 1 }));
    } finally {
      act.draining = undefined;
    }
  }

  async #runBatch(act: Activation) {
    const { clock, runner, metrics } = this.#o;
    const batch: BatchTurn[] = [];
    const byIdem = new Map<string, BatchTurn>();
    let bytes = 0;
    while (act.mailbox.length > 0 && batch.length < this.#maxTurns && bytes < this.#maxBytes) {
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
        const stored = await readIdempotency(this.#o.kv, act.ref, env.idempotencyKey, clock.now());
        if (act.status !== "active") return act.mailbox.unshiftAll([env]);
        if (stored) {
          if (stored.fingerprint !== fp) env.reject(RuntimeErrors.IDEMPOTENCY_KEY_REUSED());
          else if (stored.outcome.ok) env.resolve(stored.outcome.reply);
          else env.reject(deserializeError(stored.outcome.error));
          continue;
        }
      }
      const turnId = act.nextTurnId++;
      const started = clock.monotonic();
      const out = await runner.turn({
        kind: act.ref.kind,
        id: act.ref.id,
        turnId,
        message: env.message,
        now: clock.now(),
        principal: env.principal,
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
          expiresAt: clock.now() + IDEMPOTENCY_TTL_MS,
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
    if (batch.length > 0) await this.#commit(act, batch);
  }

  async #commit(act: Activation, batch: BatchTurn[]) {
    const { kv, clock, runner, metrics, log } = this.#o;
    const turnIds = batch.map((b) => b.turnId);
    const owner = act.owner!;
    const started = clock.monotonic();
    let result: Awaited<ReturnType<typeof commitBatch>>;
    try {
      if (act.status !== "active" || this.#o.cluster.isFenced()) {
        throw RuntimeErrors.NODE_UNAVAILABLE(undefined, { retryAfterSeconds: 1 });
      }
      result = await commitBatch(
        kv,
        act.ref,
        owner,
        batch.map((b) => b.commit),
        clock.now(),
      );
    } catch (e) {
      runner.settle(act.ref.kind, act.ref.id, turnIds, false);
      const err =
        e instanceof AppError
          ? e
          : RuntimeErrors.ACTOR_COMMIT_FAILED(undefined, { retryAfterSeconds: 1, cause: e });
      if (!(e instanceof AppError)) {
        log.warn("actor commit failed", {
          actor: act.key,
          err: e,
          code: isKvError(e) ? e.code : undefined,
        });
      }
      for (const b of batch) for (const env of [b.env, ...b.followers]) env.reject(err);
      this.#close(act, err);
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
      this.#close(act, err);
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
    if (!loaded.ok) this.#close(act, deserializeError(loaded.error));
  }

  /**
   * Evicts activations idle for `idleMs` (no queued or running turn): releases the owner key with
   * a compare-and-set and drops the state. Called by the sweeper; tests call it directly.
   */
  async evictIdle(): Promise<number> {
    const now = this.#o.clock.monotonic();
    let n = 0;
    for (const act of [...this.#acts.values()]) {
      // A drain with an empty mailbox is finishing its last batch: let it end first.
      if (act.draining && act.mailbox.length === 0) await act.draining;
      if (act.status !== "active" || act.draining || act.mailbox.length > 0) continue;
      if (now - act.lastActive < this.#o.idleMs) continue;
      await this.#evict(act);
      n++;
    }
    return n;
  }

  async #evict(act: Activation) {
    const owner = act.owner!;
    this.#o.metrics?.activeActors.dec({ kind: act.ref.kind });
    act.status = "closed";
    this.#o.runner.deactivate(act.ref.kind, act.ref.id);
    try {
      await release(this.#o.kv, act.ref, owner);
    } catch (e) {
      this.#o.log.warn("actor release failed", { actor: act.key, err: e });
    }
    if (this.#acts.get(act.key) === act) this.#acts.delete(act.key);
    this.#o.metrics?.evictions.inc({ kind: act.ref.kind });
    // Messages that arrived while releasing start a fresh activation.
    for (const env of act.mailbox.drain()) this.#enqueue(act.ref, env);
  }

  /** Starts the idle sweeper (every `min(idleMs / 4, 1000)` ms of the clock). */
  start(): void {
    if (this.#sweeper) return;
    const ctl = new AbortController();
    this.#sweeper = ctl;
    const every = Math.max(1, Math.min(Math.floor(this.#o.idleMs / 4), 1000));
    void (async () => {
      while (!ctl.signal.aborted) {
        try {
          await this.#o.clock.sleep(every, ctl.signal);
          await this.evictIdle();
        } catch (e) {
          if (ctl.signal.aborted) return;
          this.#o.log.warn("actor sweeper failed", { err: e });
        }
      }
    })();
  }

  /**
   * Fencing: drop every activation without committing. Queued messages get `NODE_UNAVAILABLE`;
   * a commit already in flight completes or is refused by the owner key on its own.
   */
  dropAll(): void {
    for (const act of [...this.#acts.values()]) {
      this.#close(act, RuntimeErrors.NODE_UNAVAILABLE(undefined, { retryAfterSeconds: 1 }));
    }
    this.#o.runner.clear();
  }

  /** Graceful stop: refuse new messages, wait for running batches, release every owner key. */
  async stop(): Promise<void> {
    this.#closed = true;
    this.#sweeper?.abort();
    await Promise.all([...this.#acts.values()].map((a) => a.draining));
    for (const act of [...this.#acts.values()]) {
      const owner = act.owner;
      this.#close(act, RuntimeErrors.NODE_UNAVAILABLE(undefined, { retryAfterSeconds: 1 }));
      if (owner) await release(this.#o.kv, act.ref, owner).catch(() => undefined);
    }
  }
}
