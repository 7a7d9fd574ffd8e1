/**
 * Organizations benchmark (`bun run bench orgs`), figures in docs/performance.md:
 *
 * 1. HTTP, SQLite KV, full plugin stack: organization-scoped authenticated reads
 *    (`GET /v1/organizations/{org}`) and writes (`PATCH …/teams/{team}`, all into one
 *    organization) per second, each as a ratio against an Elysia hello-world route served by the
 *    same process in the same run, with the server's CPU time per request; turns per commit of
 *    the organization actor during the writes.
 * 2. Hot organization at the actor level (SQLite KV, one actor worker): 64 writers
 *    keep turns queued on one organization actor, with group commit (default bound) and without
 *    it (`maxBatchTurns: 1`): writes per second and turns per commit.
 *
 * Runs in about 40 s (BENCH_SECONDS per HTTP run, default 5).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Elysia } from "elysia";
import { Registry } from "prom-client";
import { resolveConfig } from "../src/config/load.ts";
import { putUserWrites } from "../src/domain/users/records.ts";
import { createSqliteBackend } from "../src/kv/backends/sqlite.ts";
import { applyMutations } from "../src/kv/types.ts";
import { silentLogger } from "../src/lib/log.ts";
import { buildNode } from "../src/main.ts";
import type { ActorMessage } from "../src/runtime/define.ts";
import { fastHasher } from "../test/support/hasher.ts";
import { autocannon, type LoadResult } from "./support/autocannon.ts";
import { InboxMailer, json, signUpVerified } from "./support/inbox.ts";
import { startBenchRuntime } from "./support/runtime.ts";

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 32;
const HOT_SECONDS = Number(process.env.BENCH_HOT_SECONDS ?? 4);
/** Actor workers of the hot run (1; with 0, see docs/performance.md about heartbeats). */
const HOT_ACTOR_WORKERS = Number(process.env.BENCH_HOT_WORKERS ?? 1);
const HOT_WRITERS = 64;

const dir = mkdtempSync(join(tmpdir(), "inferadb-bench-orgs-"));

/** A transport that keeps mail in memory, to read the verification token. */

/** Mean of a prom-client histogram (`sum / count`) for one label set. */
function histogramMean(values: { metricName?: string; value: number }[], name: string): number {
  const sum = values.find((v) => v.metricName === `${name}_sum`)?.value ?? 0;
  const count = values.find((v) => v.metricName === `${name}_count`)?.value ?? 0;
  return count === 0 ? 0 : sum / count;
}

async function httpRun() {
  const mailer = new InboxMailer();
  const config = resolveConfig({
    environment: "test",
    server: { http_host: "127.0.0.1", http_port: 0, grpc_host: "127.0.0.1", grpc_port: 0 },
    storage: { backend: "sqlite", sqlite_path: join(dir, "http.sqlite") },
    auth: {
      key_encryption_secret: "bench-secret-key-at-least-32-bytes-long!",
      cookie_secure: false,
    },
    rate_limiting: { enabled: false },
    cluster: { internal_port: 0, secret: "bench" },
    observability: { log_level: "silent", json_logs: true },
  });
  const node = await buildNode({ config, log: silentLogger, hasher: fastHasher, mailer });
  const hello = new Elysia()
    .get("/hello", () => "hello world")
    .listen({ hostname: "127.0.0.1", port: 0 });
  const base = `http://127.0.0.1:${node.httpPort}`;
  try {
    const { token } = await signUpVerified(base, mailer, "bench-orgs@example.com");
    const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    const org = (
      await json(
        await fetch(`${base}/v1/organizations`, {
          method: "POST",
          headers,
          body: JSON.stringify({ name: "Bench" }),
        }),
      )
    ).organization as { id: string };
    const team = (
      await json(
        await fetch(`${base}/v1/organizations/${org.id}/teams`, {
          method: "POST",
          headers,
          body: JSON.stringify({ name: "Hot" }),
        }),
      )
    ).team as { id: string };

    const conns = ["-c", String(CONNECTIONS)];
    const auth = ["-H", `authorization=Bearer ${token}`];
    const readUrl = `${base}/v1/organizations/${org.id}`;
    const writeUrl = `${base}/v1/organizations/${org.id}/teams/${team.id}`;
    const write = [
      "-m",
      "PATCH",
      "-H",
      "content-type=application/json",
      "-b",
      JSON.stringify({ description: "hot" }),
    ];
    const helloUrl = `http://127.0.0.1:${hello.server?.port}/hello`;
    await autocannon(helloUrl, conns, 1);
    await autocannon(readUrl, [...conns, ...auth], 1);
    const helloMax = await autocannon(helloUrl, conns, DURATION_S);
    const reads = await autocannon(readUrl, [...conns, ...auth], DURATION_S);
    const metricsBefore = await (await fetch(`${base}/metrics`)).text();
    const writes = await autocannon(writeUrl, [...conns, ...auth, ...write], DURATION_S);
    const metricsAfter = await (await fetch(`${base}/metrics`)).text();
    return { helloMax, reads, writes, turnsPerCommit: promDelta(metricsBefore, metricsAfter) };
  } finally {
    await hello.stop();
    await node.stop();
  }
}

/** Mean turns per commit of the organization actor between two /metrics scrapes. */
function promDelta(before: string, after: string): number {
  const read = (text: string, suffix: string) => {
    const re = new RegExp(
      `actor_turns_per_commit_${suffix}\\{[^}]*kind="organization"[^}]*\\} ([0-9.e+]+)`,
    );
    return Number(re.exec(text)?.[1] ?? 0);
  };
  const count = read(after, "count") - read(before, "count");
  return count === 0 ? 0 : (read(after, "sum") - read(before, "sum")) / count;
}

/** One organization actor under HOT_WRITERS concurrent writers; group commit on or off. */
async function hotRun(maxBatchTurns: number | undefined, file: string) {
  const registry = new Registry();
  const node = await startBenchRuntime(createSqliteBackend({ path: join(dir, file) }), {
    workers: HOT_ACTOR_WORKERS,
    metrics: registry,
    ...(maxBatchTurns === undefined ? {} : { maxBatchTurns }),
  });
  const { runtime, ids } = node;
  try {
    const orgId = ids.next();
    // The creator's account must exist: creation reads it (an account being deleted cannot).
    const user = { id: ids.next(), name: "Hot", password_hash: null, created_at: Date.now() };
    await node.kv.transact(async (tx) => {
      applyMutations(
        tx,
        putUserWrites({ ...user, tos_accepted_at: null, password_changed_at: null }),
      );
    });
    const principal = { userId: user.id };
    const ask = (msg: ActorMessage) =>
      runtime.client.ask("organization", orgId, msg, { principal });
    await ask({ type: "create", name: "Hot", creatorVerified: true });
    const team = (
      (await ask({ type: "teams.create", name: "Hot", description: null })) as {
        team: { id: string };
      }
    ).team;
    let done = 0;
    let failed = 0;
    const deadline = performance.now() + HOT_SECONDS * 1000;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: HOT_WRITERS }, async (_, w) => {
        while (performance.now() < deadline) {
          try {
            const description = `w${w} ${done}`;
            await ask({ type: "teams.update", teamId: team.id, name: null, description });
            done++;
          } catch {
            failed++;
          }
        }
      }),
    );
    const perSec = done / ((performance.now() - t0) / 1000);
    const values = (await runtime.metrics.turnsPerCommit.get()).values.filter(
      (v) => v.labels.kind === "organization",
    );
    return { perSec, failed, turnsPerCommit: histogramMean(values, "actor_turns_per_commit") };
  } finally {
    await node.stop();
  }
}

try {
  const http = await httpRun();
  const grouped = await hotRun(undefined, "hot-grouped.sqlite");
  const single = await hotRun(1, "hot-single.sqlite");
  const f = (n: number) => n.toFixed(0);
  const ratio = (r: LoadResult) => (r.rps / http.helloMax.rps).toFixed(2);
  console.log(
    `HTTP: ${DURATION_S}s per run, ${CONNECTIONS} connections, SQLite KV, autocannon in a separate process`,
  );
  const cpu = (r: LoadResult) =>
    `${r.cpuUsPerReq.toFixed(1)} (${(http.helloMax.cpuUsPerReq / r.cpuUsPerReq).toFixed(2)})`;
  console.log(
    "| route | req/s | ratio to hello | server CPU µs/req (hello ÷ route) | p50 / p99 ms |",
  );
  console.log("|---|---|---|---|---|");
  console.log(
    `| hello world (same process) | ${f(http.helloMax.rps)} | 1.00 | ${cpu(http.helloMax)} | ${http.helloMax.p50} / ${http.helloMax.p99} |`,
  );
  console.log(
    `| GET /v1/organizations/{org} (read, actor turn) | ${f(http.reads.rps)} | ${ratio(http.reads)} | ${cpu(http.reads)} | ${http.reads.p50} / ${http.reads.p99} |`,
  );
  console.log(
    `| PATCH …/teams/{team} (write, one org) | ${f(http.writes.rps)} | ${ratio(http.writes)} | ${cpu(http.writes)} | ${http.writes.p50} / ${http.writes.p99} |`,
  );
  console.log(`HTTP writes: ${http.turnsPerCommit.toFixed(1)} turns per commit`);
  console.log(
    `hot organization (actor level, ${HOT_WRITERS} writers, SQLite, ${HOT_ACTOR_WORKERS} worker(s), ${HOT_SECONDS}s):`,
  );
  console.log("| group commit | writes/s | turns per commit |");
  console.log("|---|---|---|");
  console.log(
    `| on (default bound 256) | ${f(grouped.perSec)} | ${grouped.turnsPerCommit.toFixed(1)} |`,
  );
  console.log(
    `| off (maxBatchTurns 1) | ${f(single.perSec)} | ${single.turnsPerCommit.toFixed(1)} |`,
  );
  if (grouped.failed + single.failed > 0) {
    console.log(
      `WARNING: failed hot writes: ${grouped.failed} with, ${single.failed} without group commit`,
    );
  }
  console.log(`group commit speed-up: ${(grouped.perSec / single.perSec).toFixed(1)}x`);
  const bad = [http.helloMax, http.reads, http.writes].reduce((n, r) => n + r.non2xx + r.errors, 0);
  if (bad > 0) console.log(`WARNING: ${bad} failed requests`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
