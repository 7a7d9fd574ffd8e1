/**
 * What every gRPC handler of the account and organization services shares: the caller (session
 * credential from `authorization: Bearer <id>.<secret>` metadata, resolved by the same
 * `SessionService.requireSession` as HTTP), where the call came from (peer address, user agent),
 * the write options (`idempotency-key` metadata), and the request check: path-like ids
 * (Snowflake strings) and the decoded request against the use case's own input schema
 * (src/services/<feature>/inputs.ts), the one the HTTP route validates its body or query with, so
 * a malformed input names the same fields over both transports. Exact field rules (byte lengths,
 * characters) stay in the domain validators the services call.
 */
import type { Metadata } from "@grpc/grpc-js";
import type { Static, TObject, TSchema } from "@sinclair/typebox";
import { type AppError, CommonErrors, type FieldProblem } from "../../lib/errors.ts";
import { isId } from "../../lib/ids.ts";
import { jsonTooDeep, MAX_JSON_DEPTH } from "../../lib/json.ts";
import { trustedProxyMatcher } from "../../lib/net.ts";
import { schemaProblems } from "../../lib/schema.ts";
import {
  type CallOptions,
  callOptions as callOptionsOf,
  PageQuery,
  type PageRequest,
  type Principal,
  type RequestMeta,
  requestMeta as requestMetaOf,
  toPage,
} from "../../services/context.ts";
import type { GrpcDeps } from "../../services/index.ts";
import { bearerCredential } from "../../services/sessions/credentials.ts";
import type { CallCtx, CallEnv } from "../status.ts";

export type { CallCtx, CallEnv } from "../status.ts";
export { peerIp } from "../status.ts";

/** The first value of a metadata key as a string (binary values are ignored). */
function first(md: Metadata, key: string): string | undefined {
  const v = md.get(key)[0];
  return typeof v === "string" ? v : undefined;
}

/** Where the call came from (the client IP behind trusted proxies, and the user agent). */
export function requestMeta(ctx: CallCtx): RequestMeta {
  return requestMetaOf(ctx.clientIp, first(ctx.metadata, "user-agent"));
}

type SharedEnv = Omit<CallEnv, "log">;
/** Keyed by the node's services: every service of one server gets `{...deps, log}`, a new object. */
const shared = new WeakMap<GrpcDeps["services"], SharedEnv>();

/**
 * The handlers' environment for `deps`: its logger, and what one server's handlers share (trusted
 * proxies parsed once, one count of calls in flight).
 */
export function callEnv(deps: GrpcDeps, log = deps.log): CallEnv {
  let env = shared.get(deps.services);
  if (!env) {
    env = {
      trustedProxy: trustedProxyMatcher(deps.config.server.trusted_proxies),
      admission: { inflight: 0, max: deps.config.server.max_inflight_requests },
    };
    shared.set(deps.services, env);
  }
  return { log, ...env };
}

/** The options of a write: its origin and `idempotency-key` metadata if any. */
export function callOptions(ctx: CallCtx): CallOptions {
  return callOptionsOf(requestMeta(ctx), first(ctx.metadata, "idempotency-key"));
}

/** The presented session token: undefined when none, null when malformed (as HTTP). */
export function presentedToken(ctx: CallCtx): string | null | undefined {
  const values = ctx.metadata.get("authorization");
  if (values.length === 0) return undefined;
  const v = values[0];
  return typeof v === "string" ? bearerCredential(v) : null;
}

/** The signed-in caller (UNAUTHENTICATED `NO_SESSION` / `INVALID_SESSION` otherwise). */
export async function principalOf(deps: GrpcDeps, ctx: CallCtx) {
  const s = await deps.services.sessions.requireSession(presentedToken(ctx));
  const principal: Principal = { userId: s.userId, sessionId: s.sessionId };
  return { principal, user: s.user };
}

/** A property schema that is the Snowflake `Id` (possibly optional). */
function isIdSchema(schema: TSchema | undefined): boolean {
  return schema !== undefined && schema.format === "snowflake";
}

/**
 * A decoded request of type `R` that declares (possibly as optional fields) every property of the
 * schema `S`: a schema field the proto message lacks is a compile error naming it.
 */
type Carrying<S extends TObject, R, Via extends PropertyKey = never> = R & {
  [K in Missing<S, R, Via>]: `missing from the request message: ${K & string}`;
};
/** The properties of `S` that `R` lacks (`Via`: those carried another way). */
type Missing<S extends TObject, R, Via> = Exclude<keyof S["properties"], keyof R | Via>;

/**
 * Longest JSON-text field (`*_json`, UTF-16 code units): room for the largest WebAuthn response
 * the input schemas accept (src/services/passkeys/inputs.ts), far below the message limit.
 */
export const MAX_JSON_FIELD_CHARS = 131_072;
/** Deepest array/object nesting of a JSON-text field (as of an HTTP JSON body). */
export const MAX_JSON_FIELD_DEPTH = MAX_JSON_DEPTH;

/** The value of a JSON-text field within the bounds above, or what is wrong with it. */
export function parseJsonField(text: unknown): { value: unknown } | { problem: string } {
  if (typeof text !== "string" || text === "") return { problem: "is required" };
  if (text.length > MAX_JSON_FIELD_CHARS) {
    return { problem: `must be at most ${MAX_JSON_FIELD_CHARS} characters` };
  }
  if (jsonTooDeep(text, MAX_JSON_FIELD_DEPTH)) {
    return { problem: `must not nest deeper than ${MAX_JSON_FIELD_DEPTH} levels` };
  }
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return { problem: "must be a JSON text" };
  }
}

/** Collects every field problem of a request, then throws one error listing them all. */
export class RequestCheck {
  readonly #ids: FieldProblem[] = [];
  readonly #others: FieldProblem[] = [];

  /** A Snowflake id (docs/http-api.md, "Ids"): `1..2^63-1` in canonical decimal. */
  id(field: string, value: string): string {
    if (!isId(value)) this.#ids.push({ field, message: "must be a Snowflake id (decimal string)" });
    return value;
  }

  /**
   * The use case's input from a decoded request, checked against the same `schema` as the HTTP
   * route: only the schema's properties are taken (the request also carries ids, and protobuf adds
   * synthetic oneof keys such as `_description`), and fields left undefined (proto3 `optional`
   * fields that were not sent) are omitted, as a JSON body would omit them. A problem on an `Id`
   * property counts as a bad id (INVALID_ID when nothing else is wrong), any other as
   * VALIDATION_FAILED. The value is only meaningful once `done()` passed (`checked` does that).
   */
  input<S extends TObject, R extends object>(schema: S, req: Carrying<S, R>): Static<S> {
    return this.#take(schema, req, new Set());
  }

  /**
   * Like `input`, for a request carrying the schema properties `json` as JSON texts, each in a
   * string field `<property>_json` (values too open-ended for a message, such as WebAuthn
   * responses): each text is parsed within bounds (`parseJsonField`) and the whole checked
   * against `schema`; problems are named by the request's field (`credential_json`,
   * `credential_json.response.signature`).
   */
  jsonInput<S extends TObject, const J extends keyof S["properties"] & string, R extends object>(
    schema: S,
    json: readonly J[],
    req: Carrying<S, R, J> & { [K in J as `${K}_json`]: string },
  ): Static<S> {
    const fields: Record<string, unknown> = { ...req };
    const unparsed = new Set<string>();
    for (const key of json) {
      const parsed = parseJsonField(fields[`${key}_json`]);
      if ("problem" in parsed) {
        this.#others.push({ field: `${key}_json`, message: parsed.problem });
        unparsed.add(key);
      } else fields[key] = parsed.value;
    }
    return this.#take(schema, fields, new Set(json), unparsed);
  }

  /** `schema`'s properties of `req`, checked; problems of a `viaJson` property renamed. */
  #take<S extends TObject>(
    schema: S,
    req: { [k: string]: unknown },
    viaJson: ReadonlySet<string>,
    unparsed: ReadonlySet<string> = new Set(),
  ): Static<S> {
    const picked: Record<string, unknown> = {};
    const fields: { [k: string]: unknown } = req;
    for (const key of Object.keys(schema.properties)) {
      const v = fields[key];
      if (v !== undefined) picked[key] = v;
    }
    for (const p of schemaProblems(schema, picked)) {
      const top = p.field.split(".")[0] as string;
      if (unparsed.has(top)) continue; // already reported as not JSON
      const field = viaJson.has(top) ? `${top}_json${p.field.slice(top.length)}` : p.field;
      (isIdSchema(schema.properties[p.field]) ? this.#ids : this.#others).push({ ...p, field });
    }
    return picked as Static<S>;
  }

  /** The effective page of a list request (the shared `PageQuery`, defaults and clamping as HTTP). */
  page(req: { limit?: number | undefined; offset?: number | undefined }): PageRequest {
    return toPage(this.input(PageQuery, req));
  }

  /** Throws when a check failed: bad ids → `INVALID_ID`, anything else → `VALIDATION_FAILED`. */
  done(): void {
    const details = [...this.#ids, ...this.#others];
    if (details.length === 0) return;
    const err: AppError =
      this.#others.length === 0
        ? CommonErrors.INVALID_ID(undefined, { details })
        : CommonErrors.VALIDATION_FAILED(undefined, { details });
    throw err;
  }
}

/** Runs `fn` against a fresh `RequestCheck` and throws if any check failed. */
export function checked<T>(fn: (c: RequestCheck) => T): T {
  const c = new RequestCheck();
  const out = fn(c);
  c.done();
  return out;
}
