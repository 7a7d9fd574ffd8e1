/**
 * The actor host (main thread): the table of activations on this node, activation (ownership
 * claim, then `load`), mailboxes (bounded, FIFO) and their serial drain loops, idle eviction
 * (release of the owner key), and the reactions to fencing and shutdown. Each drain step is one
 * group-committed batch of turns (src/runtime/batch.ts). Turns themselves run in a `TurnRunner`
 * (src/runtime/executor.ts on this thread, src/runtime/workers.ts on workers); the host is the
 * only part that talks to the KV store. Queries (messages a kind declares read-only) of an active
 * actor skip the mailbox: they are answered from its committed state, beside any running batch,
 * once the owner key proves that state exact (`#query`). Lifecycle and guarantees: docs/actors.md.
 */

import type { KvStore } from "../kv/types.ts";
import type { Clock } from "../lib/clock.ts";
import type { AppError } from "../lib/errors.ts";
import { nextMacrotask } from "../lib/event-loop.ts";
import type { Logger } from "../lib/log.ts";
import {
  type BatchActivation,
  type BatchDeps,
  deserializeError,
  type Envelope,
  runBatch,
} from "./batch.ts";
import type { ActorMessage, ActorRef, JsonObject, JsonValue } from "./define.ts";
import { RuntimeErrors } from "./errors.ts";
import type { TurnRunner } from "./executor.ts";
import { IDEMPOTENCY_TTL_MS, type OwnerRecord } from "./keys.ts";
import { Mailbox } from "./mailbox.ts";
import type { RuntimeMetrics } from "./metrics.ts";
import { type Claimant, claim, queryStillExact, release } from "./persistence.ts";

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
  /** How long idempotency outcomes are kept (ms); default 24 h. */
  idempotencyTtlMs?: number;
  /** Group commit bounds (defaults 256 turns, 512 KiB of written bytes). */
  maxBatchTurns?: number;
  maxBatchBytes?: number;
  /**
   * Resolves at the next macrotask boundary of the event loop (default: `nextMacrotask` of
   * src/lib/event-loop.ts). Not a timer: it only lets timers and I/O already due run. See
   * `#fairShare`.
   */
  nextMacrotask?: () => Promise<void>;
  /** Longest run of drain steps without a macrotask boundary (ms of the clock; default 5). */
  sliceMs?: number;
  /** Most batches run without a macrotask boundary (default 32; bounds it under a frozen clock). */
  sliceBatches?: number;
  /**
   * Whether `type` is a query of actor kind `kind` (`ActorDefinition.queries`), answered from
   * committed state without a mailbox slot. Absent: every message is a turn.
   */
  isQuery?: (kind: string, type: string) => boolean;
}

const RETRY_AFTER_FULL_S = 1;
const DEFAULT_SLICE_MS = 5;
const DEFAULT_SLICE_BATCHES = 32;

/** The current run of drain steps since the event loop last got a turn. */
interface Slice {
  start: number;
  batches: number;
  /** Resolves once the event loop turned (a macrotask ran after this slice opened). */
  turned: Promise<void>;
}

interface Activation extends BatchActivation {
  draining: Promise<void> | undefined;
  /**
   * The last proof of a query (`#query`): the owner record it proved and the store's change mark
   * taken before it (`KvStore.changeMark`). While the mark is unchanged nothing committed, so the
   * proof still holds for a query on the same owner record.
   */
  proven?: { owner: OwnerRecord; mark: number } | undefined;
}

/** Re-reads the status after an await (defeats TypeScript's narrowing across awaits). */
function isClosed(act: Activation): boolean {
  return act.status === "closed";
}

export class ActorHost {
  readonly #o: HostOptions;
  readonly #acts = new Map<string, Activation>();
  readonly #batchDeps: BatchDeps;
  #turnIds = 1;
  #closed = false;
  #sweeper: AbortController | undefined;
  #slice: Slice | undefined;
  /** Activations between their first message and `active` (claim and load in flight). */
  readonly #activating = new Set<Promise<void>>();
  readonly #nextMacrotask: () => Promise<void>;

  constructor(opts: HostOptions) {
    this.#o = opts;
    this.#nextMacrotask = opts.nextMacrotask ?? nextMacrotask;
    this.#batchDeps = {
      kv: opts.kv,
      clock: opts.clock,
      log: opts.log,
      runner: opts.runner,
      metrics: opts.metrics,
      maxTurns: opts.maxBatchTurns ?? 256,
      maxBytes: opts.maxBatchBytes ?? 512 * 1024,
      idempotencyTtlMs: opts.idempotencyTtlMs ?? IDEMPOTENCY_TTL_MS,
      isFenced: () => opts.cluster.isFenced(),
      nextTurnId: () => this.#turnIds++,
      close: (act, error) => this.#close(act as Activation, error),
    };
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
      origin?: JsonObject | undefined;
      idempotencyKey?: string | undefined;
    },
  ): Promise<JsonValue> {
    const act = this.#acts.get(`${ref.kind}/${ref.id}`);
    if (
      act?.status === "active" &&
      opts.idempotencyKey === undefined &&
      !this.#closed &&
      !this.#o.cluster.isFenced() &&
      this.#o.isQuery?.(ref.kind, message.type) === true
    ) {
      return this.#query(act, message, opts);
    }
    return this.#asTurn(ref, message, opts);
  }

  #asTurn(
    ref: ActorRef,
    message: ActorMessage,
    opts: Parameters<ActorHost["deliver"]>[2],
  ): Promise<JsonValue> {
    return new Promise<JsonValue>((resolve, reject) => {
      const env: Envelope = { message, ...opts, resolve, reject, attempts: 0 };
      this.#enqueue(ref, env);
    });
  }

  /**
   * A query of an active actor: run against its committed state (the executor keeps the state of
   * the last committed batch beside the running one), without a mailbox slot, so it neither waits
   * for a running batch nor pays for a turn and a commit. Before the reply is released, one
   * read-only transaction proves the state exact (`queryStillExact`): the owner key still names
   * this activation with the `seq` the state was taken at, and the query's reads are unchanged.
   * So a fenced, evicted or replaced activation never answers (another owner, a newer incarnation
   * of this node or a release changed the key), and neither does a state missing a commit of ours
   * that already landed. Whatever cannot be proven runs as an ordinary turn instead (which
   * answers `NOT_OWNER` where it must): correctness never rests on this path.
   *
   * Read-your-writes: a write is answered only after its batch committed and was settled into
   * the committed state (batch.ts), so a query that arrives after that answer sees it, on this
   * node or forwarded to it from any other.
   */
  async #query(
    act: Activation,
    message: ActorMessage,
    opts: Parameters<ActorHost["deliver"]>[2],
  ): Promise<JsonValue> {
    const { clock, runner, kv, metrics } = this.#o;
    const turn = this.#fairShare();
    if (turn) await turn;
    if (clock.monotonic() >= opts.deadline) {
      metrics?.rejected.inc({ reason: "deadline" });
      throw RuntimeErrors.DEADLINE_EXCEEDED(undefined, { meta: { actor: act.key } });
    }
    // Taken together with the committed state (both change at once when a batch commits), and
    // the change mark before any read of the query.
    const owner = act.owner;
    const mark = kv.changeMark?.();
    act.lastActive = clock.monotonic();
    if (owner && act.status === "active") {
      const out = await runner.query({
        kind: act.ref.kind,
        id: act.ref.id,
        message,
        now: clock.now(),
        principal: opts.principal,
        origin: opts.origin,
      });
      let exact = false;
      if (out.status === "answered" && !isClosed(act)) {
        const proven = act.proven;
        if (
          mark !== undefined &&
          proven?.mark === mark &&
          proven.owner === owner &&
          act.owner === owner &&
          (out.reads.length === 0 || kv.changeMark?.() === mark)
        ) {
          // Nothing committed anywhere between the proof's mark and this query's start: the
          // answer is the store's state at that start (within this request). A query that read
          // other keys also needs nothing to have committed until after its reads.
          exact = true;
          if (metrics) metrics.queries.proofs_reused++;
        } else {
          try {
            exact = await queryStillExact(kv, act.ref, owner, out.reads);
            if (exact && metrics) metrics.queries.proofs_read++;
            if (exact && mark !== undefined) act.proven = { owner, mark };
          } catch (e) {
            this.#o.log.debug("query check failed: run as a turn", { actor: act.key, err: e });
          }
        }
      }
      if (exact && out.status === "answered") {
        if (metrics) metrics.queries.answered++;
        if (out.outcome.ok) return out.outcome.reply;
        throw deserializeError(out.outcome.error);
      }
    }
    if (metrics) metrics.queries.as_turn++;
    return this.#asTurn(act.ref, message, opts);
  }

  #enqueue(ref: ActorRef, env: Envelope) {
    // A fenced node takes no new activation (that needs an owner-key claim), but its active
    // actors keep answering read-only turns, each checked against the owner key (runBatch).
    const fencedWithout =
      this.#o.cluster.isFenced() && this.#acts.get(`${ref.kind}/${ref.id}`)?.status !== "active";
    if (this.#closed || fencedWithout) {
      this.#o.metrics?.rejected.inc({ reason: "unavailable" });
      return this.#rejectLater(
        env,
        RuntimeErrors.NODE_UNAVAILABLE(undefined, { retryAfterSeconds: 1 }),
      );
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
        proven: undefined,
      };
      this.#acts.set(key, act);
      act.mailbox.push(env);
      const activating = this.#activate(act).finally(() => this.#activating.delete(activating));
      this.#activating.add(activating);
      return;
    }
    act.lastActive = this.#o.clock.monotonic();
    this.#o.metrics?.mailboxDepth.observe({ kind: ref.kind }, act.mailbox.length);
    if (!act.mailbox.push(env)) {
      this.#o.metrics?.rejected.inc({ reason: "mailbox_full" });
      return this.#rejectLater(
        env,
        RuntimeErrors.MAILBOX_FULL(undefined, {
          retryAfterSeconds: RETRY_AFTER_FULL_S,
          meta: { actor: key, capacity: this.#o.mailboxCapacity },
        }),
      );
    }
    if (act.status === "active") void this.#drain(act);
  }

  /**
   * Refusals answered without any I/O would let an in-process caller that retries at once spin in
   * microtasks forever (and starve the heartbeat that would unfence the node): they are answered
   * after the next macrotask boundary.
   */
  #rejectLater(env: Envelope, error: AppError): void {
    void this.#nextMacrotask().then(() => env.reject(error));
  }

  /**
   * Cooperative scheduling. With the main-thread executor and a store that answers without I/O
   * (the memory backend; SQLite's synchronous reads and read-only batches: its group commit waits
   * for the loop's check phase) a drain step may never leave the microtask queue, and callers that ask
   * again as soon as they are answered keep the mailbox non-empty: without this, timers never fire
   * (the heartbeat starves, the node fences itself after `fence_ms`) and sockets are not read.
   * A slice opens at the first drain step after the event loop turned; once it has run `sliceMs`
   * or `sliceBatches` batches, every drain loop of this host waits for the next macrotask
   * boundary. Returns undefined when the step may run now (no extra await on the fast path).
   */
  #fairShare(): Promise<void> | undefined {
    const now = this.#o.clock.monotonic();
    let slice = this.#slice;
    if (!slice) {
      const opened: Slice = {
        start: now,
        batches: 0,
        turned: this.#nextMacrotask().then(() => {
          if (this.#slice === opened) this.#slice = undefined;
        }),
      };
      this.#slice = slice = opened;
    }
    slice.batches++;
    const overMs = now - slice.start >= (this.#o.sliceMs ?? DEFAULT_SLICE_MS);
    const overBatches = slice.batches > (this.#o.sliceBatches ?? DEFAULT_SLICE_BATCHES);
    return overMs || overBatches ? slice.turned : undefined;
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
    act.closeError = error;
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
      // Gather first: the messages that arrive in the same turn of the event loop (the other
      // requests of this I/O batch) join the first batch, and share its commit. Without it, each
      // request's whole chain runs to its turn before the next request is even parsed: 1.1-1.3
      // turns per commit under 32 concurrent writers of one organization, 19 with.
      await this.#nextMacrotask();
      while (act.status === "active" && act.mailbox.length > 0 && !this.#closed) {
        const turn = this.#fairShare();
        if (turn) {
          await turn;
          continue; // re-check: the activation may have closed meanwhile
        }
        await runBatch(this.#batchDeps, act);
      }
    } catch (e) {
      this.#o.log.error("actor drain failed", { actor: act.key, err: e });
      this.#close(act, RuntimeErrors.ACTOR_COMMIT_FAILED(undefined, { retryAfterSeconds: 1 }));
    } finally {
      act.draining = undefined;
    }
  }

  /**
   * Evicts activations idle for `idleMs` (no queued or running turn): releases the owner key with
   * a compare-and-set and drops the state. Called by the sweeper; tests call it directly.
   */
  async evictIdle(): Promise<number> {
    const now = this.#o.clock.monotonic();
    let n = 0;
    for (const act of [...this.#acts.values()]) {
      // Each release is a transaction: with SQLite a long sweep is one microtask chain too.
      const turn = this.#fairShare();
      if (turn) await turn;
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

  /**
   * Graceful stop, in this order: refuse new messages and take no new turn; let the batches in
   * flight commit (or fail) and the activations in flight finish their claim; answer what is
   * still queued `NODE_UNAVAILABLE` (retryable: those turns never ran); release every owner key,
   * so the next message activates elsewhere at once. Resolves only when the keys are released, so
   * the caller may then leave the cluster and close the KV store.
   */
  async stop(): Promise<void> {
    this.#closed = true;
    this.#sweeper?.abort();
    await Promise.all([...this.#activating, ...[...this.#acts.values()].map((a) => a.draining)]);
    await Promise.all(
      [...this.#acts.values()].map(async (act) => {
        const owner = act.owner;
        this.#close(act, RuntimeErrors.NODE_UNAVAILABLE(undefined, { retryAfterSeconds: 1 }));
        if (owner) await release(this.#o.kv, act.ref, owner).catch(() => undefined);
      }),
    );
  }
}
