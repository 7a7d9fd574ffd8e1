/**
 * Turn execution: runs actor definitions' `load` and `handle` against in-memory state. One
 * executor lives on each actor thread (the main thread when `cluster.workers` is 0, else one per
 * worker). It never touches the KV store: reads go through its `ExecutorPort` (served by main),
 * and each turn returns its write set, reads and reminder operations for main to commit.
 *
 * It keeps, per activation: the state, the write sets of turns not yet settled (so later turns'
 * reads see them: the "pending overlay"), and the after-commit effects of those turns, which run
 * only when main reports the commit (`settle(committed = true)`) and are dropped otherwise. It
 * also keeps the *committed* state (the state after the last turn main reported committed):
 * queries (`query`) run against that one, never against turns whose commit is still open.
 */

import { compareBytes } from "../kv/keyspace.ts";
import {
  decodeI64LE,
  encodeI64LE,
  type Key,
  type KeyValue,
  type Mutation,
  type RangeOptions,
  type Value,
} from "../kv/types.ts";
import { isAppError } from "../lib/errors.ts";
import type { Logger } from "../lib/log.ts";
import type {
  ActorMessage,
  AfterCommitEffect,
  AnyActorDefinition,
  JsonObject,
  JsonValue,
  ReminderRequest,
  TurnContext,
} from "./define.ts";
import { RuntimeErrors } from "./errors.ts";
import type { SerializedError } from "./keys.ts";
import type { RecordedRead } from "./persistence.ts";

/** What an executor needs from the main thread. */
export interface ExecutorPort {
  /** Committed value at `key` (snapshot read). */
  get(key: Key): Promise<Value | undefined>;
  /** Committed pairs of a range (snapshot read). */
  getRange(begin: Key, end: Key, opts?: RangeOptions): Promise<KeyValue[]>;
  /** A fresh Snowflake id (synchronous; workers fetch blocks from main). */
  nextId(): string;
}

export type ReminderOp =
  | { op: "schedule"; reminder: ReminderRequest }
  | { op: "cancel"; name: string };

export interface TurnRequest {
  kind: string;
  id: string;
  /** Unique per activation on this node; `settle` names turns by it. */
  turnId: number;
  message: ActorMessage;
  /** Wall ms at turn start. */
  now: number;
  principal?: JsonObject | undefined;
  origin?: JsonObject | undefined;
  idempotencyKey?: string | undefined;
}

/** A query: a message its kind declares read-only (`ActorDefinition.queries`). */
export type QueryRequest = Omit<TurnRequest, "turnId" | "idempotencyKey">;

export type QueryOutcome =
  /** Answered from the committed state; `reads` are to be re-validated before replying. */
  | {
      status: "answered";
      outcome: { ok: true; reply: JsonValue } | { ok: false; error: SerializedError };
      reads: RecordedRead[];
    }
  /**
   * Not answered: no activation here, the message is not a query, or its handler tried to write
   * (a bug of the declaration, logged). The caller runs it as an ordinary turn.
   */
  | { status: "turn" };

export type TurnOutcome =
  | {
      ok: true;
      reply: JsonValue;
      reads: RecordedRead[];
      mutations: Mutation[];
      reminders: ReminderOp[];
    }
  | { ok: false; error: SerializedError };

export interface ExecutorStats {
  /** Activations held. */
  activations: number;
  /** After-commit effects started. */
  effectsRun: number;
  /** After-commit effects that threw or rejected. */
  effectsFailed: number;
}

export type ActivateOutcome = { ok: true } | { ok: false; error: SerializedError };

interface Activation {
  def: AnyActorDefinition;
  /** The state after the last turn run (committed or not). */
  state: unknown;
  /** The state after the last turn main reported committed (what queries answer from). */
  committed: unknown;
  /** Write sets (and resulting states) of turns run but not settled, in turn order. */
  pending: { turnId: number; mutations: Mutation[]; state: unknown }[];
}

/** Thrown into a query's handler when it tries to write (see `ActorExecutor.query`). */
class QueryWrote extends Error {}

export function serializeError(e: unknown): SerializedError {
  if (isAppError(e)) {
    const out: SerializedError = {
      code: e.code,
      kind: e.kind,
      message: e.message,
      public: e.public,
    };
    if (e.details) out.details = e.details;
    if (e.retryAfterSeconds !== undefined) out.retryAfterSeconds = e.retryAfterSeconds;
    if (e.meta) out.meta = JSON.parse(JSON.stringify(e.meta)) as Record<string, JsonValue>;
    return out;
  }
  return serializeError(RuntimeErrors.ACTOR_HANDLER_FAILED(undefined, { public: false }));
}

/** Applies one mutation to a single key's value (the overlay of pending writes). */
function overlayPoint(value: Value | undefined, key: Key, m: Mutation): Value | undefined {
  switch (m.op) {
    case "set":
      return compareBytes(m.key, key) === 0 ? m.value : value;
    case "clear":
      return compareBytes(m.key, key) === 0 ? undefined : value;
    case "clearRange":
      return compareBytes(key, m.begin) >= 0 && compareBytes(key, m.end) < 0 ? undefined : value;
    case "atomicAdd":
      return compareBytes(m.key, key) === 0
        ? encodeI64LE(decodeI64LE(value) + BigInt(m.delta))
        : value;
    case "setVersionstampedKey":
      return value;
  }
}

function touches(m: Mutation, begin: Key, end: Key): boolean {
  switch (m.op) {
    case "set":
    case "clear":
    case "atomicAdd":
      return compareBytes(m.key, begin) >= 0 && compareBytes(m.key, end) < 0;
    case "clearRange":
      return compareBytes(m.begin, end) < 0 && compareBytes(m.end, begin) > 0;
    case "setVersionstampedKey":
      return false;
  }
}

/** Merges pending mutations into a committed range result (full, unlimited input). */
function overlayRange(rows: KeyValue[], begin: Key, end: Key, ms: readonly Mutation[]): KeyValue[] {
  const map = new Map<string, KeyValue>();
  const hex = (k: Key) => Buffer.from(k).toString("latin1");
  for (const r of rows) map.set(hex(r.key), r);
  for (const m of ms) {
    if (!touches(m, begin, end)) continue;
    if (m.op === "clearRange") {
      for (const [k, r] of map) {
        if (compareBytes(r.key, m.begin) >= 0 && compareBytes(r.key, m.end) < 0) map.delete(k);
      }
      continue;
    }
    if (m.op === "setVersionstampedKey") continue;
    const k = hex(m.key);
    const v = overlayPoint(map.get(k)?.value, m.key, m);
    if (v === undefined) map.delete(k);
    else map.set(k, { key: m.key, value: v });
  }
  return [...map.values()].sort((a, b) => compareBytes(a.key, b.key));
}

function limitRange(rows: KeyValue[], opts?: RangeOptions): KeyValue[] {
  const ordered = opts?.reverse ? [...rows].reverse() : rows;
  return opts?.limit ? ordered.slice(0, opts.limit) : ordered;
}

/** Where turns run: an `ActorExecutor` on this thread or a pool of workers. */
export interface TurnRunner {
  activate(kind: string, id: string, now: number): Promise<ActivateOutcome>;
  turn(req: TurnRequest): Promise<TurnOutcome>;
  settle(kind: string, id: string, turnIds: readonly number[], committed: boolean): void;
  /** Runs a query against the committed state (see `ActorExecutor.query`). */
  query(req: QueryRequest): Promise<QueryOutcome>;
  deactivate(kind: string, id: string): void;
  clear(): void;
  /** Counters of the executor(s). */
  stats(): Promise<ExecutorStats>;
  /** Releases threads. */
  close(): Promise<void>;
}

export class ActorExecutor implements TurnRunner {
  readonly #defs: Map<string, AnyActorDefinition>;
  readonly #port: ExecutorPort;
  readonly #log: Logger;
  readonly #actors = new Map<string, Activation>();
  /**
   * After-commit effects by turn id, kept apart from the activations: a commit that lands after
   * its activation was dropped (fencing, eviction) still runs its turns' effects.
   */
  readonly #effects = new Map<number, { key: string; effects: AfterCommitEffect[] }>();
  #effectsRun = 0;
  #effectsFailed = 0;

  constructor(defs: readonly AnyActorDefinition[], port: ExecutorPort, log: Logger) {
    this.#defs = new Map(defs.map((d) => [d.kind, d]));
    this.#port = port;
    this.#log = log;
  }

  /** Number of activations held. */
  get size(): number {
    return this.#actors.size;
  }

  /** Loads the actor's state (replacing any earlier activation of the same key). */
  async activate(kind: string, id: string, now: number): Promise<ActivateOutcome> {
    const def = this.#defs.get(kind);
    if (!def) return { ok: false, error: serializeError(RuntimeErrors.UNKNOWN_ACTOR_KIND()) };
    const key = `${kind}/${id}`;
    this.#actors.delete(key);
    try {
      const reader = {
        get: (k: Key) => this.#port.get(k),
        getRange: this.#port.getRange.bind(this.#port),
      };
      const state = await def.load(reader, id, { actor: { kind, id }, now });
      this.#actors.set(key, { def, state, committed: state, pending: [] });
      return { ok: true };
    } catch (e) {
      if (!isAppError(e)) this.#log.error("actor load failed", { actor: key, err: e });
      return { ok: false, error: serializeError(e) };
    }
  }

  /** Runs one turn. The activation must exist (main activates first). */
  async turn(req: TurnRequest): Promise<TurnOutcome> {
    const key = `${req.kind}/${req.id}`;
    const act = this.#actors.get(key);
    if (!act) {
      return { ok: false, error: serializeError(RuntimeErrors.ACTOR_COMMIT_FAILED()) };
    }
    const mutations: Mutation[] = [];
    const reads: RecordedRead[] = [];
    const reminders: ReminderOp[] = [];
    const effects: AfterCommitEffect[] = [];
    const earlier = act.pending.flatMap((p) => p.mutations);
    const port = this.#port;
    let open = true;
    const guard = () => {
      if (!open) throw new Error("turn context used after the turn ended");
    };
    const ctx: TurnContext = {
      actor: { kind: req.kind, id: req.id },
      now: req.now,
      ids: { next: () => port.nextId() },
      principal: req.principal,
      origin: req.origin,
      idempotencyKey: req.idempotencyKey,
      read: {
        async get(k) {
          guard();
          let base = await port.get(k);
          for (const m of earlier) base = overlayPoint(base, k, m);
          reads.push({ t: "get", key: k, value: base });
          let v = base;
          for (const m of mutations) v = overlayPoint(v, k, m);
          return v;
        },
        async getRange(begin, end, opts) {
          guard();
          const dirty = earlier.some((m) => touches(m, begin, end));
          const own = mutations.some((m) => touches(m, begin, end));
          if (!dirty && !own) {
            const rows = await port.getRange(begin, end, opts);
            reads.push({ t: "range", begin, end, opts, result: rows });
            return rows;
          }
          const full = await port.getRange(begin, end);
          const base = overlayRange(full, begin, end, earlier);
          reads.push({ t: "range", begin, end, opts, result: limitRange(base, opts) });
          return limitRange(overlayRange(base, begin, end, mutations), opts);
        },
      },
      write(m) {
        guard();
        mutations.push(m);
      },
      writes(ms) {
        guard();
        for (const m of ms) mutations.push(m);
      },
      afterCommit(effect) {
        guard();
        effects.push(effect);
      },
      schedule(reminder) {
        guard();
        reminders.push({ op: "schedule", reminder });
      },
      cancelReminder(name) {
        guard();
        reminders.push({ op: "cancel", name });
      },
    };
    try {
      const message = act.def.parse ? act.def.parse(req.message) : req.message;
      // `message` is what this kind's own `parse` produced (see eraseActor).
      const result = await act.def.handle(act.state, message as never, ctx);
      open = false;
      const reply = (result.reply ?? null) as JsonValue;
      act.state = result.state;
      act.pending.push({ turnId: req.turnId, mutations, state: result.state });
      if (effects.length > 0) this.#effects.set(req.turnId, { key, effects });
      return { ok: true, reply, reads, mutations, reminders };
    } catch (e) {
      open = false;
      // The state stays what it was before the turn (handlers never mutate it in place).
      if (!isAppError(e)) {
        this.#log.error("actor handler failed", { actor: key, type: req.message.type, err: e });
      }
      return { ok: false, error: serializeError(e) };
    }
  }

  /**
   * Main reports the fate of turns (in order). Committed: their effects run now, in turn order,
   * even when the activation was dropped meanwhile. Not committed: their effects are dropped and
   * the activation whose state includes them is discarded (main reloads it).
   */
  settle(kind: string, id: string, turnIds: readonly number[], committed: boolean): void {
    const key = `${kind}/${id}`;
    const effects = turnIds.map((t) => {
      const e = this.#effects.get(t);
      this.#effects.delete(t);
      return e;
    });
    const act = this.#actors.get(key);
    const done = new Set(turnIds);
    // Only the activation whose state holds these turns is affected (a newer activation of the
    // same actor, created while an old batch was committing, is left alone).
    const holds = act?.pending.some((p) => done.has(p.turnId)) ?? false;
    if (!committed) {
      if (holds) this.#actors.delete(key);
      return;
    }
    if (act && holds) {
      // Turns settle in order, so the last settled one's state is the committed state.
      for (const p of act.pending) if (done.has(p.turnId)) act.committed = p.state;
      act.pending = act.pending.filter((p) => !done.has(p.turnId));
    }
    for (const e of effects) for (const effect of e?.effects ?? []) this.#runEffect(key, effect);
  }

  /**
   * Runs a query (a message the kind declares read-only) against the committed state: turns run
   * but not yet committed are invisible to it, so what it answers is the state of the store as of
   * the last commit (the caller proves that is still the case before replying: owner key, reads).
   * Its `ctx.read`s go to committed data and are recorded for that check. A handler that tries
   * to write, schedule or register an effect gets an exception and the query is handed back to
   * run as a turn (`status: "turn"`).
   */
  async query(req: QueryRequest): Promise<QueryOutcome> {
    const key = `${req.kind}/${req.id}`;
    const act = this.#actors.get(key);
    if (!act?.def.queries?.has(req.message.type)) return { status: "turn" };
    const reads: RecordedRead[] = [];
    const port = this.#port;
    let open = true;
    let wrote = false;
    const guard = () => {
      if (!open) throw new Error("turn context used after the turn ended");
    };
    const refuse = (): never => {
      guard();
      wrote = true;
      throw new QueryWrote(`query ${req.message.type} of ${req.kind} tried to write`);
    };
    const ctx: TurnContext = {
      actor: { kind: req.kind, id: req.id },
      now: req.now,
      ids: { next: () => port.nextId() },
      principal: req.principal,
      origin: req.origin,
      idempotencyKey: undefined,
      read: {
        async get(k) {
          guard();
          const value = await port.get(k);
          reads.push({ t: "get", key: k, value });
          return value;
        },
        async getRange(begin, end, opts) {
          guard();
          const rows = await port.getRange(begin, end, opts);
          reads.push({ t: "range", begin, end, opts, result: rows });
          return rows;
        },
      },
      write: refuse,
      writes(ms) {
        if (ms.length > 0) refuse();
      },
      afterCommit: refuse,
      schedule: refuse,
      cancelReminder: refuse,
    };
    try {
      const message = act.def.parse ? act.def.parse(req.message) : req.message;
      const result = await act.def.handle(act.committed, message as never, ctx);
      open = false;
      if (wrote) return this.#wrote(key, req);
      return {
        status: "answered",
        outcome: { ok: true, reply: (result.reply ?? null) as JsonValue },
        reads,
      };
    } catch (e) {
      open = false;
      if (wrote) return this.#wrote(key, req);
      if (!isAppError(e)) {
        this.#log.error("actor handler failed", { actor: key, type: req.message.type, err: e });
      }
      return { status: "answered", outcome: { ok: false, error: serializeError(e) }, reads };
    }
  }

  #wrote(key: string, req: QueryRequest): QueryOutcome {
    this.#log.error("a message declared as a query tried to write: run as a turn", {
      actor: key,
      type: req.message.type,
    });
    return { status: "turn" };
  }

  /** Counters for metrics and tests. */
  stats(): Promise<ExecutorStats> {
    return Promise.resolve({
      activations: this.#actors.size,
      effectsRun: this.#effectsRun,
      effectsFailed: this.#effectsFailed,
    });
  }

  #runEffect(key: string, effect: AfterCommitEffect) {
    this.#effectsRun++;
    try {
      const r = effect();
      if (r && typeof (r as Promise<void>).then === "function") {
        (r as Promise<void>).catch((e) => {
          this.#effectsFailed++;
          this.#log.error("after-commit effect failed", { actor: key, err: e });
        });
      }
    } catch (e) {
      this.#effectsFailed++;
      this.#log.error("after-commit effect failed", { actor: key, err: e });
    }
  }

  /** Drops an activation (eviction, fencing). Unsettled effects are discarded. */
  deactivate(kind: string, id: string): void {
    this.#actors.delete(`${kind}/${id}`);
  }

  /** Drops every activation. */
  clear(): void {
    this.#actors.clear();
  }

  /** Nothing to release on this thread. */
  close(): Promise<void> {
    this.#actors.clear();
    return Promise.resolve();
  }
}
