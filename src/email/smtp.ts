/** SMTP transport through nodemailer (`email.transport: smtp`). */
import { createTransport, type Transporter } from "nodemailer";
import type { Mailer, MailFrom, MailMessage } from "./mailer.ts";

export interface SmtpOptions {
  host: string;
  port: number;
  /** TLS from the first byte (port 465). Otherwise STARTTLS is used when the server offers it. */
  secure: boolean;
  username?: string | undefined;
  password?: string | undefined;
  from: MailFrom;
  /** Socket timeouts, ms. */
  timeoutMs?: number;
}

export class SmtpMailer implements Mailer {
  readonly #transport: Transporter;
  readonly #from: MailFrom;

  constructor(opts: SmtpOptions) {
    const timeout = opts.timeoutMs ?? 15_000;
    this.#from = opts.from;
    this.#transport = createTransport({
      host: opts.host,
      port: opts.port,
      secure: opts.secure,
      auth: opts.username ? { user: opts.username, pass: opts.password ?? "" } : undefined,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
    });
  }

  async send(msg: MailMessage): Promise<void> {
    await this.#transport.sendMail({
      from: { name: this.#from.name, address: this.#from.email },
      to: msg.to,
      subject: msg.subject,
      text: msg.text,
      html: msg.html,
      messageId: msg.messageId,
    });
  }

  async close(): Promise<void> {
    this.#transport.close();
  }
}
