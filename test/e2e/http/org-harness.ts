/**
 * Test harness of the organization end-to-end tests: a real node (createTestServer, memory KV),
 * a real SMTP sink receiving its mail, the fast test hasher, rate limits off; `signUp()` registers
 * a user over HTTP and verifies their address with the token from the verification mail, so every
 * user is a genuine verified account; `call()` sends JSON with the user's session.
 */
import { expect } from "bun:test";
import { fastHasher } from "../../support/hasher.ts";
import { createTestServer, type TestServer, type TestServerOptions } from "../../support/server.ts";
import { type ReceivedMail, type SmtpSink, startSmtpSink } from "../../support/smtp.ts";

export interface OrgEnv {
  server: TestServer;
  smtp: SmtpSink;
  close(): Promise<void>;
}

export interface User {
  id: string;
  email: string;
  token: string;
}

export interface Reply {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

export async function startOrgEnv(opts: TestServerOptions = {}): Promise<OrgEnv> {
  const smtp = await startSmtpSink();
  const server = await createTestServer({
    hasher: fastHasher,
    ...opts,
    config: {
      email: { transport: "smtp", smtp_host: smtp.host, smtp_port: smtp.port },
      rate_limiting: { enabled: false },
      ...opts.config,
    },
  });
  return {
    server,
    smtp,
    async close() {
      await server.close();
      await smtp.close();
    },
  };
}

/** Sends a request; `body` is JSON-encoded unless it is already a string. */
export async function call(
  env: OrgEnv,
  method: string,
  path: string,
  opts: { token?: string | undefined; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: string | undefined;
  if (opts.body !== undefined) {
    body = typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body);
    headers["content-type"] ??= "application/json";
  }
  const res = await env.server.fetch(path, { method, headers, body });
  const text = await res.text();
  let parsed: Record<string, unknown> = {};
  if (text.length > 0) {
    try {
      parsed = JSON.parse(text) as Record<string, unknown>;
    } catch {
      parsed = { raw: text };
    }
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

let seq = 0;

/** The token in a mail's text (`?token=...` link). */
export function tokenIn(mail: ReceivedMail): string {
  const m = /[?&]token=([^\s&]+)/.exec(mail.text);
  if (!m?.[1]) throw new Error(`no token in mail: ${mail.subject}`);
  return decodeURIComponent(m[1]);
}

/** Registers a user and verifies their address through the verification mail. */
export async function signUp(env: OrgEnv, name = "user", verify = true): Promise<User> {
  const email = `${name.toLowerCase().replace(/[^a-z0-9]/g, "")}-${++seq}-${Date.now()}@example.com`;
  const res = await env.server.fetch("/v1/auth/register", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name, email, password: "correct horse battery staple" }),
  });
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { user_id: string };
  const cookie = res.headers.get("set-cookie") ?? "";
  const token = /infera_session=([^;]+)/.exec(cookie)?.[1];
  if (!token) throw new Error("no session cookie");
  if (verify) {
    const mail = await env.smtp.waitForMail(
      (m) => m.to.includes(email) && /verify/i.test(m.subject),
    );
    const r = await call(env, "POST", "/v1/auth/verify-email", { body: { token: tokenIn(mail) } });
    if (r.status !== 200) throw new Error(`verify failed: ${r.status} ${JSON.stringify(r.body)}`);
  }
  return { id: body.user_id, email, token };
}

/** Creates an organization owned by `owner`; returns its id. */
export async function createOrg(env: OrgEnv, owner: User, name = "Acme"): Promise<string> {
  const r = await call(env, "POST", "/v1/organizations", { token: owner.token, body: { name } });
  if (r.status !== 201) throw new Error(`create org failed: ${r.status} ${JSON.stringify(r.body)}`);
  return (r.body.organization as { id: string }).id;
}

/** The invitation mail of invitation `invitationId` (its token starts with the id). */
export function invitationMail(
  env: OrgEnv,
  email: string,
  invitationId: string,
): Promise<ReceivedMail> {
  return env.smtp.waitForMail(
    (m) => m.to.includes(email) && m.text.includes(`token=${invitationId}.`),
  );
}

/** Invites `user` with `role` and accepts through the invitation mail; returns the membership id. */
export async function addMember(
  env: OrgEnv,
  orgId: string,
  inviter: User,
  user: User,
  role = "MEMBER",
): Promise<string> {
  const r = await call(env, "POST", `/v1/organizations/${orgId}/invitations`, {
    token: inviter.token,
    body: { email: user.email, role },
  });
  if (r.status !== 201) throw new Error(`invite failed: ${r.status} ${JSON.stringify(r.body)}`);
  const mail = await invitationMail(env, user.email, (r.body.invitation as { id: string }).id);
  const a = await call(env, "POST", "/v1/organizations/invitations/accept", {
    token: user.token,
    body: { token: tokenIn(mail) },
  });
  if (a.status !== 200) throw new Error(`accept failed: ${a.status} ${JSON.stringify(a.body)}`);
  const members = await call(env, "GET", `/v1/organizations/${orgId}/members?limit=100`, {
    token: user.token,
  });
  const list = members.body.members as { id: string; user_id: string }[];
  return list.find((m) => m.user_id === user.id)!.id;
}

/** Asserts an A3 error answer: status, code (when given), message, and matching request ids. */
export function expectA3(r: Reply, status: number, code?: string) {
  expect({ status: r.status, code: r.body.code }).toMatchObject(
    code ? { status, code } : { status },
  );
  expect(typeof r.body.error).toBe("string");
  expect(typeof r.body.request_id).toBe("string");
  expect(r.headers.get("x-request-id")).toBe(r.body.request_id as string);
}

/** Deletes every organization `user` owns (its default one included), so the account can go. */
export async function deleteOwnOrgs(env: OrgEnv, user: User): Promise<void> {
  const list = await call(env, "GET", "/v1/organizations?limit=100", { token: user.token });
  for (const o of list.body.organizations as { id: string; role: string }[]) {
    if (o.role !== "OWNER") continue;
    const r = await call(env, "DELETE", `/v1/organizations/${o.id}`, { token: user.token });
    if (r.status !== 204) throw new Error(`delete org failed: ${r.status}`);
  }
}
