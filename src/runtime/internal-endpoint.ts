/**
 * The internal cluster endpoint (HTTP/1.1 on `cluster.internal_port`, Bun.serve): peers forward
 * actor messages here. One route, `POST /internal/v1/actors/ask`, with a JSON body
 * (`ForwardRequest`) signed per src/runtime/auth.ts. Unsigned, badly signed, stale or replayed
 * requests get 401; without `cluster.secret` every request is refused. The answer is always 200
 * with a `ForwardResponse` (the turn's reply or its AppError as data) once authenticated.
 *
 * Other routes (the engine-facing lookups, src/services/internal/engine-lookups.ts) are installed
 * with `setRoutes`; they authenticate on their own and never reach the forwarding path or its
 * HMAC check, which stays the only way to `FORWARD_PATH`.
 *
 * Also the client side: `forwardAsk` signs and posts a request to a peer.
 */

import { randomBytes } from "node:crypto";
import type { Clock } from "../lib/clock.ts";
import type { Logger } from "../lib/log.ts";
import { AUTH_HEADERS, ForwardVerifier, signForward } from "./auth.ts";
import type { ActorMessage, JsonObject, JsonValue } from "./define.ts";
import type { SerializedError } from "./keys.ts";

export const FORWARD_PATH = "/internal/v1/actors/ask";
const MAX_BODY_BYTES = 1024 * 1024;

export interface ForwardRequest {
  kind: string;
  id: string;
  message: ActorMessage;
  /** Milliseconds of the caller's deadline left when sent (no cross-node clock comparison). */
  remainingMs: number;
  principal?: JsonObject;
  origin?: JsonObject;
  idempotencyKey?: string;
  /** Forwards so far on this request's path (the sender's count, including this one). */
  hops: number;
}

export type ForwardResponse =
  | { ok: true; reply: JsonValue }
  | { ok: false; error: SerializedError };

export type ForwardHandler = (req: ForwardRequest) => Promise<ForwardResponse>;

/** Extra routes beside forwarding: a Response for a route they own, undefined otherwise (404). */
export type InternalRoutes = (req: Request, url: URL) => Promise<Response | undefined>;

export interface InternalEndpointOptions {
  hostname: string;
  port: number;
  secret: string | undefined;
  clock: Clock;
  log: Logger;
}

export interface InternalEndpoint {
  readonly port: number;
  /**
   * Installs the handler (the runtime, once built) and this node's id, which signed calls must
   * be addressed to. Requests before that get 503.
   */
  setHandler(handler: ForwardHandler, selfNodeId: string): void;
  /** Installs the routes served beside forwarding (never consulted for `FORWARD_PATH`). */
  setRoutes(routes: InternalRoutes): void;
  stop(): Promise<void>;
}

function problem(status: number, code: string, message: string): Response {
  return Response.json({ error: message, code, request_id: crypto.randomUUID() }, { status });
}

function isForwardRequest(v: unknown): v is ForwardRequest {
  const r = v as Partial<ForwardRequest> | null;
  return (
    typeof r === "object" &&
    r !== null &&
    typeof r.kind === "string" &&
    typeof r.id === "string" &&
    typeof r.message === "object" &&
    r.message !== null &&
    typeof (r.message as { type?: unknown }).type === "string" &&
    typeof r.remainingMs === "number" &&
    typeof r.hops === "number" &&
    (r.principal === undefined || (typeof r.principal === "object" && r.principal !== null)) &&
    (r.origin === undefined || (typeof r.origin === "object" && r.origin !== null)) &&
    (r.idempotencyKey === undefined || typeof r.idempotencyKey === "string")
  );
}

export function startInternalEndpoint(opts: InternalEndpointOptions): InternalEndpoint {
  const verifier = opts.secret ? new ForwardVerifier(opts.secret) : undefined;
  let handler: ForwardHandler | undefined;
  let self: string | undefined;
  let routes: InternalRoutes | undefined;
  const otherRoute = async (req: Request, url: URL): Promise<Response> => {
    try {
      const res = routes ? await routes(req, url) : undefined;
      return res ?? problem(404, "ROUTE_NOT_FOUND", "No such route");
    } catch (e) {
      opts.log.error("internal route failed", {
        path: url.pathname,
        error: e instanceof Error ? e.message : String(e),
      });
      return problem(500, "INTERNAL", "Internal server error");
    }
  };
  const server = Bun.serve({
    hostname: opts.hostname,
    port: opts.port,
    maxRequestBodySize: MAX_BODY_BYTES,
    async fetch(req) {
      const url = new URL(req.url);
      if (url.pathname !== FORWARD_PATH) return otherRoute(req, url);
      if (req.method !== "POST") return problem(405, "METHOD_NOT_ALLOWED", "Method not allowed");
      const body = await req.text();
      if (verifier && self === undefined) {
        return problem(503, "UNAVAILABLE", "Service unavailable; retry later");
      }
      if (!verifier?.verify(req.headers, body, opts.clock.now(), self ?? "")) {
        opts.log.warn("refused unauthenticated internal call", {
          from: req.headers.get(AUTH_HEADERS.node) ?? undefined,
          reason: verifier ? "bad signature" : "cluster.secret unset",
        });
        return problem(401, "UNAUTHENTICATED", "Authentication required");
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(body);
      } catch {
        return problem(400, "MALFORMED_JSON", "Request body is not valid JSON");
      }
      if (!isForwardRequest(parsed)) return problem(400, "INVALID_ARGUMENT", "Invalid request");
      if (!handler) return problem(503, "UNAVAILABLE", "Service unavailable; retry later");
      return Response.json(await handler(parsed));
    },
  });
  return {
    port: server.port ?? opts.port,
    setHandler(h, selfNodeId) {
      self = selfNodeId;
      handler = h;
    },
    setRoutes(r) {
      routes = r;
    },
    async stop() {
      await server.stop(true);
    },
  };
}

export interface ForwardTarget {
  nodeId: string;
  /** `host:port` of the peer's internal endpoint. */
  address: string;
}

/**
 * Posts `req` to `target`, signed as `selfNodeId`. Resolves with the peer's answer; rejects on
 * network failure, timeout (`timeoutMs` of `clock`) or a non-200 answer.
 */
export async function forwardAsk(
  target: ForwardTarget,
  req: ForwardRequest,
  auth: { nodeId: string; secret: string },
  clock: Clock,
  timeoutMs: number,
): Promise<ForwardResponse> {
  const body = JSON.stringify(req);
  const ts = clock.now();
  const nonce = randomBytes(16).toString("hex");
  const ctl = new AbortController();
  const timer = new AbortController();
  void clock.sleep(timeoutMs, timer.signal).then(
    () => ctl.abort(new Error("forward timed out")),
    () => undefined,
  );
  try {
    const res = await fetch(`http://${target.address}${FORWARD_PATH}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        [AUTH_HEADERS.node]: auth.nodeId,
        [AUTH_HEADERS.target]: target.nodeId,
        [AUTH_HEADERS.timestamp]: String(ts),
        [AUTH_HEADERS.nonce]: nonce,
        [AUTH_HEADERS.signature]: signForward(
          auth.secret,
          ts,
          nonce,
          auth.nodeId,
          target.nodeId,
          body,
        ),
      },
      body,
      signal: ctl.signal,
    });
    if (res.status !== 200) throw new Error(`peer ${target.nodeId} answered ${res.status}`);
    return (await res.json()) as ForwardResponse;
  } finally {
    timer.abort();
  }
}
