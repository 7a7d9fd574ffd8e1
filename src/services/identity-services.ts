/**
 * Builds the identity services (auth, users, sessions, emails) from their dependencies, and the
 * leader jobs identity owns. Called once by the composition root (src/main.ts) and by test support.
 */

import type { Registry } from "prom-client";
import type { LeaderJob } from "../cluster/jobs-types.ts";
import type { Config } from "../config/schema.ts";
import { createSealer } from "../crypto/envelope.ts";
import { Argon2Hasher, type PasswordHasher } from "../crypto/password.ts";
import { RateLimiter } from "../domain/ratelimit/limiter.ts";
import { ConsoleMailer } from "../email/console.ts";
import { type DeliveryPolicy, OutboxDelivery } from "../email/delivery.ts";
import type { Mailer } from "../email/mailer.ts";
import { MailOutbox } from "../email/outbox.ts";
import { mailOutboxJob } from "../email/outbox-job.ts";
import { SmtpMailer } from "../email/smtp.ts";
import type { KvStore } from "../kv/types.ts";
import type { Clock } from "../lib/clock.ts";
import type { SnowflakeGenerator } from "../lib/ids.ts";
import type { Logger } from "../lib/log.ts";
import { AuthService } from "./auth.ts";
import { EmailService } from "./emails.ts";
import { type IdentityDeps, identitySettings } from "./identity.ts";
import { rateLimitCleanupJob, sessionCleanupJob, tokenCleanupJob } from "./identity-jobs.ts";
import { createIdentityMetrics } from "./identity-metrics.ts";
import { SessionService } from "./sessions.ts";
import { UserService } from "./users.ts";

export interface IdentityServices {
  auth: AuthService;
  users: UserService;
  sessions: SessionService;
  emails: EmailService;
  /** Delivers mail; `drain()` it on shutdown. */
  delivery: OutboxDelivery;
  /** The mail outbox (bodies sealed at rest); org services enqueue invitations through it too. */
  outbox: MailOutbox;
  mailer: Mailer;
  /** Leader jobs to register with the cluster's job runner. */
  jobs: LeaderJob[];
}

export interface IdentityBuildOptions {
  config: Config;
  kv: KvStore;
  clock: Clock;
  ids: SnowflakeGenerator;
  log: Logger;
  /** Default: Argon2id at the production parameters. */
  hasher?: PasswordHasher;
  /** Default: from `email.transport`. */
  mailer?: Mailer;
  deliveryPolicy?: Partial<DeliveryPolicy>;
  /** The node's Prometheus registry (identity's counters join it). */
  metrics?: Registry;
}

/** The mail transport selected by `email.transport`. */
export function mailerFromConfig(config: Config, log: Logger): Mailer {
  const e = config.email;
  if (e.transport === "console") {
    return new ConsoleMailer(log.child({ subsystem: "mail" }), {
      withBody: config.environment !== "production",
    });
  }
  return new SmtpMailer({
    host: e.smtp_host,
    port: e.smtp_port,
    secure: e.smtp_secure,
    username: e.smtp_username,
    password: e.smtp_password,
    from: { email: e.from_email, name: e.from_name },
  });
}

export function buildIdentityServices(o: IdentityBuildOptions): IdentityServices {
  const log = o.log.child({ subsystem: "identity" });
  const metrics = createIdentityMetrics(o.metrics);
  const mailer = o.mailer ?? mailerFromConfig(o.config, o.log);
  // Mail bodies carry one-time tokens: sealed at rest in the outbox (src/crypto/envelope.ts).
  const sealer = createSealer(o.config.auth.key_encryption_secret, "outbox-mail");
  const delivery = new OutboxDelivery({
    kv: o.kv,
    clock: o.clock,
    mailer,
    log: o.log.child({ subsystem: "mail" }),
    policy: o.deliveryPolicy,
    sealer,
  });
  const outbox = new MailOutbox({
    ids: o.ids,
    clock: o.clock,
    messageIdDomain: new URL(o.config.frontend_base_url).hostname || "inferadb.local",
    sealer,
  });
  const deps: IdentityDeps = {
    kv: o.kv,
    clock: o.clock,
    ids: o.ids,
    log,
    hasher: o.hasher ?? new Argon2Hasher(),
    outbox,
    delivery,
    limiter: new RateLimiter({
      kv: o.kv,
      clock: o.clock,
      enabled: o.config.rate_limiting.enabled,
      onDenied: (category) => metrics.rateLimitsExceeded.inc({ category }),
    }),
    settings: identitySettings(o.config),
    metrics,
  };
  const sessions = new SessionService(deps);
  const emails = new EmailService(deps);
  const auth = new AuthService(deps, sessions, emails);
  const users = new UserService(deps, emails);
  return {
    auth,
    users,
    sessions,
    emails,
    delivery,
    outbox,
    mailer,
    jobs: [
      mailOutboxJob(delivery),
      sessionCleanupJob(deps.settings.sessionRetentionMs),
      tokenCleanupJob(),
      rateLimitCleanupJob(),
    ],
  };
}
