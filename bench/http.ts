/**
 * HTTP benchmark (`bun run bench http`), figures in docs/performance.md:
 *
 * 1. Throughput of authenticated `GET /v1/users/me` (session resolved from a Bearer credential,
 *    SQLite KV, full plugin stack) against an Elysia hello-world route served by the same process
 *    in the same run; the ratio is the figure (aim >= 0.4).
 * 2. p50/p99 latency of both at half of their saturating load (autocannon's fixed overall rate).
 * 3. Password logins per second against raw Argon2id verifications per second with the same
 *    library and parameters in the same process (aim >= 0.8).
 *
 * The load generator is autocannon in a separate Node process, so it does not share the server's
 * event loop. Each route also gets the server's CPU time per request, the steadier figure on a
 * shared machine. Runs in well under a minute.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Elysia } from "elysia";
import { resolveConfig } from "../src/config/load.ts";
import { Argon2Hasher } from "../src/crypto/password.ts";
import { silentLogger } from "../src/lib/log.ts";
import { buildNode } from "../src/main.ts";
import { type LoadResult, autocannon as runAutocannon } from "./support/autocannon.ts";

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 32;
/** `sqlite` (the default backend, and the figure in docs/performance.md) or `memory`. */
const BACKEND = process.env.BENCH_BACKEND === "memory" ? "memory" : "sqlite";
type Result = LoadResult;

/** autocannon (bench/support/autocannon.ts) for DURATION_S unless told otherwise. */
function autocannon(url: string, extra: string[], seconds = DURATION_S): Promise<Result> {
  return runAutocannon(url, extra, seconds);
}

const dir = mkdtempSync(join(tmpdir(), "inferadb-bench-"));
const config = resolveConfig({
  environment: "test",
  server: { http_host: "127.0.0.1", http_port: 0, grpc_host: "127.0.0.1", grpc_port: 0 },
  storage:
    BACKEND === "memory"
      ? { backend: "memory" }
      : { backend: "sqlite", sqlite_path: join(dir, "kv.sqlite") },
  auth: { key_encryption_secret: "bench-secret-key-at-least-32-bytes-long!", cookie_secure: false },
  rate_limiting: { enabled: false },
  cluster: { internal_port: 0, secret: "bench" },
  observability: { log_level: "silent", json_logs: true },
});
const hasher = new Argon2Hasher();
const node = await buildNode({ config, log: silentLogger, hasher });
const hello = new Elysia()
  .get("/hello", () => "hello world")
  .listen({ hostname: "127.0.0.1", port: 0 });
const base = `http://127.0.0.1:${node.httpPort}`;
const helloUrl = `http://127.0.0.1:${hello.server?.port}/hello`;

try {
  const email = "bench@example.com";
  const password = "benchmark password 123";
  const reg = await fetch(`${base}/v1/auth/register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: "Bench", email, password }),
  });
  if (reg.status !== 201) throw new Error(`register: ${reg.status} ${await reg.text()}`);
  const token = /infera_session=([^;]+)/.exec(reg.headers.get("set-cookie") ?? "")?.[1];
  if (!token) throw new Error("no session cookie");
  const auth = ["-H", `authorization=Bearer ${token}`];

  // Warm both paths (JIT, SQLite page cache).
  const conns = ["-c", String(CONNECTIONS)];
  await autocannon(helloUrl, conns, 1);
  await autocannon(`${base}/v1/users/me`, [...conns, ...auth], 1);

  const helloMax = await autocannon(helloUrl, conns);
  // The node's own app without identity work: separates the shared plugin stack from the session
  // and KV cost of the authenticated route.
  const livez = await autocannon(`${base}/livez`, conns);
  const meMax = await autocannon(`${base}/v1/users/me`, [...conns, ...auth]);
  const half = (r: Result) => ["-R", String(Math.max(1, Math.round(r.rps / 2)))];
  const helloHalf = await autocannon(helloUrl, [...conns, ...half(helloMax)]);
  const meHalf = await autocannon(`${base}/v1/users/me`, [...conns, ...auth, ...half(meMax)]);

  // Raw Argon2id verifications per second at the production parameters, as many in flight as
  // the login run keeps (the libuv pool runs them in parallel).
  const phc = await hasher.hash(password);
  const rawStart = performance.now();
  let verifies = 0;
  const deadline = rawStart + DURATION_S * 1000;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (performance.now() < deadline) {
        if (!(await hasher.verify(phc, password))) throw new Error("verify failed");
        verifies++;
      }
    }),
  );
  const rawPerSec = verifies / ((performance.now() - rawStart) / 1000);
  const logins = await autocannon(`${base}/v1/auth/login/password`, [
    "-c",
    "8",
    "-m",
    "POST",
    "-H",
    "content-type=application/json",
    "-b",
    JSON.stringify({ email, password }),
  ]);

  const f = (n: number) => n.toFixed(0);
  const cpu = (r: Result) => r.cpuUsPerReq.toFixed(1);
  const rows = [
    [
      "hello world (same process)",
      f(helloMax.rps),
      cpu(helloMax),
      `${helloHalf.p50} / ${helloHalf.p99}`,
    ],
    ["GET /livez (node app, no session)", f(livez.rps), cpu(livez), "-"],
    [
      `GET /v1/users/me (Bearer, ${BACKEND})`,
      f(meMax.rps),
      cpu(meMax),
      `${meHalf.p50} / ${meHalf.p99}`,
    ],
  ];
  console.log(
    `duration ${DURATION_S}s per run, ${CONNECTIONS} connections, autocannon in a separate process`,
  );
  console.log("| route | saturated req/s | server CPU µs/req | p50 / p99 ms at half load |");
  console.log("|---|---|---|---|");
  for (const r of rows) console.log(`| ${r.join(" | ")} |`);
  console.log(`users/me ÷ hello ratio: ${(meMax.rps / helloMax.rps).toFixed(2)} (aim >= 0.4)`);
  console.log(
    `the same as a ratio of server CPU per request (hello ÷ users/me; steadier under load): ${(helloMax.cpuUsPerReq / meMax.cpuUsPerReq).toFixed(2)}`,
  );
  console.log(`raw Argon2id verifies/s (m=19456,t=2,p=1, 8 in flight): ${rawPerSec.toFixed(1)}`);
  console.log(
    `logins/s (8 connections): ${logins.rps.toFixed(1)}; ratio ${(logins.rps / rawPerSec).toFixed(2)} (aim >= 0.8)`,
  );
  const bad = [helloMax, meMax, helloHalf, meHalf].reduce((n, r) => n + r.non2xx + r.errors, 0);
  const badLogins = logins.non2xx + logins.errors;
  if (bad > 0 || badLogins > 0)
    console.log(`WARNING: ${bad} failed reads, ${badLogins} failed logins`);
} finally {
  await hello.stop();
  await node.stop();
  rmSync(dir, { recursive: true, force: true });
}
