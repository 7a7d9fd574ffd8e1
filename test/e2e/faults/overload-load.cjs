/**
 * Load of test/e2e/faults/overload.test.ts, run by the real Node.js binary (like
 * bench/support/token-load.cjs): autocannon's programmatic API, requests with a session cookie at a
 * fixed overall rate: a `GET` by default, or with `"patch"` a `PATCH` of a JSON body
 * `{"<field>":"<prefix><n>"}` whose n counts up per request, so every write changes something.
 * Prints one JSON line: requests sent, answers by status, and the latency percentiles (ms) of the
 * answers that were not 503 (the accepted requests) and of all answers. (The test checks
 * `Retry-After` and the error body of 503s itself, beside the load.)
 *
 *   node overload-load.cjs '{"url":"http://…/v1/users/me","cookie":"…","seconds":4,
 *                            "connections":256,"rate":0}'   (rate 0: as fast as possible)
 *   node overload-load.cjs '{"url":"http://…/teams/…","cookie":"…","seconds":4,"connections":512,
 *                            "rate":20000,"patch":{"field":"description","prefix":"a"}}'
 */
const path = require("node:path");
const autocannon = require(path.join(__dirname, "../../../node_modules/autocannon/autocannon.js"));

const cfg = JSON.parse(process.argv[2]);
const statuses = {};
const accepted = [];

let n = 0;
function patchRequest(request) {
  n++;
  return {
    ...request,
    method: "PATCH",
    headers: { ...request.headers, "content-type": "application/json" },
    body: JSON.stringify({ [cfg.patch.field]: `${cfg.patch.prefix}${n}` }),
  };
}

const inst = autocannon(
  {
    url: cfg.url,
    connections: cfg.connections,
    duration: cfg.seconds,
    ...(cfg.rate > 0 ? { overallRate: cfg.rate } : {}),
    headers: { cookie: cfg.cookie },
    timeout: 20,
    ...(cfg.patch ? { requests: [{ setupRequest: patchRequest }] } : {}),
  },
  (err, result) => {
    if (err) {
      console.error(err);
      process.exit(1);
    }
    accepted.sort((a, b) => a - b);
    const pct = (p) => accepted[Math.min(accepted.length - 1, Math.floor(p * accepted.length))] ?? 0;
    process.stdout.write(
      `${JSON.stringify({
        sent: result.requests.sent,
        rps: result.requests.average,
        statuses,
        errors: result.errors,
        timeouts: result.timeouts,
        accepted: { n: accepted.length, p50: pct(0.5), p99: pct(0.99), max: pct(1) },
        all: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
      })}\n`,
    );
  },
);
inst.on("response", (_client, status, _size, responseTime) => {
  statuses[status] = (statuses[status] ?? 0) + 1;
  if (status !== 503) accepted.push(responseTime);
});
