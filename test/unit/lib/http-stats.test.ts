/**
 * HTTP request metrics counted in plain JS (src/lib/http-stats.ts) and exported by prom-client at
 * scrape time: names, labels, cumulative buckets (`le` is inclusive), sum/count, default labels,
 * JSON export and reset.
 */
import { describe, expect, test } from "bun:test";
import { HTTP_DURATION_BUCKETS } from "../../../src/lib/http-stats.ts";
import { createMetrics } from "../../../src/lib/metrics.ts";

function line(text: string, prefix: string): number {
  const l = text.split("\n").find((x) => x.startsWith(prefix));
  if (l === undefined) throw new Error(`no line ${prefix}`);
  return Number(l.slice(l.lastIndexOf(" ") + 1));
}

describe("HTTP request metrics", () => {
  test("counters by status and cumulative duration buckets, read at scrape time", async () => {
    const m = createMetrics({ defaultLabels: { node_id: "n1" } });
    m.http.record("GET", "/v1/health", 200, 0.0004);
    m.http.record("GET", "/v1/health", 200, 0.001); // on a bound: counted in it (le)
    m.http.record("GET", "/v1/health", 503, 0.003);
    m.http.record("GET", "(unmatched)", 404, 20); // above the last bound: only +Inf
    m.http.record("POST", "/v1/token", 200, undefined); // no start seen: counted, not timed
    const text = await m.registry.metrics();
    expect(text).toContain("# TYPE http_requests_total counter");
    expect(text).toContain("# TYPE http_request_duration_seconds histogram");
    const req = 'http_requests_total{method="GET",route="/v1/health"';
    expect(line(text, `${req},status="200",node_id="n1"}`)).toBe(2);
    expect(line(text, `${req},status="503",node_id="n1"}`)).toBe(1);
    expect(line(text, 'http_requests_total{method="POST",route="/v1/token",status="200"')).toBe(1);
    const b = (le: string, route = "/v1/health") =>
      line(
        text,
        `http_request_duration_seconds_bucket{le="${le}",node_id="n1",method="GET",route="${route}"}`,
      );
    expect(b("0.001")).toBe(2);
    expect(b("0.0025")).toBe(2);
    expect(b("0.005")).toBe(3);
    expect(b("10")).toBe(3);
    expect(b("+Inf")).toBe(3);
    expect(b("10", "(unmatched)")).toBe(0);
    expect(b("+Inf", "(unmatched)")).toBe(1);
    const series = '{node_id="n1",method="GET",route="/v1/health"}';
    expect(line(text, `http_request_duration_seconds_sum${series}`)).toBeCloseTo(0.0044, 9);
    expect(line(text, `http_request_duration_seconds_count${series}`)).toBe(3);
    expect(text).not.toContain('http_request_duration_seconds_count{node_id="n1",method="POST"');
    // A second scrape reports the same totals (collect copies them, it does not add them twice).
    expect(await m.registry.metrics()).toBe(text);
  });

  test("JSON export merges the series labels; reset forgets everything", async () => {
    const m = createMetrics();
    m.http.record("GET", "/livez", 200, 0.002);
    const json = await m.registry.getMetricsAsJSON();
    const hist = json.find((x) => x.name === "http_request_duration_seconds");
    expect(hist?.values).toHaveLength(HTTP_DURATION_BUCKETS.length + 3);
    expect(hist?.values[0]).toMatchObject({
      labels: { le: 0.001, method: "GET", route: "/livez" },
      value: 0,
      metricName: "http_request_duration_seconds_bucket",
    });
    m.registry.resetMetrics();
    const text = await m.registry.metrics();
    expect(text).not.toContain('route="/livez"');
  });
});
