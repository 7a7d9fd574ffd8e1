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

/**
 * Signs a user up on the node at `base` and verifies the address from the mail `mailer` kept:
 * the session token (from the `infera_session` cookie) and the user id.
 */
export async function signUpVerified(
  base: string,
  mailer: InboxMailer,
  email: string,
): Promise<{ token: string; userId: string }> {
  const reg = await fetch(`${base}/v1/auth/register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: "Bench", email, password: "benchmark password 123" }),
  });
  const token = /infera_session=([^;]+)/.exec(reg.headers.get("set-cookie") ?? "")?.[1];
  const userId = ((await reg.json()) as { user_id?: string }).user_id;
  if (reg.status !== 201 || !token || !userId) throw new Error(`register: ${reg.status}`);
  const mail = () => mailer.sent.find((m) => m.to === email);
  for (let i = 0; i < 200 && !mail(); i++) await Bun.sleep(20);
  const verifyToken = /[?&]token=([^\s&]+)/.exec(mail()?.text ?? "")?.[1];
  if (!verifyToken) throw new Error("no verification mail");
  await json(
    await fetch(`${base}/v1/auth/verify-email`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token: decodeURIComponent(verifyToken) }),
    }),
  );
  return { token, userId };
}
