/**
 * The route benchmark of issue 16 (`bun run bench routes`), figures in docs/performance.md: the
 * product and its baseline each in their own process, loaded from a third.
 *
 * - The product: bench/support/product-process.ts (the real node on a SQLite file, default
 *   configuration but rate limits and the password hasher); the baseline a user would compare
 *   with: a bare Elysia hello world in its own process (bench/support/hello-process.ts).
 * - Load: wrk (Debian) when on PATH, else autocannon; 32 connections, BENCH_SECONDS (5) a run,
 *   hello and route runs alternating, each after a 1 s warm-up. Each side reports its own CPU
 *   time, so the server CPU µs per request is printed for both.
 * 1. Reads: `GET /v1/users/me`, `GET /v1/organizations/{org}`, `…/members`, `…/vaults/{vault}`,
 *    as ratios of the hello world's req/s and of its CPU per request.
 * 2. p50/p99 of each read at half its saturating rate (wrk, each connection a fixed think time
 *    apart), and at 2 000 req/s paced evenly (bench/support/scale-load.cjs, a Node process: it
 *    cannot pace the half-saturating rates of 10-20k req/s on two cores).
 * 3. Writes through the organization actor: team `PATCH` (a new description each time) and the
 *    team-grant `POST` (cycled with its `DELETE`, bench/support/grant-cycle.cjs), against raw
 *    2-key `bun:sqlite` transactions per second measured in the same run.
 * 4. Two nodes on one host sharing the SQLite file against one node, on the organization read;
 *    and one node with `cluster.workers` 1 (actor turns on a worker thread) against the default 0,
 *    on the organization read and the team PATCH (docs/adr/0012-both-cores-second-node-not-workers.md).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { autocannon, findNode } from "./support/autocannon.ts";
import { json } from "./support/inbox.ts";
import {
  type CpuUsage,
  cpuDelta,
  grantCycle,
  type ReportingProcess,
  startHelloProcess,
  startReportingProcess,
} from "./support/processes.ts";
import { rawDb, rawTwoKey } from "./support/raw-sqlite.ts";
import { wrk, wrkAvailable } from "./support/wrk.ts";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 32;
const PRODUCT = join(import.meta.dir, "support/product-process.ts");
const PACED = join(import.meta.dir, "support/scale-load.cjs");
const BUN_FLAGS = ["--max-http-header-size=262144"];

interface Fixtures {
  port: number;
  token: string;
  user: string;
  org: string;
  team: string;
  vault: string;
}

interface Run {
  rps: number;
  cpuUsPerReq: number;
  p50: number;
  p99: number;
  bad: number;
}

const dir = mkdtempSync(join(tmpdir(), "inferadb-bench-routes-"));
const dbPath = join(dir, "kv.sqlite");
const useWrk = wrkAvailable();

/** One load run against `url`, with the CPU of `server` over it. */
async function load(
  server: { cpu(): Promise<CpuUsage> },
  url: string,
  opts: {
    headers?: Record<string, string>;
    lua?: string;
    seconds?: number;
    connections?: number;
  } = {},
): Promise<Run> {
  const seconds = opts.seconds ?? SECONDS;
  const connections = opts.connections ?? CONNECTIONS;
  const c0 = await server.cpu();
  let rps: number;
  let requests: number;
  let p50: number;
  let p99: number;
  let bad: number;
  if (useWrk) {
    const r = await wrk(url, { connections, seconds, headers: opts.headers, lua: opts.lua });
    ({ rps, requests, p50, p99 } = r);
    bad = r.non2xx + r.errors;
  } else {
    if (opts.lua) throw new Error("this run needs wrk (apt-get install wrk)");
    const h = Object.entries(opts.headers ?? {}).flatMap(([k, v]) => ["-H", `${k}=${v}`]);
    const r = await autocannon(url, ["-c", String(connections), ...h], seconds);
    ({ rps, p50, p99 } = r);
    requests = rps * seconds;
    bad = r.non2xx + r.errors;
  }
  const c1 = await server.cpu();
  return { rps, cpuUsPerReq: cpuDelta(c0, c1) / Math.max(1, requests), p50, p99, bad };
}

/**
 * p50/p99 at a fixed rate, paced evenly (bench/support/scale-load.cjs, a Node process: one request
 * every 1000 / rate ms over at most 32 keep-alive connections, exact percentiles). Not
 * autocannon's `-R`, which sends each connection's share of a second as a burst.
 */
async function fixedRateP99(url: string, headers: Record<string, string>, rate: number) {
  const cfg = JSON.stringify({
    url,
    headers,
    rate: Math.round(rate),
    connections: CONNECTIONS,
    seconds: SECONDS,
  });
  const child = Bun.spawn([findNode(), PACED, cfg], { stdout: "pipe", stderr: "pipe" });
  const [out, err, code] = await Promise.all([
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
    child.exited,
  ]);
  if (code !== 0 || !out.trim())
    throw new Error(`paced load failed (${code}): ${err.slice(0, 500)}`);
  const r = JSON.parse(out) as {
    p50: number;
    p99: number;
    non2xx: number;
    errors: number;
    late: number;
  };
  return { p50: r.p50, p99: r.p99, bad: r.non2xx + r.errors, late: r.late };
}

const fmt = (n: number, d = 0) => n.toFixed(d);
const hello = await startHelloProcess();
const product = await startReportingProcess<Fixtures>(
  PRODUCT,
  JSON.stringify({ sqlite_path: dbPath }),
  BUN_FLAGS,
);
const processes: ReportingProcess<unknown>[] = [product];
try {
  const f = product.info;
  const base = `http://127.0.0.1:${f.port}`;
  const auth = { authorization: `Bearer ${f.token}` };
  const reads: [string, string][] = [
    ["GET /v1/users/me", `${base}/v1/users/me`],
    ["GET /v1/organizations/{org}", `${base}/v1/organizations/${f.org}`],
    ["GET …/members", `${base}/v1/organizations/${f.org}/members`],
    ["GET …/vaults/{vault}", `${base}/v1/organizations/${f.org}/vaults/${f.vault}`],
  ];
  console.log(
    `routes: ${SECONDS}s per run, ${CONNECTIONS} connections, load by ${useWrk ? "wrk" : "autocannon"}, ` +
      "product and hello world each in their own process, SQLite KV",
  );
  console.log(
    "route | req/s | server µs/req | hello req/s | hello µs/req | ratio req/s | ratio CPU | p50/p99 ms",
  );
  const saturated: Record<string, number> = {};
  for (const [name, url] of reads) {
    await load(hello, hello.url, { seconds: 1 });
    await load(product, url, { headers: auth, seconds: 1 });
    const h = await load(hello, hello.url);
    const r = await load(product, url, { headers: auth });
    if (r.bad > 0) throw new Error(`${name}: ${r.bad} bad answers`);
    saturated[name] = r.rps;
    console.log(
      `${name} | ${fmt(r.rps)} | ${fmt(r.cpuUsPerReq, 1)} | ${fmt(h.rps)} | ${fmt(h.cpuUsPerReq, 1)} | ` +
        `${fmt(r.rps / h.rps, 2)} | ${fmt(h.cpuUsPerReq / r.cpuUsPerReq, 2)} | ${r.p50}/${r.p99}`,
    );
  }

  if (useWrk) {
    // A Node.js load process cannot pace 10-20k req/s on this box (it sent most requests late),
    // so at half the saturating rate the load is wrk's: each connection waits `period` ms between
    // its requests (wrk's `delay()`, whole ms), with as many connections as make the rate.
    console.log("\np50/p99 at half the saturating rate (wrk, a think time per connection)");
    for (const [name, url] of reads) {
      const rate = (saturated[name] ?? 1000) / 2;
      const period = Math.max(1, Math.round((CONNECTIONS * 1000) / rate));
      let connections = Math.min(512, Math.max(1, Math.round((rate * period) / 1000)));
      const lua = `delay = function() return ${period} end`;
      // A connection's period is its think time plus its answer's latency: a short first run
      // measures the rate that gives, and the connections are scaled to reach the asked one.
      const probe = await load(product, url, { headers: auth, lua, connections, seconds: 2 });
      connections = Math.min(512, Math.max(1, Math.round((connections * rate) / probe.rps)));
      const r = await load(product, url, { headers: auth, lua, connections });
      console.log(
        `${name} | ${fmt(rate)} req/s asked (${connections} connections, ${period} ms apart), ` +
          `${fmt(r.rps)} sent | p50 ${fmt(r.p50, 2)} ms | p99 ${fmt(r.p99, 2)} ms | bad ${r.bad}`,
      );
    }
  }
  console.log("\np50/p99 at 2 000 req/s, paced evenly (bench/support/scale-load.cjs)");
  for (const [name, url] of reads) {
    const r = await fixedRateP99(url, auth, 2000);
    console.log(
      `${name} | p50 ${fmt(r.p50, 2)} ms | p99 ${fmt(r.p99, 2)} ms | ` +
        `bad ${r.bad} | sent > 5 ms late by the load process: ${r.late}`,
    );
  }

  // Writes through the organization actor, against raw 2-key bun:sqlite transactions.
  const raw = rawDb(join(dir, "raw.sqlite"));
  rawTwoKey(raw, 500, 0);
  const rawTps = rawTwoKey(raw, 3000, 1_000_000);
  raw.close();
  const patchLua = `
local n = 0
request = function()
  n = n + 1
  return wrk.format("PATCH", nil, nil, '{"description":"d' .. n .. '"}')
end`;
  const teamUrl = `${base}/v1/organizations/${f.org}/teams/${f.team}`;
  const jsonAuth = { ...auth, "content-type": "application/json" };
  await load(product, teamUrl, { headers: jsonAuth, lua: patchLua, seconds: 1 });
  const patch = await load(product, teamUrl, { headers: jsonAuth, lua: patchLua });
  if (patch.bad > 0) throw new Error(`team PATCH: ${patch.bad} bad answers`);
  // Grant POSTs: each connection holds its own (vault, team) pair; DEV-tier organizations hold 3
  // teams and 5 vaults, so 15 pairs each: the fixture organization and two more.
  const headers = { ...auth, "content-type": "application/json" };
  const post = async (path: string, body: object) =>
    json(await fetch(`${base}${path}`, { method: "POST", headers, body: JSON.stringify(body) }));
  const pairs = [];
  for (let o = 0; pairs.length < CONNECTIONS; o++) {
    const org =
      o === 0
        ? f.org
        : (
            (await post("/v1/organizations", { name: `Grants ${o}` })).organization as {
              id: string;
            }
          ).id;
    const teams = o === 0 ? [f.team] : [];
    while (teams.length < 3) {
      teams.push(
        (
          (await post(`/v1/organizations/${org}/teams`, { name: `g${teams.length}` })).team as {
            id: string;
          }
        ).id,
      );
    }
    const vaults = o === 0 ? [f.vault] : [];
    while (vaults.length < 5) {
      vaults.push(
        (
          (await post(`/v1/organizations/${org}/vaults`, { name: `g${vaults.length}` })).vault as {
            id: string;
          }
        ).id,
      );
    }
    for (const vault of vaults) for (const team of teams) pairs.push({ org, vault, team });
  }
  const grants = await grantCycle(base, f.token, pairs, CONNECTIONS, SECONDS, () => product.cpu());
  console.log(`\nwrites | per second | server µs/req | raw 2-key tx/s | ratio`);
  console.log(
    `team PATCH | ${fmt(patch.rps)} | ${fmt(patch.cpuUsPerReq, 1)} | ${fmt(rawTps)} | ${fmt(patch.rps / rawTps, 3)}`,
  );
  const postsPerSec = grants.posts201 / grants.seconds;
  console.log(
    `team-grant POST (cycled with DELETE) | ${fmt(postsPerSec)} POSTs (${fmt(grants.rps)} requests) | ` +
      `${fmt(grants.cpuUsPerReq, 1)} | ${fmt(rawTps)} | ${fmt(postsPerSec / rawTps, 3)} (requests ${fmt(grants.rps / rawTps, 3)})`,
  );

  // Two nodes on one host, one SQLite file, against one node. Reads of GET /v1/users/me (no
  // actor: the session check reads the store) and of organizations each node owns (an
  // organization created through a node is activated there); the load is split evenly.
  const second = await startReportingProcess<{ port: number }>(
    PRODUCT,
    JSON.stringify({ sqlite_path: dbPath, setup: false }),
    BUN_FLAGS,
  );
  processes.push(second);
  const nodeUrl = (port: number) => `http://127.0.0.1:${port}`;
  // An organization the second node owns: actors are placed by hashing over the live nodes, so
  // organizations are created through it until one is read there without being forwarded
  // (`actor_forwarded_total` of its /metrics does not move).
  const forwarded = async () => {
    const text = await (await fetch(`${nodeUrl(second.info.port)}/metrics`)).text();
    return [...text.matchAll(/^actor_forwarded_total\{[^}]*\} (\d+)/gm)].reduce(
      (n, m) => n + Number(m[1]),
      0,
    );
  };
  let orgB: string | undefined;
  for (let i = 0; i < 16 && !orgB; i++) {
    const created = await fetch(`${nodeUrl(second.info.port)}/v1/organizations`, {
      method: "POST",
      headers,
      body: JSON.stringify({ name: `Second node ${i}` }),
    });
    const id = ((await json(created)).organization as { id: string }).id;
    const before = await forwarded();
    for (let r = 0; r < 20; r++) {
      await (
        await fetch(`${nodeUrl(second.info.port)}/v1/organizations/${id}`, { headers: auth })
      ).arrayBuffer();
    }
    if ((await forwarded()) === before) orgB = id;
  }
  if (!orgB) throw new Error("no organization landed on the second node");
  const twoNodeRoutes: [string, string, string][] = [
    ["GET /v1/users/me", "/v1/users/me", "/v1/users/me"],
    ["GET /v1/organizations/{org}", `/v1/organizations/${f.org}`, `/v1/organizations/${orgB}`],
  ];
  console.log(
    "\ntwo nodes on one host, one SQLite file | one node req/s | two nodes req/s | ratio | bad",
  );
  for (const [name, pathA, pathB] of twoNodeRoutes) {
    await load(second, `${nodeUrl(second.info.port)}${pathB}`, { headers: auth, seconds: 1 });
    const one = await load(product, `${nodeUrl(f.port)}${pathA}`, { headers: auth });
    const [a, b] = await Promise.all([
      load(product, `${nodeUrl(f.port)}${pathA}`, { headers: auth, connections: CONNECTIONS / 2 }),
      load(second, `${nodeUrl(second.info.port)}${pathB}`, {
        headers: auth,
        connections: CONNECTIONS / 2,
      }),
    ]);
    console.log(
      `${name} | ${fmt(one.rps)} | ${fmt(a.rps)} + ${fmt(b.rps)} = ${fmt(a.rps + b.rps)} | ` +
        `${fmt((a.rps + b.rps) / one.rps, 2)}x | ${a.bad + b.bad + one.bad}`,
    );
  }
  await second.stop();
  processes.pop();

  // cluster.workers 1 against the default 0, each on a fresh database of its own.
  for (const workers of [0, 1]) {
    const p = await startReportingProcess<Fixtures>(
      PRODUCT,
      JSON.stringify({ sqlite_path: join(dir, `workers-${workers}.sqlite`), workers }),
      BUN_FLAGS,
    );
    processes.push(p);
    const pb = `http://127.0.0.1:${p.info.port}`;
    const pAuth = { authorization: `Bearer ${p.info.token}` };
    const readUrl = `${pb}/v1/organizations/${p.info.org}`;
    const writeUrl = `${pb}/v1/organizations/${p.info.org}/teams/${p.info.team}`;
    await load(p, readUrl, { headers: pAuth, seconds: 1 });
    const r = await load(p, readUrl, { headers: pAuth });
    const w = await load(p, writeUrl, {
      headers: { ...pAuth, "content-type": "application/json" },
      lua: patchLua,
    });
    console.log(
      `cluster.workers ${workers}: org read ${fmt(r.rps)} req/s (${fmt(r.cpuUsPerReq, 1)} µs/req, p99 ${r.p99} ms); ` +
        `team PATCH ${fmt(w.rps)}/s (${fmt(w.cpuUsPerReq, 1)} µs/req, p99 ${w.p99} ms); bad ${r.bad + w.bad}`,
    );
    await p.stop();
    processes.pop();
  }
} finally {
  await hello.stop();
  for (const p of processes) await p.stop();
  rmSync(dir, { recursive: true, force: true });
}
