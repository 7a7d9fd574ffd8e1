/**
 * What every use case shares, whichever transport called it: who is calling (`Principal`), where
 * the request came from (`RequestMeta`), the options of a write (`CallOptions`: origin and
 * `Idempotency-Key`), pages of lists, timestamps, and the audit writes a plain transaction adds.
 * HTTP and gRPC build these values here, so both fronts hand the services the same thing.
 */
import { createHash } from "node:crypto";
import { type Static, Type } from "@sinclair/typebox";
import type { AuditInput } from "../domain/audit/events.ts";
import { appendAuditWrites, auditEvent, clipUserAgent } from "../domain/audit/events.ts";
import type { PageRequest } from "../domain/organizations/turn.ts";
import type { Mutation } from "../kv/types.ts";
import type { Clock } from "../lib/clock.ts";
import { CommonErrors } from "../lib/errors.ts";
import type { SnowflakeGenerator } from "../lib/ids.ts";
import { Count, type RequestMetaSchema } from "../lib/schema.ts";

export type { PageRequest } from "../domain/organizations/turn.ts";
export { iso, isoOrNull } from "../lib/time.ts";

/** Who is calling: resolved once per request from the session credential. */
export interface Principal {
  userId: string;
  sessionId: string;
}

/**
 * Where a request came from (for audit events and rate limits): the client IP (socket peer, or
 * X-Forwarded-For behind a trusted proxy; null when unknown) and the `User-Agent` (cut to 512
 * characters; null when absent). The same shape travels in actor messages as `meta`.
 */
export type RequestMeta = Static<typeof RequestMetaSchema>;

export const NO_META: RequestMeta = { ip: null, userAgent: null };

/** The origin of a request as both transports record it (the user agent is bounded). */
export function requestMeta(ip: string | null, userAgent: string | null | undefined): RequestMeta {
  return { ip, userAgent: clipUserAgent(userAgent) };
}

/** Options every write accepts. */
export interface CallOptions {
  meta: RequestMeta;
  idempotencyKey?: string | undefined;
}

/** The options of a write from its origin and the `Idempotency-Key` it carried (if any). */
export function callOptions(meta: RequestMeta, idempotencyKey: string | null | undefined) {
  const opts: CallOptions = { meta };
  if (idempotencyKey !== null && idempotencyKey !== undefined) opts.idempotencyKey = idempotencyKey;
  return opts;
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * The actor-level Idempotency-Key for `key` sent by `userId`. The runtime stores outcomes per
 * actor and compares only the message, so an unscoped key would let any other caller (even a
 * non-member) who sends the same key and body get the first caller's stored reply without an
 * authorization check, and two users picking the same key would collide. Scoped by user and
 * hashed, so the scoped key stays within the runtime's length limit.
 */
export function scopedIdempotencyKey(userId: string, key: string): string {
  if (!IDEMPOTENCY_KEY.test(key)) {
    const message = "must be 1..255 printable ASCII characters";
    throw CommonErrors.INVALID_ARGUMENT(`Idempotency-Key ${message}`, {
      details: [{ field: "Idempotency-Key", message }],
    });
  }
  return `u${userId}:${createHash("sha256").update(key).digest("base64url")}`;
}

// Pages -------------------------------------------------------------------------------------------

/**
 * Offset pagination of list answers (docs/http-api.md, "Pagination"): `limit` defaults to 50 and
 * is clamped to 1..100, `offset` defaults to 0; every list answer carries the same `pagination`
 * object. HTTP (query strings) and gRPC (request fields) both build pages here.
 */
export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 100;

/** Effective page: limit defaults to 50 and is clamped to 1..100; offset defaults to 0. */
export function toPage(q: {
  limit?: number | undefined;
  offset?: number | undefined;
}): PageRequest {
  const limit = Math.min(MAX_LIMIT, Math.max(1, q.limit ?? DEFAULT_LIMIT));
  return { limit, offset: q.offset ?? 0 };
}

/** The `pagination` object of every list response. */
export function paginationOf(page: PageRequest, total: number, count: number) {
  return {
    total,
    count,
    offset: page.offset,
    limit: page.limit,
    has_more: page.offset + count < total,
  };
}

// Audit -------------------------------------------------------------------------------------------

/** The writes of one audit event stamped with a fresh id, the clock and the request's origin. */
export function auditWrites(
  deps: { ids: SnowflakeGenerator; clock: Clock },
  meta: RequestMeta,
  input: AuditInput,
): Mutation[] {
  return appendAuditWrites(
    auditEvent(deps.ids.next(), deps.clock.now(), {
      ip_address: meta.ip,
      user_agent: meta.userAgent,
      ...input,
    }),
  );
}

/** The query of every paginated list (query strings are converted to integers by the HTTP front). */
export const PageQuery = Type.Object({ limit: Type.Optional(Count), offset: Type.Optional(Count) });
