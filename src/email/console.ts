/**
 * Console transport (`email.transport: console`, the default for `bun run dev`): writes each mail's
 * recipient, subject and plain-text body to the log so a developer can follow links. Mails carry
 * one-time tokens, so this transport is for development only; production uses `smtp`.
 */
import type { Logger } from "../lib/log.ts";
import type { Mailer, MailMessage } from "./mailer.ts";

export class ConsoleMailer implements Mailer {
  readonly #log: Logger;

  constructor(log: Logger) {
    this.#log = log;
  }

  async send(msg: MailMessage): Promise<void> {
    this.#log.info("mail", {
      to: msg.to,
      subject: msg.subject,
      message_id: msg.messageId,
      text: msg.text,
    });
  }

  async close(): Promise<void> {}
}
