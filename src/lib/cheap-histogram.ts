/**
 * A labelled histogram for hot paths (the actor runtime's per-turn and per-commit figures), kept
 * in plain JS maps and handed to prom-client's `Registry` at scrape time, like the HTTP figures
 * (src/lib/http-stats.ts). prom-client's own `Histogram.observe` validates and hashes its label
 * object on every call: measured at ~8 % of a node's CPU on an organization read, where three
 * observations are made per request. Here an observation is one map lookup and a bucket search.
 *
 * It offers what the runtime and its tests use of prom-client's histogram: `observe(labels, v)`,
 * `get()` (values with merged labels, as `getMetricsAsJSON()` gives them), `getForPromString()`
 * and `reset()`, plus `name`, `help` and `type` for the registry. Unlike prom-client it does not
 * validate labels: every observation must name exactly `labelNames` (the runtime's use one,
 * `kind`), and series export their labels in `labelNames` order.
 */
import type { Metric, Registry } from "prom-client";

interface Series {
  labels: Record<string, string>;
  /** Non-cumulative: `buckets[i]` counts values in (bound[i-1], bound[i]]; the last is `+Inf`. */
  buckets: number[];
  sum: number;
  count: number;
}

interface ExportedValue {
  value: number;
  labels: Record<string, string | number>;
  metricName: string;
  sharedLabels?: Record<string, string>;
}

export class CheapHistogram<L extends string> {
  readonly type = "histogram";
  readonly aggregator = "sum";
  readonly #series = new Map<string, Series>();

  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly L[],
    readonly buckets: readonly number[],
  ) {}

  /** Registers this histogram on `registry` (read at every scrape). */
  register(registry: Registry): this {
    // The registry only calls get()/getForPromString()/reset() and reads `name` (prom-client 15).
    registry.registerMetric(this as unknown as Metric);
    return this;
  }

  observe(labels: Record<L, string>, value: number): void {
    const names = this.labelNames;
    const key =
      names.length === 1 ? labels[names[0] as L] : names.map((n) => labels[n]).join("\u0000");
    let s = this.#series.get(key);
    if (s === undefined) {
      const own: Record<string, string> = {};
      for (const n of names) own[n] = String(labels[n]);
      s = {
        labels: own,
        buckets: new Array<number>(this.buckets.length + 1).fill(0),
        sum: 0,
        count: 0,
      };
      this.#series.set(key, s);
    }
    const bounds = this.buckets;
    let i = 0;
    while (i < bounds.length && value > (bounds[i] as number)) i++;
    s.buckets[i] = (s.buckets[i] as number) + 1;
    s.sum += value;
    s.count++;
  }

  reset(): void {
    this.#series.clear();
  }

  /** Values as prom-client's histograms give them to `getMetricsAsJSON()` (labels merged). */
  async get() {
    return this.#data(false);
  }

  /** Values as prom-client's histograms give them to the text format (series labels shared). */
  async getForPromString() {
    return this.#data(true);
  }

  #data(shared: boolean) {
    return histogramData(this, this.#series.values(), shared);
  }
}

/** One labelled series of a histogram as the exporters hold it. */
export interface HistogramSeries {
  labels: Record<string, string>;
  /** Non-cumulative counts per bucket; the last is `+Inf`. */
  buckets: readonly number[];
  sum: number;
  count: number;
}

/**
 * A histogram's series in the shape prom-client's `Registry` reads at scrape time: with the
 * series labels shared (`getForPromString`, the text format) or merged (`get`, JSON).
 */
export function histogramData(
  meta: { name: string; help: string; buckets: readonly number[] },
  series: Iterable<HistogramSeries>,
  shared: boolean,
) {
  const values: ExportedValue[] = [];
  const bucketName = `${meta.name}_bucket`;
  for (const s of series) {
    if (s.count === 0) continue;
    const own = s.labels;
    const push = (labels: Record<string, string | number>, value: number, metricName: string) =>
      values.push(
        shared
          ? { value, labels, metricName, sharedLabels: own }
          : { value, labels: { ...labels, ...own }, metricName },
      );
    let acc = 0;
    meta.buckets.forEach((le, i) => {
      acc += s.buckets[i] as number;
      push({ le }, acc, bucketName);
    });
    push({ le: "+Inf" }, s.count, bucketName);
    push({}, s.sum, `${meta.name}_sum`);
    push({}, s.count, `${meta.name}_count`);
  }
  return { name: meta.name, help: meta.help, type: "histogram", values, aggregator: "sum" };
}
