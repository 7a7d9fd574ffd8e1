/**
 * The actor definition API: what a feature writes to put its data behind a virtual actor.
 *
 * An actor is identified by `(kind, id)`. It exists logically forever; the runtime activates it on
 * its first message (claiming ownership in the KV store and calling `load`), runs one turn at a time
 * (`handle`), commits each turn's write set in a fenced transaction, and evicts it after
 * `cluster.actor_idle_ms` without messages. See docs/actors.md for the lifecycle.
 *
 * ```ts
 * export const counterActor = defineActor({
 *   kind: "vault",
 *   version: 1,
 *   async load(reader, id) {
 *     const raw = await reader.get(VaultKeys.profile(id));
 *     return raw ? ProfileCodec.decode(raw) : { name: "", count: 0 };
 *   },
 *   parse: (msg) => parseVaultMessage(msg),     // plain JSON in, typed message out (AppError 400)
 *   handle(state, msg, ctx) {
 *     switch (msg.type) {
 *       case "increment": {
 *         const next = { ...state, count: state.count + msg.by };
 *         ctx.write({ op: "set", key: VaultKeys.profile(ctx.actor.id), value: ProfileCodec.encode(next) });
 *         ctx.afterCommit(() => log.info("incremented"));   // runs only once the commit landed
 *         return { state: next, reply: { count: next.count } };
 *       }
 *     }
 *   },
 * });
 * ```
 *
 * Rules a definition must follow (the runtime relies on them):
 * - **Pure turns.** `handle` computes: it returns the next state and a reply, and adds mutations,
 *   after-commit effects and reminders through `ctx`. It performs no I/O besides `ctx.read`, never
 *   calls `Date.now()` (use `ctx.now`) and never mutates `state` in place (return a new object). A
 *   turn may be re-run against reloaded state when its commit failed (see docs/actors.md), so these
 *   rules make a re-run indistinguishable from a first run.
 * - **Plain data.** Messages, replies and the principal are JSON values (no class instances, no
 *   bigint, no functions): actors run on worker threads and messages travel between nodes.
 * - **Errors are replies.** A handler that throws an `AppError` answers the caller with that error;
 *   the turn's writes, effects and reminders are discarded and its state change is dropped (the
 *   in-memory state stays what it was before the turn). Any other thrown value is a bug: it is
 *   logged, the caller gets `ACTOR_HANDLER_FAILED` (500) and, as for an AppError, nothing of the
 *   turn is kept (which is why handlers must not mutate `state` in place).
 * - **Own your keyspace.** An actor is the only writer of its data (the runtime fences commits by
 *   ownership), so its reads of its own keys are exact. Reads of keys other actors or plain
 *   transactions write are validated at commit: if such a key changed between the read and the
 *   commit, the turn is re-run (up to 3 times) on reloaded state.
 * - **Durable timeouts are reminders.** An XState `after` delay does not survive eviction or
 *   failover (XState does not resume delays from a restored snapshot). A timeout that must fire
 *   is `ctx.schedule(...)`: a KV record the leader's scanner turns into a message at its due time.
 */
import type { AnyStateMachine, SnapshotFrom } from "xstate";
import type { Key, KeyValue, Mutation, RangeOptions, Value } from "../kv/types.ts";
import { type ActorProtocol, type MessageOf, parseProtocolMessage } from "./protocol.ts";

/** JSON data: what crosses thread and node boundaries. */
export type JsonValue =
  | null
  | boolean
  | number
  | string
  | JsonValue[]
  | { [key: string]: JsonValue | undefined };
export type JsonObject = { [key: string]: JsonValue | undefined };

/** Every actor message is a JSON object with a `type` discriminator. */
export interface ActorMessage extends JsonObject {
  type: string;
}

/** The address of an actor. `id` is usually a Snowflake id string (organization id, vault id). */
export interface ActorRef {
  readonly kind: string;
  readonly id: string;
}

/** `kind/id`: the string form used in maps, logs, metrics labels (kind only) and worker pinning. */
export function actorKeyString(ref: ActorRef): string {
  return `${ref.kind}/${ref.id}`;
}

/**
 * Read access to the KV store from inside an actor (activation `load` and turns). Reads are
 * served by the main thread (the node's only KV client) from committed data.
 *
 * Inside a turn (`ctx.read`) the result also reflects the write set of this turn and of earlier
 * turns of the same actor that are queued for the same group commit but not yet committed
 * (`set`, `clear`, `clearRange`; `atomicAdd` and versionstamped keys are not visible until
 * committed). Reads add no read conflicts to any transaction; keys read inside a turn are
 * re-validated at commit (see the module comment).
 */
export interface ActorReader {
  /** The value at `key`, or undefined. */
  get(key: Key): Promise<Value | undefined>;
  /** Pairs with `begin <= key < end`, ordered by key bytes; see `RangeOptions`. */
  getRange(begin: Key, end: Key, opts?: RangeOptions): Promise<KeyValue[]>;
}

/** A durable reminder: delivered to this actor as `message` at (or soon after) `at`. */
export interface ReminderRequest {
  /** Due time, wall-clock milliseconds since the epoch. */
  at: number;
  /**
   * Name unique within the actor. Scheduling the same name again replaces the earlier reminder;
   * `ctx.cancelReminder(name)` removes it.
   */
  name: string;
  /** The message delivered to the actor (runs as an ordinary turn, principal `{system: true}`). */
  message: ActorMessage;
}

/** An effect run only after the turn committed (on the thread the actor runs on). */
export type AfterCommitEffect = () => void | Promise<void>;

/** What a handler sees besides its state and message. Valid only during the turn. */
export interface TurnContext {
  /** The actor this turn runs for. */
  readonly actor: ActorRef;
  /** Wall-clock ms since the epoch at the start of the turn (from the injected Clock). */
  readonly now: number;
  /** Snowflake id generation (decimal strings, unique across the cluster). */
  readonly ids: { next(): string };
  /** Reads (see `ActorReader`); they see this turn's pending writes. */
  readonly read: ActorReader;
  /** Who sent the message, as passed by the service layer (JSON), or undefined for system turns. */
  readonly principal: JsonObject | undefined;
  /** Where the request came from, as passed by the service layer (JSON), or undefined. */
  readonly origin: JsonObject | undefined;
  /** The caller's idempotency key, when it sent one (the runtime stores the outcome itself). */
  readonly idempotencyKey: string | undefined;
  /** Adds one mutation to the turn's write set (committed atomically with the turn). */
  write(mutation: Mutation): void;
  /** Adds mutations (e.g. from a domain module's pure `...Writes()` builder) to the write set. */
  writes(mutations: readonly Mutation[]): void;
  /**
   * Registers an effect that runs only once the turn's commit has landed, never when the turn is
   * re-run, fails or is fenced. Use it for in-process notifications and metrics; anything that
   * must happen at least once (mail, engine RPCs) goes through a KV outbox written with `write`.
   */
  afterCommit(effect: AfterCommitEffect): void;
  /** Schedules (or replaces) a durable reminder, written in the turn's write set. */
  schedule(reminder: ReminderRequest): void;
  /** Cancels a reminder scheduled earlier under `name` (no-op when absent). */
  cancelReminder(name: string): void;
}

/** What `handle` returns. `reply` must be JSON (undefined becomes null). */
export interface TurnResult<S, R extends JsonValue | undefined = JsonValue | undefined> {
  state: S;
  reply: R;
}

/** Environment given to `load` besides the reader. */
export interface LoadContext {
  readonly actor: ActorRef;
  /** Wall-clock ms at activation. */
  readonly now: number;
}

/**
 * An actor kind. Build one with `defineActor` (or `defineProtocolActor`, for a kind with a typed
 * protocol) and list it in the definitions src/main.ts hands the runtime (actors/registry.ts).
 */
export interface ActorDefinition<S = unknown, M = ActorMessage> {
  /** Kind name, lowercase (`organization`, `vault`). Part of the owner key and of the metrics. */
  readonly kind: string;
  /**
   * Format version of the actor's persisted state (and machine snapshots). Stored values carry it
   * through their codecs; bump it with a migration when the persisted shape changes.
   */
  readonly version: number;
  /**
   * Reads the actor's data on activation. Runs after the ownership claim committed, so nothing
   * else writes this actor's keys while it runs. Throw `AppError` to refuse the activation (the
   * pending messages get that error); return a state even for an actor that has no data yet
   * (a virtual actor always exists; "not found" is a reply of `handle`).
   */
  load(reader: ActorReader, id: string, ctx: LoadContext): Promise<S>;
  /**
   * Turns an incoming JSON message into a typed one, throwing `AppError` (kind `bad_request`)
   * for a malformed one. Runs before the turn; optional (messages are then taken as they come).
   */
  parse?(message: ActorMessage): M;
  /** One turn. See the module comment for the rules. */
  handle(state: S, message: M, ctx: TurnContext): TurnResult<S> | Promise<TurnResult<S>>;
  /**
   * Message types that only read (`query` in a typed protocol). The runtime answers them from
   * the state of the last committed turn, without a mailbox slot and beside a running turn, then
   * checks the owner key (and re-validates the query's `ctx.read`s) before replying. Their
   * handler must return the state it was given and must not write, schedule, cancel reminders or
   * register after-commit effects: a query that tries is run again as an ordinary turn (and
   * logged, being a bug of the declaration).
   */
  readonly queries?: ReadonlySet<string>;
}

/**
 * The type-erased form the runtime keeps in its table: it only moves JSON between the caller and
 * the definition's own `parse` and `handle`, so it needs no more than this.
 */
export interface AnyActorDefinition {
  readonly kind: string;
  readonly version: number;
  load(reader: ActorReader, id: string, ctx: LoadContext): Promise<unknown>;
  parse?(message: ActorMessage): unknown;
  handle(
    state: unknown,
    message: never,
    ctx: TurnContext,
  ): TurnResult<unknown> | Promise<TurnResult<unknown>>;
  readonly queries?: ReadonlySet<string>;
}

/**
 * Declares an actor kind. Checks the static parts (kind name, version) at definition time and
 * returns the definition unchanged otherwise.
 */
export function defineActor<S, M = ActorMessage>(
  def: ActorDefinition<S, M>,
): ActorDefinition<S, M> {
  if (!/^[a-z][a-z0-9-]{0,31}$/.test(def.kind)) {
    throw new RangeError(`actor kind must be lowercase [a-z0-9-], got ${JSON.stringify(def.kind)}`);
  }
  if (!Number.isInteger(def.version) || def.version < 1) {
    throw new RangeError(`actor ${def.kind}: version must be a positive integer`);
  }
  return def;
}

/**
 * Erases a definition's types for the runtime's table. Sound because the runtime hands `handle`
 * only what `parse` returned (or, without `parse`, the message itself) and `state` only what
 * `load` or an earlier `handle` returned.
 */
export function eraseActor<S, M>(def: ActorDefinition<S, M>): AnyActorDefinition {
  return def as AnyActorDefinition;
}

/** What `defineProtocolActor` takes: a definition whose kind and message check come from `protocol`. */
export interface ProtocolActorDefinition<S, P extends ActorProtocol>
  extends Omit<ActorDefinition<S, MessageOf<P>>, "kind" | "parse"> {
  readonly protocol: P;
}

/**
 * Declares the actor of a typed protocol (src/runtime/protocol.ts): its kind is the protocol's,
 * and every incoming message is checked against the protocol's schema for it before the turn.
 */
export function defineProtocolActor<S, P extends ActorProtocol>(
  def: ProtocolActorDefinition<S, P>,
): ActorDefinition<S, MessageOf<P>> & { readonly protocol: P } {
  const { protocol } = def;
  return {
    ...defineActor<S, MessageOf<P>>({
      kind: protocol.kind,
      version: def.version,
      load: def.load,
      parse: (msg) => parseProtocolMessage(protocol, msg),
      handle: def.handle,
      queries: protocol.queries,
    }),
    protocol,
  };
}

// ---------------------------------------------------------------------------------------------
// XState integration
// ---------------------------------------------------------------------------------------------

/**
 * A persisted machine: what an actor stores with its state for each XState machine it holds.
 * `machine` is the machine id, `version` the machine's definition version (bump it when states
 * or context change shape; `restoreMachine` refuses a snapshot from a newer version and hands an
 * older one to the caller's migration), `snapshot` XState's persisted snapshot (JSON).
 */
export interface PersistedMachine {
  machine: string;
  version: number;
  snapshot: JsonValue;
}

/**
 * Captures a machine snapshot for persistence. Call it on the snapshot a turn produced with
 * XState's pure `transition()`/`initialTransition()`; store the result inside the actor's state
 * codec. Delayed (`after`) transitions are not persisted by XState: use `ctx.schedule`.
 */
export function persistMachine<T extends AnyStateMachine>(
  machine: T,
  version: number,
  snapshot: SnapshotFrom<T>,
): PersistedMachine {
  const persisted = machine.getPersistedSnapshot(snapshot as never) as unknown;
  return {
    machine: machine.id,
    version,
    snapshot: JSON.parse(JSON.stringify(persisted)) as JsonValue,
  };
}

/**
 * Rebuilds a machine snapshot from its persisted form. Throws `RangeError` when the record is for
 * another machine or from a newer machine version; `migrate` (optional) upgrades an older
 * snapshot's `{value, context}` first.
 */
export function restoreMachine<T extends AnyStateMachine>(
  machine: T,
  version: number,
  persisted: PersistedMachine,
  migrate?: (old: PersistedMachine) => { value: unknown; context: unknown },
): SnapshotFrom<T> {
  if (persisted.machine !== machine.id) {
    throw new RangeError(
      `persisted snapshot is for machine ${persisted.machine}, not ${machine.id}`,
    );
  }
  if (persisted.version > version) {
    throw new RangeError(
      `persisted ${machine.id} snapshot has version ${persisted.version}; this build knows ${version}`,
    );
  }
  const snap = persisted.snapshot as { value?: unknown; context?: unknown } | null;
  const cfg =
    persisted.version < version && migrate
      ? migrate(persisted)
      : { value: snap?.value, context: snap?.context };
  return machine.resolveState(cfg as never) as SnapshotFrom<T>;
}
