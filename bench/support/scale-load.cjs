/**
 * Paced load of one GET route for bench/scale.ts, run by the real Node.js binary (like
 * bench/support/token-load.cjs): `rate` requests per second spread evenly over `seconds` (one
 * every 1000 / rate ms, open loop: a slow answer does not delay the next request), over at most
 * `connections` keep-alive connections (Node's http agent; a request finding them all busy waits
 * in the agent, and that wait counts in its latency).
 *
 * Why not autocannon's `-R`: its rate limit lets each connection send its share of the second
 * back to back, then pause until the next second (`reqsMadeThisSecond`,
 * node_modules/autocannon/lib/httpClient.js), so "300 req/s" arrives as a burst of 32 concurrent
 * requests every second and its p99 is the time to drain that burst; and its percentiles come
 * from an integer-millisecond histogram, too coarse to compare sub-millisecond reads within 1.5x.
 * Here every latency is kept (ms from the request's send to the end of its body,
 * `performance.now()`) and the percentiles are exact (nearest rank). Requests sent in the first
 * WARM_MS open the connections and are not counted.
 *
 * Prints one JSON line: `{requests, p50, p99, max, statuses, non2xx, errors, late, latencies}`,
 * latencies in ms (`latencies`: every counted one, to the µs, so runs can be pooled); `late`
 * counts requests sent more than 5 ms after their slot (a busy load process).
 *
 *   node scale-load.cjs '{"url":"http://…","headers":{…},"rate":300,"connections":32,"seconds":5}'
 */
const http = require("node:http");

const cfg = JSON.parse(process.argv[2]);
const WARM_MS = 250;
const agent = new http.Agent({ keepAlive: true, maxSockets: cfg.connections });
const interval = 1000 / cfg.rate;
const total = Math.round(cfg.rate * cfg.seconds);
const latencies = [];
const statuses = {};
let non2xx = 0;
let errors = 0;
let late = 0;
let sent = 0;
let finished = 0;
const start = performance.now() + 20;

function done() {
  finished++;
  if (finished < total) return;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const rank = (p) =>
    latencies.length === 0
      ? Number.NaN
      : latencies[Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1)];
  process.stdout.write(
    `${JSON.stringify({
      requests: latencies.length,
      p50: rank(0.5),
      p99: rank(0.99),
      max: latencies.at(-1) ?? Number.NaN,
      statuses,
      non2xx,
      errors,
      late,
      latencies: latencies.map((ms) => Math.round(ms * 1000) / 1000),
    })}\n`,
  );
}

function fire(slot) {
  const t0 = performance.now();
  if (t0 - slot > 5) late++;
  const counted = slot - start >= WARM_MS;
  const req = http.get(cfg.url, { agent, headers: cfg.headers ?? {} }, (res) => {
    res.resume();
    res.on("end", () => {
      statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
      if (res.statusCode < 200 || res.statusCode >= 300) non2xx++;
      if (counted) latencies.push(performance.now() - t0);
      done();
    });
  });
  req.on("error", () => {
    errors++;
    done();
  });
}

function tick() {
  const now = performance.now();
  while (sent < total && start + sent * interval <= now) {
    fire(start + sent * interval);
    sent++;
  }
  if (sent < total) setTimeout(tick, Math.max(0, start + sent * interval - performance.now()));
}

setTimeout(tick, 20);
