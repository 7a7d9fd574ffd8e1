/**
 * What every gRPC handler of the account and organization services shares: the caller (session
 * credential from `authorization: Bearer <id>.<secret>` metadata, resolved by the same
 * `SessionService.requireSession` as HTTP), where the call came from (peer address, user agent),
 * the write options (`idempotency-key` metadata), and request checks that protobuf cannot express
 * (ids are Snowflake strings, enums spelt as in HTTP, pages non-negative, strings within HTTP's
 * outer bounds). Exact field rules (byte lengths, characters) stay in the domain validators the
 * services call.
 */
import { isIP } from "node:net";
import type { Metadata } from "@grpc/grpc-js";
import { type AppError, CommonErrors } from "../../lib/errors.ts";
import { isId } from "../../lib/ids.ts";
import { bearerCredential } from "../../services/credentials.ts";
import type { Principal, RequestMeta } from "../../services/identity.ts";
import type { GrpcDeps } from "../../services/index.ts";
import { INPUT_MAX_CHARS } from "../../services/input-bounds.ts";
import type { CallOptions } from "../../services/organizations.ts";
import { type Page, toPage } from "../../services/pagination.ts";

/** What `unary` hands a handler besides the request. */
export interface CallCtx {
  requestId: string;
  metadata: Metadata;
  /** `host:port` of the socket peer, as grpc-js reports it. */
  peer: string;
}

const USER_AGENT_MAX = 512;

/** The first value of a metadata key as a string (binary values are ignored). */
function first(md: Metadata, key: string): string | undefined {
  const v = md.get(key)[0];
  return typeof v === "string" ? v : undefined;
}

/** The client IP of `host:port` (IPv4, IPv6 or IPv4-mapped IPv6); null when unknown. */
export function peerIp(peer: string): string | null {
  const colon = peer.lastIndexOf(":");
  const host = (colon < 0 ? peer : peer.slice(0, colon)).replace(/^\[(.*)\]$/, "$1");
  return isIP(host) ? host : null;
}

/** Where the call came from (the peer's address; gRPC has no proxy chain to believe). */
export function requestMeta(ctx: CallCtx): RequestMeta {
  const ua = first(ctx.metadata, "user-agent");
  return { ip: peerIp(ctx.peer), userAgent: ua === undefined ? null : ua.slice(0, USER_AGENT_MAX) };
}

/** The options of a write: its origin and `idempotency-key` metadata if any. */
export function callOptions(ctx: CallCtx): CallOptions {
  const key = first(ctx.metadata, "idempotency-key");
  const meta = requestMeta(ctx);
  return key === undefined ? { meta } : { meta, idempotencyKey: key };
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
  const s = await deps.services.identity.sessions.requireSession(presentedToken(ctx));
  const principal: Principal = { userId: s.userId, sessionId: s.sessionId };
  return { principal, user: s.user };
}

/** Collects every field problem of a request, then throws one error listing them all. */
export class RequestCheck {
  readonly #ids: { field: string; message: string }[] = [];
  readonly #others: { field: string; message: string }[] = [];

  /** A Snowflake id (A1): `1..2^63-1` in canonical decimal. */
  id(field: string, value: string): string {
    if (!isId(value)) this.#ids.push({ field, message: "must be a Snowflake id (decimal string)" });
    return value;
  }

  /** An optional id filter: absent stays absent. */
  optionalId(field: string, value: string | undefined): string | undefined {
    return value === undefined ? undefined : this.id(field, value);
  }

  /** A string within HTTP's outer bound for this kind of field (src/services/input-bounds.ts). */
  bounded<V extends string | undefined>(
    field: string,
    value: V,
    kind: keyof typeof INPUT_MAX_CHARS,
  ): V {
    const max = INPUT_MAX_CHARS[kind];
    if (value !== undefined && value.length > max) {
      this.#others.push({ field, message: `must be at most ${max} characters` });
    }
    return value;
  }

  /** A field HTTP requires whose proto3 type has presence (`optional`). */
  required<V>(field: string, value: V | undefined): V {
    if (value === undefined) this.#others.push({ field, message: "is required" });
    return value as V;
  }

  /** One of the spellings HTTP accepts for an enum. */
  oneOf<const T extends string>(field: string, value: string, allowed: readonly T[]): T {
    if (!(allowed as readonly string[]).includes(value)) {
      this.#others.push({ field, message: `must be one of ${allowed.join(", ")}` });
    }
    return value as T;
  }

  /** A count that must not be negative (protobuf int32 allows it). */
  nonNegative(field: string, value: number | undefined): number | undefined {
    if (value !== undefined && value < 0) this.#others.push({ field, message: "must be >= 0" });
    return value;
  }

  /** The effective page of a list request (same defaults and clamping as HTTP). */
  page(req: { limit?: number | undefined; offset?: number | undefined }): Page {
    return toPage({
      limit: this.nonNegative("limit", req.limit),
      offset: this.nonNegative("offset", req.offset),
    });
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
