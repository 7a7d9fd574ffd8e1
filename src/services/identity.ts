/**
 * Shared context of the identity services (auth, users, sessions, emails): their dependencies, the
 * settings derived from config, the principal and request metadata types, and the factory that
 * builds all four. Transport-neutral: HTTP and gRPC call the same functions.
 */
import type { Config } from "../config/schema.ts";
import type { PasswordHasher } from "../crypto/password.ts";
import type { AuditInput } from "../domain/audit/events.ts";
import { appendAuditWrites, auditEvent } from "../domain/audit/events.ts";
import type { RateLimitRule } from "../domain/ratelimit/counters.ts";
import type { RateLimiter } from "../domain/ratelimit/limiter.ts";
import type { SessionType } from "../domain/sessions/records.ts";
import type { OutboxDelivery } from "../email/delivery.ts";
import type { MailOutbox } from "../email/outbox.ts";
import type { KvStore, Mutation } from "../kv/types.ts";
import type { Clock } from "../lib/clock.ts";
import type { SnowflakeGenerator } from "../lib/ids.ts";
import type { Logger } from "../lib/log.ts";
import type { IdentityMetrics } from "./identity-metrics.ts";

/** Identity settings, in the units the services use (ms), derived from config by `identitySettings`. */
export interface IdentitySettings {
  sessionTtlMs: Record<SessionType, number>;
  maxSessionsPerUser: number;
  /** How long revoked and expired sessions stay before the cleanup job deletes them (ms). */
  sessionRetentionMs: number;
  /** Base of links in mails, without a trailing slash. */
  frontendBaseUrl: string;
  rules: {
    loginPerIp: RateLimitRule;
    loginFailuresPerAccount: RateLimitRule;
    registrationsPerIp: RateLimitRule;
    verificationMailsPerAddress: RateLimitRule;
    passwordResetsPerUser: RateLimitRule;
  };
}

export function identitySettings(config: Config): IdentitySettings {
  const r = config.rate_limiting;
  return {
    sessionTtlMs: {
      WEB: config.auth.session_ttl_web * 1000,
      CLI: config.auth.session_ttl_cli * 1000,
      SDK: config.auth.session_ttl_sdk * 1000,
    },
    maxSessionsPerUser: config.auth.max_sessions_per_user,
    sessionRetentionMs: config.auth.session_retention_s * 1000,
    frontendBaseUrl: config.frontend_base_url,
    rules: {
      loginPerIp: {
        category: "login_ip",
        limit: r.login_attempts_per_ip_per_hour,
        windowSec: 3600,
      },
      loginFailuresPerAccount: {
        category: "login_failures",
        limit: r.login_failures_per_account_per_15min,
        windowSec: 900,
      },
      registrationsPerIp: {
        category: "registration_ip",
        limit: r.registrations_per_ip_per_day,
        windowSec: 86400,
      },
      verificationMailsPerAddress: {
        category: "email_verification",
        limit: r.email_verification_tokens_per_hour,
        windowSec: 3600,
      },
      passwordResetsPerUser: {
        category: "password_reset",
        limit: r.password_reset_tokens_per_hour,
        windowSec: 3600,
      },
    },
  };
}

/** Who is calling: resolved once per request from the session credential. */
export interface Principal {
  userId: string;
  sessionId: string;
}

/** Where a request came from (for audit events and rate limits). */
export interface RequestMeta {
  /** Client IP (socket peer, or X-Forwarded-For behind a trusted proxy); null when unknown. */
  ip: string | null;
  userAgent: string | null;
}

export const NO_META: RequestMeta = { ip: null, userAgent: null };

export interface IdentityDeps {
  kv: KvStore;
  clock: Clock;
  ids: SnowflakeGenerator;
  log: Logger;
  hasher: PasswordHasher;
  outbox: MailOutbox;
  /** Sends enqueued mail right after commit; the `mail-outbox` leader job retries failures. */
  delivery: OutboxDelivery;
  limiter: RateLimiter;
  settings: IdentitySettings;
  metrics: IdentityMetrics;
}

/** RFC 3339 UTC with milliseconds and `Z` (api.md A2). */
export function iso(ms: number): string {
  let s = isoCache.get(ms);
  if (s === undefined) {
    s = new Date(ms).toISOString();
    if (isoCache.size >= ISO_CACHE_MAX) isoCache.clear();
    isoCache.set(ms, s);
  }
  return s;
}

/**
 * Recently formatted instants: the same few timestamps (a signed-in user's `created_at`) are
 * formatted on every authenticated request. Bounded; cleared whole when full.
 */
const isoCache = new Map<number, string>();
const ISO_CACHE_MAX = 4096;

/** ISO or null. */
export function isoOrNull(ms: number | null): string | null {
  return ms === null ? null : iso(ms);
}

const USER_AGENT_MAX = 512;

/** The writes of one audit event stamped with a fresh id, the clock and the request's origin. */
export function auditWrites(deps: IdentityDeps, meta: RequestMeta, input: AuditInput): Mutation[] {
  return appendAuditWrites(
    auditEvent(deps.ids.next(), deps.clock.now(), {
      ip_address: meta.ip,
      user_agent: meta.userAgent?.slice(0, USER_AGENT_MAX) ?? null,
      ...input,
    }),
  );
}

/** The length of a session's touch granularity: at most a minute, at most 1% of the TTL. */
export function touchGranularityMs(ttlMs: number): number {
  return Math.max(1, Math.min(60_000, Math.floor(ttlMs / 100)));
}
