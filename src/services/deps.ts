/**
 * What the services are built from: one `ServiceDeps` for every feature's service (each takes the
 * parts it uses), and the settings derived from config in the units the services work in. Built
 * once by the composition root (src/main.ts), after the mail step (src/email/open.ts), so every
 * service that sends mail gets the same outbox and delivery and no service is completed by a
 * setter after construction.
 */
import type { Config } from "../config/schema.ts";
import type { Sealer } from "../crypto/envelope.ts";
import type { PasswordHasher } from "../crypto/password.ts";
import type { RateLimitRule } from "../domain/ratelimit/counters.ts";
import type { RateLimiter } from "../domain/ratelimit/limiter.ts";
import type { SessionType } from "../domain/sessions/records.ts";
import type { OutboxDelivery } from "../email/delivery.ts";
import type { MailOutbox } from "../email/outbox.ts";
import type { KvStore } from "../kv/types.ts";
import type { Clock } from "../lib/clock.ts";
import type { SnowflakeGenerator } from "../lib/ids.ts";
import type { Logger } from "../lib/log.ts";
import type { ActorClient } from "../runtime/client.ts";
import type { AuthMetrics } from "./auth/metrics.ts";

/** Settings in the units the services use (ms), derived from config by `serviceSettings`. */
export interface ServiceSettings {
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
    /** Invitation mails per organization and per recipient address (src/domain/invitations/limits.ts). */
    invitationsPerOrg: RateLimitRule;
    invitationsPerAddress: RateLimitRule;
    invitationsPerAddressAll: RateLimitRule;
  };
}

export function serviceSettings(config: Config): ServiceSettings {
  const r = config.rate_limiting;
  const rule = (category: string, limit: number, windowSec: number): RateLimitRule => ({
    category,
    limit,
    windowSec,
  });
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
      loginPerIp: rule("login_ip", r.login_attempts_per_ip_per_hour, 3600),
      loginFailuresPerAccount: rule("login_failures", r.login_failures_per_account_per_15min, 900),
      registrationsPerIp: rule("registration_ip", r.registrations_per_ip_per_day, 86400),
      verificationMailsPerAddress: rule(
        "email_verification",
        r.email_verification_tokens_per_hour,
        3600,
      ),
      passwordResetsPerUser: rule("password_reset", r.password_reset_tokens_per_hour, 3600),
      invitationsPerOrg: rule("invitation_org", r.invitations_per_org_per_hour, 3600),
      invitationsPerAddress: rule("invitation_address", r.invitations_per_address_per_day, 86400),
      // Across all organizations: 4x the per-organization budget of one address.
      invitationsPerAddressAll: rule(
        "invitation_address_all",
        4 * r.invitations_per_address_per_day,
        86400,
      ),
    },
  };
}

export interface ServiceDeps {
  kv: KvStore;
  clock: Clock;
  ids: SnowflakeGenerator;
  log: Logger;
  /** The actor runtime's client (organization-scoped use cases are turns of their actor). */
  actors: ActorClient;
  hasher: PasswordHasher;
  /** Mail waiting to be sent (bodies sealed at rest), written in the same commit as its cause. */
  outbox: MailOutbox;
  /** Sends enqueued mail right after commit; the `mail-outbox` leader job retries failures. */
  delivery: OutboxDelivery;
  limiter: RateLimiter;
  /** Seals what services keep of a request's secrets for a retry (invitation claims). */
  sealer: Sealer;
  settings: ServiceSettings;
  metrics: AuthMetrics;
}
