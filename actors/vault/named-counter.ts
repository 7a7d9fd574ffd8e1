/**
 * A minimal real actor state: a name and a counter, persisted as one versioned value under the
 * runtime's `(kind, id, "state")` key. Messages: `get`, `rename {name}`, `increment {by?}`.
 *
 * It exercises the whole runtime end to end (activation, fenced group commit, idempotency,
 * workers, routing, failover) before the feature actors carry their domain handlers; the failover
 * test and the actors benchmark drive it through the internal endpoint.
 */
import { defineCodec } from "../../src/kv/codec.ts";
import { CommonErrors } from "../../src/lib/errors.ts";
import { type ActorDefinition, type ActorMessage, defineActor } from "../../src/runtime/define.ts";
import { ActorKeys } from "../../src/runtime/keys.ts";

export interface NamedCounterState {
  name: string;
  count: number;
}

export type NamedCounterMessage =
  | { type: "get" }
  | { type: "rename"; name: string }
  | { type: "increment"; by: number };

export const NamedCounterCodec = defineCodec<NamedCounterState>({
  name: "named-counter",
  version: 1,
  validate(v) {
    const s = v as Partial<NamedCounterState> | null;
    if (!s || typeof s.name !== "string" || typeof s.count !== "number") {
      throw new TypeError("named counter needs name and count");
    }
  },
});

const MAX_NAME = 100;
const MAX_STEP = 1_000_000;

function parse(msg: ActorMessage): NamedCounterMessage {
  switch (msg.type) {
    case "get":
      return { type: "get" };
    case "rename": {
      const name = msg.name;
      if (typeof name !== "string" || name.trim().length === 0 || name.length > MAX_NAME) {
        throw CommonErrors.INVALID_ARGUMENT(`name must be 1..${MAX_NAME} characters`, {
          details: [{ field: "name", message: `must be 1..${MAX_NAME} characters` }],
        });
      }
      return { type: "rename", name: name.trim() };
    }
    case "increment": {
      const by = msg.by ?? 1;
      if (typeof by !== "number" || !Number.isSafeInteger(by) || by < 1 || by > MAX_STEP) {
        throw CommonErrors.INVALID_ARGUMENT(`by must be an integer 1..${MAX_STEP}`, {
          details: [{ field: "by", message: `must be an integer 1..${MAX_STEP}` }],
        });
      }
      return { type: "increment", by };
    }
    default:
      throw CommonErrors.INVALID_ARGUMENT(`unknown message type ${JSON.stringify(msg.type)}`);
  }
}

/** Builds the named-counter actor for `kind`. */
export function namedCounterActor(
  kind: string,
): ActorDefinition<NamedCounterState, NamedCounterMessage> {
  return defineActor<NamedCounterState, NamedCounterMessage>({
    kind,
    version: NamedCounterCodec.version,
    async load(reader, id) {
      const raw = await reader.get(ActorKeys.state({ kind, id }));
      return raw ? NamedCounterCodec.decode(raw) : { name: "", count: 0 };
    },
    parse,
    handle(state, msg, ctx) {
      if (msg.type === "get") return { state, reply: { ...state } };
      const next =
        msg.type === "rename"
          ? { ...state, name: msg.name }
          : { ...state, count: state.count + msg.by };
      ctx.write({
        op: "set",
        key: ActorKeys.state(ctx.actor),
        value: NamedCounterCodec.encode(next),
      });
      return { state: next, reply: { ...next } };
    },
  });
}
