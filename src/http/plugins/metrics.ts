/**
 * Request metrics: `http_requests_total{method,route,status}` and
 * `http_request_duration_seconds{method,route}` (src/lib/http-stats.ts counts them in plain JS and
 * prom-client reads them at scrape time). `route` is the matched template
 * (`/v1/organizations/:org`), never the raw path, so ids do not explode label cardinality;
 * requests that matched no route are counted under `route="(unmatched)"`.
 *
 * A request is recorded when its response is chosen, not after it is sent: a global `mapResponse`
 * hook sees a route's answers (early answers of `beforeHandle`/`resolve` hooks included, and
 * errors handled in the route's own error path), and the errors plugin reports the error responses
 * it builds through `record` (Elysia's app-level error path runs no `mapResponse` hook). A request
 * is recorded once: the first record takes its start time. `onAfterResponse` would see every
 * answer, but Elysia runs it in a `setImmediate` async callback per request.
 */
import { Elysia } from "elysia";
import type { Metrics } from "../../lib/metrics.ts";

/** Records one answered request; `route` is the matched template, or "" when none matched. */
export type HttpRequestRecorder = (request: Request, route: string, status: number) => void;

export interface HttpMetrics {
  /** The plugin: starts the clock of each request and records every route's answer. */
  plugin: ReturnType<typeof pluginFor>;
  /** For the errors plugin: records an error response it built. */
  record: HttpRequestRecorder;
}

function statusOf(response: unknown, setStatus: unknown): number {
  if (response instanceof Response) return response.status;
  if (typeof setStatus === "number") return setStatus;
  return 200;
}

function pluginFor(started: WeakMap<Request, number>, record: HttpRequestRecorder) {
  return new Elysia({ name: "metrics" })
    .onRequest(({ request }) => {
      started.set(request, performance.now());
    })
    .mapResponse({ as: "global" }, ({ request, route, set, responseValue }) => {
      record(request, route, statusOf(responseValue, set.status));
    });
}

export function createHttpMetrics(metrics: Metrics): HttpMetrics {
  const started = new WeakMap<Request, number>();
  const record: HttpRequestRecorder = (request, route, status) => {
    const t0 = started.get(request);
    if (t0 === undefined) return; // already recorded (or never started: not through this app)
    started.delete(request);
    const seconds = (performance.now() - t0) / 1000;
    metrics.http.record(request.method, route || "(unmatched)", status, seconds);
  };
  return { plugin: pluginFor(started, record), record };
}
