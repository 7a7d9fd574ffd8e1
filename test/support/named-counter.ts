/**
 * A minimal real actor for the runtime's tests and benchmarks (kind `counter`): a name and a
 * count, persisted as one versioned value under the runtime's `(kind, id, "state")` key, with a
 * typed protocol (`get`, `rename {name}`, `increment {by?}`) like the product's actors.
 *
 * It exercises the whole runtime end to end (activation, fenced group commit, idempotency,
 * workers, routing, failover) without any feature's rules; the failover test and the actors
 * benchmark drive it through the internal endpoint. Production registers no such kind.
 */
import { Type } from "@sinclair/typebox";
import { defineCodec } from "../../src/kv/codec.ts";
import { defineProtocolActor } from "../../src/runtime/define.ts";
import { ActorKeys } from "../../src/runtime/keys.ts";
import { defineProtocol, message, query } from "../../src/runtime/protocol.ts";

export const COUNTER_KIND = "counter";

export type NamedCounterState = { name: string; count: number };

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

export const counterProtocol = defineProtocol(COUNTER_KIND, {
  get: query(Type.Object({})).returns<NamedCounterState>(),
  rename: message(
    Type.Object({ name: Type.String({ minLength: 1, maxLength: MAX_NAME, pattern: "\\S" }) }),
  ).returns<NamedCounterState>(),
  increment: message(
    Type.Object({ by: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_STEP })) }),
  ).returns<NamedCounterState>(),
});

export const namedCounterActor = defineProtocolActor<NamedCounterState, typeof counterProtocol>({
  protocol: counterProtocol,
  version: NamedCounterCodec.version,
  async load(reader, id) {
    const raw = await reader.get(ActorKeys.state({ kind: COUNTER_KIND, id }));
    return raw ? NamedCounterCodec.decode(raw) : { name: "", count: 0 };
  },
  handle(state, msg, ctx) {
    if (msg.type === "get") return { state, reply: { ...state } };
    const next =
      msg.type === "rename"
        ? { ...state, name: msg.name.trim() }
        : { ...state, count: state.count + (msg.by ?? 1) };
    ctx.write({
      op: "set",
      key: ActorKeys.state(ctx.actor),
      value: NamedCounterCodec.encode(next),
    });
    return { state: next, reply: { ...next } };
  },
});
