/**
 * Prometheus metrics (prom-client). One `Registry` per node (not prom-client's global one), so
 * several nodes in one test process never collide. Subsystems add their metrics to
 * `metrics.registry` (e.g. `new Counter({ name, help, registers: [metrics.registry] })`) and the
 * HTTP front serves `/metrics` from it.
 */
import { collectDefaultMetrics, Registry } from "prom-client";
import { HttpRequestStats, registerHttpMetrics } from "./http-stats.ts";

export interface Metrics {
  /** The node's registry; pass it in `registers: [...]` when creating a metric. */
  readonly registry: Registry;
  /**
   * `http_requests_total{method,route,status}` and `http_request_duration_seconds{method,route}`
   * (route is the template, `/v1/orgs/:org`), counted in plain JS and read at scrape time.
   */
  readonly http: HttpRequestStats;
}

export interface MetricsOptions {
  /** Process metrics (CPU, memory, event-loop lag). Off in tests to keep scrapes small. */
  processMetrics?: boolean;
  /** Labels added to every metric (e.g. `{node_id}`). */
  defaultLabels?: Record<string, string>;
}

export function createMetrics(opts: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  if (opts.defaultLabels) registry.setDefaultLabels(opts.defaultLabels);
  if (opts.processMetrics) collectDefaultMetrics({ register: registry });
  const http = new HttpRequestStats();
  registerHttpMetrics(registry, http);
  return { registry, http };
}
