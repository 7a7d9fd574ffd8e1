/**
 * Prometheus metrics (prom-client). One `Registry` per node (not prom-client's global one), so
 * several nodes in one test process never collide. Subsystems add their metrics to
 * `metrics.registry` (e.g. `new Counter({ name, help, registers: [metrics.registry] })`) and the
 * HTTP front serves `/metrics` from it.
 */
import { Counter, collectDefaultMetrics, Histogram, Registry } from "prom-client";

export interface Metrics {
  /** The node's registry; pass it in `registers: [...]` when creating a metric. */
  readonly registry: Registry;
  /** `http_requests_total{method,route,status}`: route is the template (`/v1/orgs/:org`). */
  readonly httpRequests: Counter<"method" | "route" | "status">;
  /** `http_request_duration_seconds{method,route}`, seconds. */
  readonly httpDuration: Histogram<"method" | "route">;
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
  const httpRequests = new Counter({
    name: "http_requests_total",
    help: "HTTP requests answered, by method, route template and status",
    labelNames: ["method", "route", "status"] as const,
    registers: [registry],
  });
  const httpDuration = new Histogram({
    name: "http_request_duration_seconds",
    help: "HTTP request duration in seconds, by method and route template",
    labelNames: ["method", "route"] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return { registry, httpRequests, httpDuration };
}
