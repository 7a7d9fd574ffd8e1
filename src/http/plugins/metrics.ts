/**
 * Request metrics: `http_requests_total{method,route,status}` and
 * `http_request_duration_seconds{method,route}`. `route` is the matched template
 * (`/v1/organizations/:org`), never the raw path, so ids do not explode label cardinality;
 * requests that matched no route are counted under `route="(unmatched)"`.
 */
import { Elysia } from "elysia";
import type { Metrics } from "../../lib/metrics.ts";
import { errorStatusOf } from "./errors.ts";

const started = new WeakMap<Request, number>();

function statusOf(request: Request, response: unknown, setStatus: unknown): number {
  const errored = errorStatusOf(request);
  if (errored !== undefined) return errored;
  if (response instanceof Response) return response.status;
  if (typeof setStatus === "number") return setStatus;
  return 200;
}

type CounterChild = ReturnType<Metrics["httpRequests"]["labels"]>;
type HistogramChild = ReturnType<Metrics["httpDuration"]["labels"]>;

export const metricsPlugin = (metrics: Metrics) => {
  // Labelled children are cached: prom-client hashes label objects on every call otherwise.
  const counters = new Map<string, CounterChild>();
  const histograms = new Map<string, HistogramChild>();
  return new Elysia({ name: "metrics" })
    .onRequest(({ request }) => {
      started.set(request, performance.now());
    })
    .onAfterResponse({ as: "global" }, ({ request, route, set, responseValue }) => {
      const t0 = started.get(request);
      const method = request.method;
      const r = route || "(unmatched)";
      const status = String(statusOf(request, responseValue, set.status));
      const ck = `${method} ${r} ${status}`;
      let c = counters.get(ck);
      if (!c) {
        c = metrics.httpRequests.labels({ method, route: r, status });
        counters.set(ck, c);
      }
      c.inc();
      if (t0 === undefined) return;
      const hk = `${method} ${r}`;
      let h = histograms.get(hk);
      if (!h) {
        h = metrics.httpDuration.labels({ method, route: r });
        histograms.set(hk, h);
      }
      h.observe((performance.now() - t0) / 1000);
    });
};
