/**
 * Vaults benchmark (`bun run bench vaults`), figures in docs/performance.md:
 *
 * 1. HTTP, SQLite KV, full plugin stack, the node synced to an engine stand-in: authenticated
 *    `GET /v1/organizations/{org}/vaults/{vault}` (read, vault actor turn) and team-grant creations
 *    (`POST …/team-grants`, each connection cycling POST then DELETE of the grant it made, on a
 *    (vault, team) pair of its own, so no POST is a duplicate) per second, as ratios against a bare
 *    Elysia hello world **in its own process** (bench/support/hello-process.ts), with the server
 *    CPU µs per request of both (the hello process reports its own `process.cpuUsage()`).
 *    The load is autocannon in a separate Node process.
 * 2. Writes against raw `bun:sqlite`: grant POSTs/s ÷ raw 2-key transactions/s (`BEGIN IMMEDIATE`,
 *    two upserts, `COMMIT`; WAL, synchronous=NORMAL), measured in the same run before and after the
 *    HTTP runs.
 * 3. Engine sync: the node's `server_api.grpc_endpoint` is the gRPC engine stand-in
 *    (test/support/engine.ts, in this process, verifying the service's EdDSA JWTs) with a short sync
 *    policy; BENCH_SYNC_VAULTS vaults (default 1500, over DEV-tier organizations of several users)
 *    are created by 32 concurrent in-process clients: vaults synced per second (first create to
 *    the last vault's sync done, `vault_sync_lag_seconds_count`) and the sync lag p50/p99 under
 *    that load (create request sent → the engine applied it; plus the node's own lag histogram).
 *
 * Prints, asserts nothing. Runs in about 35 s (BENCH_SECONDS per HTTP run, default 5).
 */
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { resolveConfig } from "../src/config/load.ts";
import type { MailMessage } from "../src/email/mailer.ts";
import { silentLogger } from "../src/lib/log.ts";
import { buildNode } from "../src/main.ts";
import { type EngineVault, startEngineStandIn } from "../test/support/engine.ts";
import { fastHasher } from "../test/support/hasher.ts";
import { autocannon, type LoadResult } from "./support/autocannon.ts";
import { InboxMailer, json } from "./support/inbox.ts";
import { cpuDelta, type GrantPair, grantCycle, startHelloProcess } from "./support/processes.ts";
import { rawDb, rawTwoKey } from "./support/raw-sqlite.ts";

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 32;
const RAW_MS = 2_000;
const SYNC_VAULTS = Number(process.env.BENCH_SYNC_VAULTS ?? 1500);
const SYNC_CLIENTS = 32;
/** DEV tier: 5 vaults and 3 teams per organization. */
const VAULTS_PER_ORG = 5;
const TEAMS_PER_ORG = 3;

const dir = mkdtempSync(join(tmpdir(), "inferadb-bench-vaults-"));

/** Quantile of sorted numbers (nearest rank). */
function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

/** `vault_sync_lag_seconds` buckets of op="create" from a /metrics text. */
function lagBuckets(text: string): { le: number; count: number }[] {
  const re = /vault_sync_lag_seconds_bucket\{([^}]*)\} ([0-9.e+]+)/g;
  const out: { le: number; count: number }[] = [];
  for (const m of text.matchAll(re)) {
    const labels = m[1] ?? "";
    if (!labels.includes('op="create"')) continue;
    const le = /le="([^"]+)"/.exec(labels)?.[1] ?? "+Inf";
    out.push({ le: le === "+Inf" ? Number.POSITIVE_INFINITY : Number(le), count: Number(m[2]) });
  }
  return out.sort((a, b) => a.le - b.le);
}

function lagCount(text: string): number {
  const m = /vault_sync_lag_seconds_count\{[^}]*op="create"[^}]*\} ([0-9.e+]+)/.exec(text);
  return Number(m?.[1] ?? 0);
}

/** The smallest bucket bound holding quantile `q` of the observations added between two scrapes. */
function bucketQuantile(
  before: { le: number; count: number }[],
  after: { le: number; count: number }[],
  q: number,
): number {
  const base = new Map(before.map((b) => [b.le, b.count]));
  const delta = after.map((b) => ({ le: b.le, count: b.count - (base.get(b.le) ?? 0) }));
  const total = delta.at(-1)?.count ?? 0;
  return delta.find((b) => b.count >= q * total)?.le ?? Number.NaN;
}

const { privateKey, publicKey } = generateKeyPairSync("ed25519");
const keyFile = join(dir, "service.pem");
writeFileSync(keyFile, privateKey.export({ type: "pkcs8", format: "pem" }));
const engine = await startEngineStandIn({
  publicKey,
  audience: "inferadb-engine",
  issuer: "https://api.inferadb.com",
});
/** When the engine first applied each vault (the stand-in's map, observed from here). */
const appliedAt = new Map<string, number>();
const engineSet = engine.vaults.set.bind(engine.vaults);
engine.vaults.set = (id: string, v: EngineVault) => {
  if (!appliedAt.has(id)) appliedAt.set(id, performance.now());
  return engineSet(id, v);
};

const mailer = new InboxMailer();
const config = resolveConfig({
  environment: "test",
  server: { http_host: "127.0.0.1", http_port: 0, grpc_host: "127.0.0.1", grpc_port: 0 },
  storage: { backend: "sqlite", sqlite_path: join(dir, "node.sqlite") },
  auth: { key_encryption_secret: "bench-secret-key-at-least-32-bytes-long!", cookie_secure: false },
  rate_limiting: { enabled: false },
  cluster: { internal_port: 0, secret: "bench" },
  observability: { log_level: "silent", json_logs: true },
  server_api: {
    grpc_endpoint: engine.endpoint,
    service_key_file: keyFile,
    sync_max_attempts: 6,
    sync_base_delay_ms: 20,
    sync_max_delay_ms: 200,
    sync_call_deadline_ms: 2_000,
    sync_attempt_timeout_ms: 5_000,
    sync_redrive_interval_ms: 200,
  },
});
const node = await buildNode({ config, log: silentLogger, hasher: fastHasher, mailer });
const base = `http://127.0.0.1:${node.httpPort}`;
const hello = await startHelloProcess();
const rawSqlite = rawDb(join(dir, "raw.sqlite"));

let userSeq = 0;
/** A registered, verified user; returns their session token. */
async function signUp(): Promise<string> {
  const email = `bench-vaults-${++userSeq}@example.com`;
  const reg = await fetch(`${base}/v1/auth/register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: "Bench", email, password: "benchmark password 123" }),
  });
  const token = /infera_session=([^;]+)/.exec(reg.headers.get("set-cookie") ?? "")?.[1];
  if (reg.status !== 201 || !token) throw new Error(`register: ${reg.status}`);
  let mail: MailMessage | undefined;
  for (let i = 0; i < 200 && !mail; i++) {
    mail = mailer.sent.find((m) => m.to === email);
    if (!mail) await Bun.sleep(10);
  }
  const verifyToken = /[?&]token=([^\s&]+)/.exec(mail?.text ?? "")?.[1];
  if (!verifyToken) throw new Error("no verification mail");
  await json(
    await fetch(`${base}/v1/auth/verify-email`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token: decodeURIComponent(verifyToken) }),
    }),
  );
  return token;
}

async function post(token: string, path: string, body: unknown) {
  const res = await fetch(`${base}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return res;
}

async function createOrg(token: string, name: string): Promise<string> {
  return (
    (await json(await post(token, "/v1/organizations", { name }))).organization as {
      id: string;
    }
  ).id;
}

async function metricsText(): Promise<string> {
  return (await fetch(`${base}/metrics`)).text();
}

async function until(what: string, probe: () => boolean | Promise<boolean>, ms = 30_000) {
  const end = performance.now() + ms;
  while (!(await probe())) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await Bun.sleep(20);
  }
}

/** Deletes every team grant of the pairs' vaults (a load run that ended mid-cycle leaves some). */
async function clearGrants(token: string, pairs: GrantPair[]): Promise<number> {
  let removed = 0;
  const headers = { authorization: `Bearer ${token}` };
  for (const p of new Map(pairs.map((x) => [x.vault, x])).values()) {
    const path = `${base}/v1/organizations/${p.org}/vaults/${p.vault}/team-grants`;
    const list = (await json(await fetch(`${path}?limit=100`, { headers }))).grants as {
      id: string;
    }[];
    for (const g of list) {
      const res = await fetch(`${path}/${g.id}`, { method: "DELETE", headers });
      if (res.status !== 204) throw new Error(`delete grant: ${res.status} ${await res.text()}`);
      removed++;
    }
  }
  return removed;
}

async function httpRun() {
  // 7 organizations × (3 teams, 5 vaults): 35 (vault, team) pairs for 32 connections.
  const token = await signUp();
  const pairs: GrantPair[] = [];
  const vaultIds: string[] = [];
  const orgs: string[] = [];
  for (let o = 0; pairs.length < CONNECTIONS; o++) {
    const org = await createOrg(token, `Bench ${o}`);
    orgs.push(org);
    const teams: string[] = [];
    for (let t = 0; t < TEAMS_PER_ORG; t++) {
      const r = await json(await post(token, `/v1/organizations/${org}/teams`, { name: `t${t}` }));
      teams.push((r.team as { id: string }).id);
    }
    for (let v = 0; v < VAULTS_PER_ORG; v++) {
      const r = await json(
        await post(token, `/v1/organizations/${org}/vaults`, { name: `vault ${v}` }),
      );
      const vault = (r.vault as { id: string }).id;
      vaultIds.push(vault);
      pairs.push({ org, vault, team: teams[v % TEAMS_PER_ORG]! });
    }
  }
  await until("the setup's vaults on the engine", () => vaultIds.every((v) => appliedAt.has(v)));
  const readUrl = `${base}/v1/organizations/${orgs[0]}/vaults/${vaultIds[0]}`;
  const conns = ["-c", String(CONNECTIONS)];
  const auth = ["-H", `authorization=Bearer ${token}`];

  rawTwoKey(rawSqlite, 500, 0); // warm-up: JIT, the table's 20 000 keys written once
  const rawBefore = rawTwoKey(rawSqlite, RAW_MS, 1_000_000);
  // Warm-up (JIT, SQLite page cache, actor activations).
  await autocannon(hello.url, conns, 1);
  await autocannon(readUrl, [...conns, ...auth], 1);
  await grantCycle(base, token, pairs, CONNECTIONS, 1);
  await clearGrants(token, pairs);

  const h0 = await hello.cpu();
  const helloRun = await autocannon(hello.url, conns, DURATION_S);
  const h1 = await hello.cpu();
  const helloTotal = Math.max(1, helloRun.rps * DURATION_S);
  const helloMax: LoadResult = { ...helloRun, cpuUsPerReq: cpuDelta(h0, h1) / helloTotal };
  const reads = await autocannon(readUrl, [...conns, ...auth], DURATION_S);
  const grants = await grantCycle(base, token, pairs, CONNECTIONS, DURATION_S);
  await clearGrants(token, pairs);
  const rawAfter = rawTwoKey(rawSqlite, RAW_MS, 10_000_000);
  return { helloMax, reads, grants, rawBefore, rawAfter };
}

async function syncRun() {
  // Organizations until the user's limit (402 USER_ORG_LIMIT), then the next user.
  const orgs: { token: string; org: string }[] = [];
  let token = await signUp();
  let inUser = 0;
  while (orgs.length * VAULTS_PER_ORG < SYNC_VAULTS) {
    const res = await post(token, "/v1/organizations", { name: `Sync ${orgs.length}` });
    if (res.status === 402 && inUser > 0) {
      await res.text();
      token = await signUp();
      inUser = 0;
      continue;
    }
    orgs.push({ token, org: ((await json(res)).organization as { id: string }).id });
    inUser++;
  }
  // Interleaved by organization, so concurrent creations mostly hit different organizations.
  const tasks: { token: string; org: string; name: string }[] = [];
  for (let v = 0; v < VAULTS_PER_ORG; v++) {
    for (const o of orgs) {
      if (tasks.length < SYNC_VAULTS) tasks.push({ ...o, name: `synced ${v}` });
    }
  }
  const before = await metricsText();
  const countBefore = lagCount(before);
  const sentAt = new Map<string, number>();
  const answeredAt = new Map<string, number>();
  let refused = 0;
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: SYNC_CLIENTS }, async () => {
      while (next < tasks.length) {
        const task = tasks[next++]!;
        const sent = performance.now();
        const res = await post(task.token, `/v1/organizations/${task.org}/vaults`, {
          name: task.name,
        });
        if (res.status !== 201) {
          refused++;
          await res.text();
          continue;
        }
        const id = ((await res.json()) as { vault: { id: string } }).vault.id;
        sentAt.set(id, sent);
        answeredAt.set(id, performance.now());
      }
    }),
  );
  const created = performance.now();
  let after = before;
  await until(
    "every vault synced",
    async () => {
      after = await metricsText();
      return lagCount(after) - countBefore >= sentAt.size;
    },
    60_000,
  );
  const done = performance.now();
  const lags: number[] = [];
  const answers: number[] = [];
  for (const [id, sent] of sentAt) {
    const applied = appliedAt.get(id);
    if (applied !== undefined) lags.push(applied - sent);
    answers.push((answeredAt.get(id) ?? sent) - sent);
  }
  lags.sort((a, b) => a - b);
  answers.sort((a, b) => a - b);
  return {
    vaults: sentAt.size,
    refused,
    createSeconds: (created - t0) / 1000,
    seconds: (done - t0) / 1000,
    lagP50: quantile(lags, 0.5),
    lagP99: quantile(lags, 0.99),
    answerP50: quantile(answers, 0.5),
    answerP99: quantile(answers, 0.99),
    nodeLagP50: bucketQuantile(lagBuckets(before), lagBuckets(after), 0.5),
    nodeLagP99: bucketQuantile(lagBuckets(before), lagBuckets(after), 0.99),
    failures: /vault_sync_failures_total\{[^}]*\} ([0-9.e+]+)/.test(after)
      ? [...after.matchAll(/vault_sync_failures_total\{[^}]*\} ([0-9.e+]+)/g)].reduce(
          (n, m) => n + Number(m[1]),
          0,
        )
      : 0,
  };
}

try {
  const http = await httpRun();
  const sync = await syncRun();
  const f = (n: number) => n.toFixed(0);
  const ms = (n: number) => n.toFixed(1);
  const { helloMax, reads, grants } = http;
  const ratio = (rps: number) => (rps / helloMax.rps).toFixed(2);
  const cpu = (r: LoadResult) =>
    `${r.cpuUsPerReq.toFixed(1)} (${(helloMax.cpuUsPerReq / r.cpuUsPerReq).toFixed(2)})`;
  const postsPerSec = grants.posts201 / grants.seconds;
  const raw = (http.rawBefore + http.rawAfter) / 2;
  console.log(
    `HTTP: ${DURATION_S}s per run, ${CONNECTIONS} connections, SQLite KV, node synced to the engine stand-in; autocannon in a separate process; hello world in its own process`,
  );
  console.log(
    "| route | req/s | ratio to hello | server CPU µs/req (hello ÷ route) | p50 / p99 ms |",
  );
  console.log("|---|---|---|---|---|");
  console.log(
    `| hello world (own process) | ${f(helloMax.rps)} | 1.00 | ${cpu(helloMax)} | ${helloMax.p50} / ${helloMax.p99} |`,
  );
  console.log(
    `| GET …/vaults/{vault} (read, vault actor turn) | ${f(reads.rps)} | ${ratio(reads.rps)} | ${cpu(reads)} | ${reads.p50} / ${reads.p99} |`,
  );
  console.log(
    `| POST …/team-grants + DELETE, cycled (all requests) | ${f(grants.rps)} | ${ratio(grants.rps)} | ${cpu(grants)} | ${grants.p50} / ${grants.p99} |`,
  );
  console.log(
    `grant POSTs answered 201: ${f(postsPerSec)}/s (${grants.posts201} of ${grants.posts}), ratio to hello ${ratio(postsPerSec)}`,
  );
  console.log(
    `raw bun:sqlite 2-key transactions/s: ${f(http.rawBefore)} before, ${f(http.rawAfter)} after the HTTP runs (mean ${f(raw)})`,
  );
  console.log(
    `grant POSTs/s ÷ raw 2-key transactions/s: ${(postsPerSec / raw).toFixed(3)}; all grant requests (POST + DELETE) ÷ raw: ${(grants.rps / raw).toFixed(3)}; vault GETs ÷ raw: ${(reads.rps / raw).toFixed(3)}`,
  );
  console.log(
    `engine sync: ${sync.vaults} vaults created by ${SYNC_CLIENTS} concurrent in-process clients in ${sync.createSeconds.toFixed(2)} s, all synced after ${sync.seconds.toFixed(2)} s: ${(sync.vaults / sync.seconds).toFixed(0)} vaults synced/s`,
  );
  console.log(
    `sync lag (create sent → engine applied): p50 ${ms(sync.lagP50)} ms, p99 ${ms(sync.lagP99)} ms; create answered (201) p50 ${ms(sync.answerP50)} ms, p99 ${ms(sync.answerP99)} ms; node's vault_sync_lag_seconds{op="create"} p50 ≤ ${sync.nodeLagP50} s, p99 ≤ ${sync.nodeLagP99} s (bucket bounds)`,
  );
  const bad = [helloMax, reads].reduce((n, r) => n + r.non2xx + r.errors, 0);
  if (bad > 0) console.log(`WARNING: ${bad} failed reads`);
  if (grants.non2xx + grants.errors > 0)
    console.log(
      `WARNING: ${grants.non2xx + grants.errors} failed grant requests; answers: ${JSON.stringify(grants.statuses)}`,
    );
  if (sync.refused > 0) console.log(`WARNING: ${sync.refused} vault creations refused`);
  if (sync.failures > 0) console.log(`WARNING: ${sync.failures} failed engine calls`);
} finally {
  await hello.stop();
  await node.stop();
  await engine.stop();
  rawSqlite.close();
  rmSync(dir, { recursive: true, force: true });
}
