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
 *
 * The start time is taken by the request-id plugin's `onRequest` hook (the app's first) into the
 * request's record (`requestRecordOf`), so the plugin must be used after it; a request it did not
 * see is not recorded.
 */
import { Elysia } from "elysia";
import type { Metrics } from "../../lib/metrics.ts";
import { requestRecordOf } from "./request-id.ts";

/** Records one answered request; `route` is the matched template, or "" when none matched. */
export type HttpRequestRecorder = (request: Request, route: string, status: number) => void;

export interface HttpMetrics {
  /** The plugin: records every route's answer (the request-id plugin starts the clock). */
  plugin: ReturnType<typeof pluginFor>;
  /** For the errors plugin: records an error response it built. */
  record: HttpRequestRecorder;
}

function statusOf(response: unknown, setStatus: unknown): number {
  if (response instanceof Response) return response.status;
  if (typeof setStatus === "number") return setStatus;
  return 200;
}

function pluginFor(record: HttpRequestRecorder) {
  return new Elysia({ name: "metrics" }).mapResponse(
    { as: "global" },
    ({ request, route, set, responseValue }) => {
      record(request, route, statusOf(responseValue, set.status));
    },
  );
}

export function createHttpMetrics(metrics: Metrics): HttpMetrics {
  const record: HttpRequestRecorder = (request, route, status) => {
    const rec = requestRecordOf(request);
    const t0 = rec.startedAt;
    if (Number.isNaN(t0)) return; // already recorded (or never started: not through this app)
    rec.startedAt = Number.NaN;
    const seconds = (performance.now() - t0) / 1000;
    metrics.http.record(request.method, route || "(unmatched)", status, seconds);
  };
  return { plugin: pluginFor(record), record };
}
