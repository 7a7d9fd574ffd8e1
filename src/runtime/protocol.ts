/**
 * Typed actor protocols: each actor kind declares its messages once, as a map from message name to
 * an input schema (TypeBox) and a reply type. From that one declaration come
 * - the caller's types: `protocolClient(actors, protocol).ask(id, "teams.create", input)` accepts
 *   only the declared names and input fields and resolves with the declared reply type, so a wrong
 *   name, field or expected reply does not compile (test/types/actor-protocol.ts);
 * - the handler's types: `ProtocolHandlers` gives each handler its message and the reply it must
 *   return;
 * - the check at the actor boundary: messages may have crossed threads or nodes, so the runtime
 *   checks each one against its schema before the turn (`parseProtocolMessage`, 400
 *   `INVALID_ARGUMENT` naming the fields).
 *
 * ```ts
 * export const counterProtocol = defineProtocol("counter", {
 *   get: message(Type.Object({})).returns<{ count: number }>(),
 *   increment: message(Type.Object({ by: Type.Integer({ minimum: 1 }) })).returns<{ count: number }>(),
 * });
 * const counters = protocolClient(runtime.client, counterProtocol);
 * const { count } = await counters.ask("7", "increment", { by: 2 });
 * ```
 *
 * A message declared with `query(schema)` instead of `message(schema)` only reads: the runtime
 * may answer it from the actor's committed state without a turn of its mailbox (see
 * `ActorDefinition.queries` in define.ts for what a query's handler must not do).
 *
 * On the wire a message is `{type, ...input}` (plain JSON, see define.ts).
 */
import { type Static, type TObject, type TProperties, Type } from "@sinclair/typebox";
import { CommonErrors } from "../lib/errors.ts";
import { checkerOf, problemsOf } from "../lib/schema.ts";
import type { ActorClient, AskOptions } from "./client.ts";
import type { ActorMessage } from "./define.ts";

declare const REPLY: unique symbol;

/** One message of a protocol: its input schema and (as a type only) its reply. */
export interface MessageSpec<I extends TObject = TObject, R = unknown> {
  readonly input: I;
  /** Declared with `query`: answered from committed state, never writes. */
  readonly query: boolean;
  /** Never set: carries the reply type. */
  readonly [REPLY]?: R;
}

/** `message(schema).returns<Reply>()`: declares one message. */
export function message<I extends TObject>(input: I) {
  return {
    returns<R>(): MessageSpec<I, R> {
      return { input, query: false };
    },
  };
}

/**
 * `query(schema).returns<Reply>()`: declares a message that only reads (the handler returns the
 * state it was given, writes nothing, schedules nothing). The runtime answers it from the
 * actor's committed state, beside any running turn (docs/actors.md, "Queries").
 */
export function query<I extends TObject>(input: I) {
  return {
    returns<R>(): MessageSpec<I, R> {
      return { input, query: true };
    },
  };
}

export type MessageSpecs = Record<string, MessageSpec>;

/** An actor kind's protocol: its kind name and its messages. */
export interface ActorProtocol<K extends string = string, M extends MessageSpecs = MessageSpecs> {
  readonly kind: K;
  readonly messages: M;
  /** Compiled message schemas (`{type, ...input}`, no other field), by message name. */
  readonly wire: ReadonlyMap<string, TObject>;
  /** The names of the messages declared with `query`. */
  readonly queries: ReadonlySet<string>;
}

/**
 * Declares a protocol. `common` fields (optional envelope data every message may carry, such as
 * the request origin) are added to every message's input.
 */
export function defineProtocol<const K extends string, M extends MessageSpecs>(
  kind: K,
  messages: M,
): ActorProtocol<K, M> {
  const wire = new Map<string, TObject>();
  const queries = new Set<string>();
  for (const [name, spec] of Object.entries(messages)) {
    const props: TProperties = { type: Type.Literal(name), ...spec.input.properties };
    wire.set(name, Type.Object(props, { additionalProperties: false }));
    if (spec.query) queries.add(name);
  }
  return { kind, messages, wire, queries };
}

/** The message names of a protocol. */
export type MessageName<P extends ActorProtocol> = keyof P["messages"] & string;
/** The input of message `T` (what the caller passes besides the name). */
export type InputOf<P extends ActorProtocol, T extends MessageName<P>> = Static<
  P["messages"][T]["input"]
>;
/** The reply of message `T`. */
export type ReplyOf<P extends ActorProtocol, T extends MessageName<P>> =
  P["messages"][T] extends MessageSpec<TObject, infer R> ? R : never;
/** Message `T` as the handler sees it: `{type: T, ...input}`. */
export type MessageOf<P extends ActorProtocol, T extends MessageName<P> = MessageName<P>> = {
  [N in T]: { type: N } & InputOf<P, N>;
}[T];

/**
 * Checks a message that arrived at the actor against its protocol; throws `INVALID_ARGUMENT`
 * (400) with the problems per field, or naming `type` for an unknown message.
 */
export function parseProtocolMessage<P extends ActorProtocol>(
  protocol: P,
  msg: ActorMessage,
): MessageOf<P> {
  const schema = protocol.wire.get(msg.type);
  if (!schema) {
    throw CommonErrors.INVALID_ARGUMENT(`Unknown ${protocol.kind} message`, {
      details: [{ field: "type", message: `no message ${JSON.stringify(msg.type)}` }],
    });
  }
  const check = checkerOf(schema);
  const value: unknown = msg;
  if (!check.Check(value)) {
    const details = problemsOf(check.Errors(value));
    throw CommonErrors.INVALID_ARGUMENT(`Invalid ${protocol.kind} message ${msg.type}`, {
      details,
    });
  }
  return msg as MessageOf<P>;
}

/** A typed handle on the actors of one protocol. */
export interface ProtocolClient<P extends ActorProtocol> {
  readonly protocol: P;
  /** Sends message `type` with `input` to actor `id`; resolves with its reply after commit. */
  ask<T extends MessageName<P>>(
    id: string,
    type: T,
    input: InputOf<P, T>,
    opts?: AskOptions,
  ): Promise<ReplyOf<P, T>>;
}

/** Binds the runtime's client to one protocol. */
export function protocolClient<P extends ActorProtocol>(
  actors: ActorClient,
  protocol: P,
): ProtocolClient<P> {
  return {
    protocol,
    ask(id, type, input, opts) {
      const msg: ActorMessage = { ...(input as object), type };
      return actors.ask(protocol.kind, id, msg, opts) as Promise<never>;
    },
  };
}
