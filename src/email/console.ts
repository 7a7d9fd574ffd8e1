/**
 * Console transport (`email.transport: console`, the default for `bun run dev`): writes each mail's
 * recipient, subject and plain-text body to the log so a developer can follow links. Mails carry
 * one-time tokens, so this transport is for development only; production uses `smtp` (with
 * `console` there, bodies are not logged and the config loader warns).
 */
import type { Logger } from "../lib/log.ts";
import type { Mailer, MailMessage } from "./mailer.ts";

export class ConsoleMailer implements Mailer {
  readonly #log: Logger;
  readonly #withBody: boolean;

  /**
   * `withBody: false` logs only recipient, subject and Message-ID: in production, where logs are
   * shipped and kept, a mail's one-time token must not land in them.
   */
  constructor(log: Logger, opts: { withBody?: boolean } = {}) {
    this.#log = log;
    this.#withBody = opts.withBody ?? true;
  }

  async send(msg: MailMessage): Promise<void> {
    this.#log.info("mail", {
      to: msg.to,
      subject: msg.subject,
      message_id: msg.messageId,
      ...(this.#withBody ? { text: msg.text } : { text: "(not logged in production)" }),
    });
  }

  async close(): Promise<void> {}
}
