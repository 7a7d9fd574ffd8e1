/**
 * Admission control (docs/http-api.md, "Limits"; docs/robustness.md, "Connection abuse and
 * overload"): a request is refused at once with 503 `OVERLOADED` and `Retry-After: 1`, before any
 * route work, instead of joining a queue whose latency grows without bound, when
 * - the event loop lags more than `server.max_event_loop_lag_ms` (smoothed, src/lib/event-loop.ts):
 *   the CPU is saturated, and with Bun reading sockets on the same thread the queue is in the
 *   kernel, invisible to any count of ours (measured: at twice the saturating rate the in-flight
 *   count alone never tripped);
 * - or the server already has more than `server.max_inflight_requests` requests in flight (work
 *   waiting on storage or actors). The count is Bun's own (`server.pendingRequests`: requests whose response has not been
 * sent), so there is no counter of ours that a lost decrement could leak. The probes and the
 * scrape (`/livez`, `/readyz`, `/startupz`, `/metrics`, `/v1/health/*`) are never shed: an
 * orchestrator must see an overloaded node as alive, and its metrics are what tells why.
 * Without a Bun server (`app.handle` in unit tests) nothing is shed.
 *
 * Above `server.max_connections` (src/http/connections.ts) requests are still served, but every
 * answer carries `Connection: close`, so keep-alive connections are given back.
 */
import { Elysia } from "elysia";
import { CommonErrors } from "../../lib/errors.ts";
import { eventLoopLagMs } from "../../lib/event-loop.ts";

/** The paths admission never sheds. */
const EXEMPT = new Set(["/livez", "/readyz", "/startupz", "/metrics"]);

function exempt(url: string): boolean {
  // The path of an absolute URL: from the first "/" after "scheme://", up to "?".
  const start = url.indexOf("/", url.indexOf("//") + 2);
  if (start < 0) return false;
  const q = url.indexOf("?", start);
  const path = q < 0 ? url.slice(start) : url.slice(start, q);
  return EXEMPT.has(path) || path.startsWith("/v1/health");
}

export interface AdmissionOptions {
  /** Requests in flight beyond which a new one is shed; 0 disables shedding. */
  maxInflight: number;
  /** Smoothed event-loop lag (ms) beyond which a new request is shed; 0 disables. */
  maxLagMs: number;
  /** The connection watch: above the cap, answers close their connection. */
  connections?: { readonly over: boolean };
}

export const admissionPlugin = (opts: AdmissionOptions) =>
  new Elysia({ name: "admission" }).onRequest(({ request, server, set }) => {
    if (!server) return;
    if (opts.connections?.over) set.headers.connection = "close";
    // pendingRequests includes this request.
    const busy =
      (opts.maxInflight > 0 && server.pendingRequests > opts.maxInflight) ||
      (opts.maxLagMs > 0 && eventLoopLagMs() > opts.maxLagMs);
    if (!busy || exempt(request.url)) return;
    throw CommonErrors.OVERLOADED(undefined, { retryAfterSeconds: 1 });
  });
