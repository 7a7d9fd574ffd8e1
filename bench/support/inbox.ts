/**
 * What the HTTP benches share: a mailer that keeps mail in memory (so sign-up tokens can be read
 * back without SMTP) and a JSON reader that fails loudly on a non-2xx answer.
 */
import type { Mailer, MailMessage } from "../../src/email/mailer.ts";

export class InboxMailer implements Mailer {
  readonly sent: MailMessage[] = [];
  async send(msg: MailMessage): Promise<void> {
    this.sent.push(msg);
  }
  async close(): Promise<void> {}
}

export async function json(res: Response): Promise<Record<string, unknown>> {
  if (res.status >= 300) throw new Error(`${res.url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}
