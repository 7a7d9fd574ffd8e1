/**
 * HTTP request counts and durations kept in plain JS maps and handed to prom-client at scrape
 * time: `http_requests_total{method,route,status}` (a prom-client `Counter` whose `collect()`
 * copies the totals) and `http_request_duration_seconds{method,route}` (a histogram with the
 * registry's metric interface, `get()`/`getForPromString()`/`reset()`, built from the buckets
 * counted here). prom-client validates and hashes the label object on every `inc`/`observe`, even
 * through a labelled child: ~2 µs per request on the hot path; here a request costs two map
 * lookups and a bucket search, and a scrape costs one pass over the label sets.
 */
import { Counter, type Metric, type Registry } from "prom-client";
import { histogramData } from "./cheap-histogram.ts";

/** Upper bounds of `http_request_duration_seconds`, in seconds (`+Inf` is implicit). */
export const HTTP_DURATION_BUCKETS: readonly number[] = [
  0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
];

interface RouteStats {
  /** Answers by status code. */
  statuses: Map<number, number>;
  /** Non-cumulative: `buckets[i]` counts durations in (bound[i-1], bound[i]]; the last is `+Inf`. */
  buckets: number[];
  sum: number;
  count: number;
}

/** The request statistics of one node's HTTP front. Not thread-safe (one event loop). */
export class HttpRequestStats {
  readonly #byMethod = new Map<string, Map<string, RouteStats>>();

  /**
   * Records one answer. `route` is the matched template (`/v1/orgs/:org`) or `(unmatched)`;
   * `seconds` is the duration, or undefined when the start of the request was not seen (only the
   * count is kept then).
   */
  record(method: string, route: string, status: number, seconds: number | undefined): void {
    let routes = this.#byMethod.get(method);
    if (routes === undefined) {
      routes = new Map();
      this.#byMethod.set(method, routes);
    }
    let s = routes.get(route);
    if (s === undefined) {
      s = {
        statuses: new Map(),
        buckets: new Array<number>(HTTP_DURATION_BUCKETS.length + 1).fill(0),
        sum: 0,
        count: 0,
      };
      routes.set(route, s);
    }
    s.statuses.set(status, (s.statuses.get(status) ?? 0) + 1);
    if (seconds === undefined) return;
    let i = 0;
    while (i < HTTP_DURATION_BUCKETS.length && seconds > (HTTP_DURATION_BUCKETS[i] as number)) i++;
    s.buckets[i] = (s.buckets[i] as number) + 1;
    s.sum += seconds;
    s.count++;
  }

  /** Every (method, route) seen, with its statistics. */
  *entries(): IterableIterator<[method: string, route: string, stats: Readonly<RouteStats>]> {
    for (const [method, routes] of this.#byMethod) {
      for (const [route, s] of routes) yield [method, route, s];
    }
  }

  /** Forgets everything (the registry's `resetMetrics()`). */
  reset(): void {
    this.#byMethod.clear();
  }
}

/** `http_request_duration_seconds` in the shape prom-client's `Registry` reads at scrape time. */
class DurationHistogramExport {
  readonly name = "http_request_duration_seconds";
  readonly help = "HTTP request duration in seconds, by method and route template";
  readonly type = "histogram";
  readonly aggregator = "sum";
  readonly #stats: HttpRequestStats;

  constructor(stats: HttpRequestStats) {
    this.#stats = stats;
  }

  /** Values as prom-client's histograms give them to the text format (series labels shared). */
  async getForPromString() {
    return this.#data(true);
  }

  /** Values as prom-client's histograms give them to `getMetricsAsJSON()` (labels merged). */
  async get() {
    return this.#data(false);
  }

  reset(): void {
    this.#stats.reset();
  }

  #data(shared: boolean) {
    const series = (function* (stats: HttpRequestStats) {
      for (const [method, route, s] of stats.entries()) yield { ...s, labels: { method, route } };
    })(this.#stats);
    return histogramData(
      { name: this.name, help: this.help, buckets: HTTP_DURATION_BUCKETS },
      series,
      shared,
    );
  }
}

/** Registers both HTTP metrics on `registry`, read from `stats` at every scrape. */
export function registerHttpMetrics(registry: Registry, stats: HttpRequestStats): void {
  new Counter({
    name: "http_requests_total",
    help: "HTTP requests answered, by method, route template and status",
    labelNames: ["method", "route", "status"] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const [method, route, s] of stats.entries()) {
        for (const [status, n] of s.statuses)
          this.inc({ method, route, status: String(status) }, n);
      }
    },
  });
  // The registry only calls get()/getForPromString()/reset() and reads `name` (prom-client 15).
  registry.registerMetric(new DurationHistogramExport(stats) as unknown as Metric);
}
