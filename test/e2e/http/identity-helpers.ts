/**
 * Helpers for the identity end-to-end tests: JSON requests over real sockets, registration and
 * sign-in returning the session credential from Set-Cookie, and the token of a received mail.
 */
import type { TestServer } from "../../support/server.ts";
import type { ReceivedMail } from "../../support/smtp.ts";

export interface Reply {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: test assertions read arbitrary JSON.
  body: any;
}

export interface CallOptions {
  /** Session credential sent as `Authorization: Bearer`. */
  bearer?: string;
  /** Session credential sent as the `infera_session` cookie. */
  cookie?: string;
  headers?: Record<string, string>;
}

export async function call(
  server: TestServer,
  method: string,
  path: string,
  body?: unknown,
  opts: CallOptions = {},
): Promise<Reply> {
  const headers: Record<string, string> = { ...opts.headers };
  if (body !== undefined) headers["content-type"] ??= "application/json";
  if (opts.bearer) headers.authorization = `Bearer ${opts.bearer}`;
  if (opts.cookie) headers.cookie = `infera_session=${opts.cookie}`;
  const res = await server.fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text.length > 0 ? JSON.parse(text) : null;
  } catch {
    // Non-JSON bodies stay as text (assertions will say so).
  }
  return { status: res.status, headers: res.headers, body: parsed };
}

/** The session credential from a Set-Cookie header. */
export function sessionFromCookie(headers: Headers): string {
  const m = /infera_session=([^;]*)/.exec(headers.get("set-cookie") ?? "");
  if (!m?.[1]) throw new Error(`no session cookie in ${headers.get("set-cookie")}`);
  return m[1];
}

export interface Account {
  userId: string;
  email: string;
  password: string;
  session: string;
}

let counter = 0;

/** Registers a fresh account (201 expected) and returns its credential. */
export async function registerAccount(
  server: TestServer,
  over: Partial<{ name: string; email: string; password: string }> = {},
): Promise<Account> {
  counter++;
  const input = {
    name: over.name ?? `User ${counter}`,
    email: over.email ?? `user${counter}-${Date.now()}@example.com`,
    password: over.password ?? "correct horse battery staple",
  };
  const r = await call(server, "POST", "/v1/auth/register", input);
  if (r.status !== 201) throw new Error(`register failed: ${r.status} ${JSON.stringify(r.body)}`);
  return {
    userId: r.body.user_id,
    email: input.email.toLowerCase(),
    password: input.password,
    session: sessionFromCookie(r.headers),
  };
}

/** The `token=` parameter of the link in a mail's plain-text part. */
export function tokenFromMail(mail: ReceivedMail): string {
  const m = /token=([A-Za-z0-9._%-]+)/.exec(mail.text);
  if (!m?.[1]) throw new Error(`no token link in mail: ${mail.text}`);
  return decodeURIComponent(m[1]);
}

export function mailTo(address: string, subject: string) {
  return (m: ReceivedMail) => m.to.includes(address) && m.subject === subject;
}

/**
 * Deletes the organizations the account owns (its default organization, made at registration)
 * so that the account itself can be deleted.
 */
export async function deleteOwnOrganizations(server: TestServer, a: Account): Promise<void> {
  const list = await call(server, "GET", "/v1/organizations", undefined, { bearer: a.session });
  if (list.status !== 200) throw new Error(`list organizations: ${list.status}`);
  for (const org of list.body.organizations as { id: string; role: string }[]) {
    if (org.role !== "OWNER") continue;
    const r = await call(server, "DELETE", `/v1/organizations/${org.id}`, undefined, {
      bearer: a.session,
    });
    if (r.status !== 204) throw new Error(`delete organization: ${r.status}`);
  }
}
