/**
 * The mail port. A `Mailer` delivers one fully rendered message; the mail outbox
 * (src/email/outbox.ts) decides when, retries and records the outcome. Implementations:
 * `SmtpMailer` (nodemailer over SMTP) and `ConsoleMailer` (writes the mail to the log, for
 * `bun run dev`).
 */

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /**
   * RFC 5322 Message-ID including angle brackets, stable across retries of the same outbox entry,
   * so a receiver can recognise a duplicate delivery.
   */
  messageId: string;
}

export interface Mailer {
  /**
   * Hands `msg` to the transport. Resolves once the transport accepted it; rejects with the
   * transport's error otherwise (the outbox retries). Safe to call concurrently.
   */
  send(msg: MailMessage): Promise<void>;
  /** Releases connections. Idempotent. */
  close(): Promise<void>;
}

/** Sender identity shared by the transports. */
export interface MailFrom {
  email: string;
  name: string;
}
