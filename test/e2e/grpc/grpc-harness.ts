/**
 * Helpers for gRPC end-to-end tests over real sockets: real grpc-js clients built from the protos
 * the server loads (via @grpc/proto-loader), a promise-returning unary `call` that never rejects
 * (it answers `{res}` or `{err}`), metadata builders, HTTP calls for parity checks, and sign-up
 * through gRPC with the verification mail read from the test's SMTP sink.
 */
import {
  type Client,
  credentials,
  loadPackageDefinition,
  Metadata,
  type ServiceError,
} from "@grpc/grpc-js";
import { loadSync } from "@grpc/proto-loader";
import { LOADER_OPTIONS, protoFiles } from "../../../src/grpc/protos.ts";
import type { TestServer } from "../../support/server.ts";
import type { ReceivedMail } from "../../support/smtp.ts";

type Callback = (err: ServiceError | null, res: Record<string, unknown>) => void;
type Unary = (req: unknown, md: Metadata, cb: Callback) => unknown;
export type DynClient = Client & Record<string, Unary>;
type Ctor = new (address: string, creds: unknown) => DynClient;

const v1 =
  // Without `oneofs`: proto3 `optional` fields are plain properties, absent when unset.
  (
    loadPackageDefinition(
      loadSync(protoFiles(), { ...LOADER_OPTIONS, oneofs: false }),
    ) as never as {
      inferadb: { management: { v1: Record<string, Ctor> } };
    }
  ).inferadb.management.v1;

export const SERVICE_NAMES = [
  "AuthService",
  "UserService",
  "OrganizationService",
  "TeamService",
  "VaultService",
  "ClientService",
  "TokenService",
] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export interface GrpcResult {
  res?: Record<string, unknown>;
  err?: ServiceError;
}

/** Clients of our services on one server; `close()` them in afterEach. */
export class GrpcClients {
  readonly #clients = new Map<ServiceName, DynClient>();

  constructor(readonly address: string) {}

  client(service: ServiceName): DynClient {
    let c = this.#clients.get(service);
    if (!c) {
      const C = v1[service];
      if (!C) throw new Error(`no such service in the protos: ${service}`);
      c = new C(this.address, credentials.createInsecure());
      this.#clients.set(service, c);
    }
    return c;
  }

  /** One unary call; resolves with the response or the error (never rejects). */
  call(service: ServiceName, method: string, req: unknown, md = new Metadata()) {
    const c = this.client(service);
    const fn = c[method];
    if (typeof fn !== "function") throw new Error(`no method ${service}/${method}`);
    return new Promise<GrpcResult>((resolve) => {
      fn.call(c, req, md, (err, res) => resolve(err ? { err } : { res }));
    });
  }

  /** Like `call`, but throws with the status on error (for steps that must succeed). */
  async ok(service: ServiceName, method: string, req: unknown, md = new Metadata()) {
    const r = await this.call(service, method, req, md);
    if (r.err) {
      const code = r.err.metadata.get("x-error-code")[0];
      throw new Error(`${service}/${method} failed: ${r.err.code} ${code} ${r.err.details}`);
    }
    return r.res as Record<string, unknown>;
  }

  close(): void {
    for (const c of this.#clients.values()) c.close();
    this.#clients.clear();
  }
}

/** Metadata carrying a session credential (and any extra entries). */
export function bearer(token: string, extra: Record<string, string> = {}): Metadata {
  const md = new Metadata();
  md.set("authorization", `Bearer ${token}`);
  for (const [k, v] of Object.entries(extra)) md.set(k, v);
  return md;
}

/** The `token=` parameter of the link in a mail's text. */
export function tokenIn(mail: ReceivedMail): string {
  const m = /[?&]token=([^\s&]+)/.exec(mail.text);
  if (!m?.[1]) throw new Error(`no token in mail: ${mail.subject}`);
  return decodeURIComponent(m[1]);
}

/** JSON over HTTP with an optional session credential: `{status, body}`. */
export async function http(
  server: TestServer,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  const res = await server.fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/**
 * HTTP JSON as the proto would carry it: null fields dropped (proto3 optional = absent), so a
 * gRPC answer and an HTTP answer of the same object compare equal.
 */
export function asProto(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(asProto);
  if (v && typeof v === "object") {
    return Object.fromEntries(
      Object.entries(v)
        .filter(([, x]) => x !== null)
        .map(([k, x]) => [k, asProto(x)]),
    );
  }
  return v;
}

export interface GrpcUser {
  id: string;
  email: string;
  token: string;
}

let seq = 0;

/** Registers through gRPC and (by default) verifies the address with the mailed token. */
export async function signUpGrpc(
  g: GrpcClients,
  server: TestServer,
  name = "user",
  verify = true,
): Promise<GrpcUser> {
  const email = `${name.toLowerCase().replace(/[^a-z0-9]/g, "")}-${++seq}@example.com`;
  const r = await g.ok("AuthService", "Register", {
    name,
    email,
    password: "correct horse battery staple",
  });
  if (verify) {
    const smtp = server.smtp;
    if (!smtp) throw new Error("signUpGrpc needs createTestServer({ smtp: true })");
    const mail = await smtp.waitForMail((m) => m.to.includes(email) && /verify/i.test(m.subject));
    await g.ok("AuthService", "VerifyEmail", { token: tokenIn(mail) });
  }
  return { id: r.user_id as string, email, token: r.session_token as string };
}
