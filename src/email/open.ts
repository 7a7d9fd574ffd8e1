/**
 * The mail step of the composition root: the transport selected by `email.transport`, the outbox
 * (bodies sealed at rest: they carry one-time tokens), the delivery that sends right after commit,
 * and the `mail-outbox` leader job that retries. Built once by src/main.ts and handed to every
 * service that sends mail (docs/adr/0007-mail-transactional-outbox.md).
 */
import type { LeaderJob } from "../cluster/jobs-types.ts";
import type { Config } from "../config/schema.ts";
import { createSealer } from "../crypto/envelope.ts";
import type { KvStore } from "../kv/types.ts";
import type { Clock } from "../lib/clock.ts";
import type { SnowflakeGenerator } from "../lib/ids.ts";
import type { Logger } from "../lib/log.ts";
import { ConsoleMailer } from "./console.ts";
import { type DeliveryPolicy, OutboxDelivery } from "./delivery.ts";
import type { Mailer } from "./mailer.ts";
import { MailOutbox } from "./outbox.ts";
import { mailOutboxJob } from "./outbox-job.ts";
import { SmtpMailer } from "./smtp.ts";

export interface Mail {
  mailer: Mailer;
  outbox: MailOutbox;
  delivery: OutboxDelivery;
  /** Leader jobs of mail (the outbox retry loop). */
  jobs: LeaderJob[];
  /** Finishes in-flight deliveries (the outbox keeps the rest), then closes the transport. */
  close(): Promise<void>;
}

export interface OpenMailOptions {
  config: Config;
  kv: KvStore;
  clock: Clock;
  ids: SnowflakeGenerator;
  log: Logger;
  /** Default: from `email.transport`. */
  mailer?: Mailer | undefined;
  deliveryPolicy?: Partial<DeliveryPolicy> | undefined;
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

export function openMail(o: OpenMailOptions): Mail {
  const mailer = o.mailer ?? mailerFromConfig(o.config, o.log);
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
  return {
    mailer,
    outbox,
    delivery,
    jobs: [mailOutboxJob(delivery)],
    async close() {
      await delivery.drain();
      await mailer.close();
    },
  };
}
