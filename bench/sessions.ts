/**
 * Many sessions (`bun run bench sessions`), figures in docs/performance.md: `GET /v1/users/me` by
 * SESSIONS distinct users (wrk's Lua cycles through their bearer tokens, 32 connections), alone and
 * beside two connections PATCHing a team (writes of another feature), against a bare Elysia hello
 * world in its own process, measured in the same run (hello and product runs alternating, each side
 * reporting its own CPU). What it shows: the session check keeps its uses on the session and user
 * scopes of the change marks (docs/identity.md), so a write of another feature does not send every
 * session back to a KV transaction; with the bench routes' single session that never showed.
 * Needs wrk (Debian's); prints, asserts nothing. Runs in about a minute.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cpuDelta, startHelloProcess, startReportingProcess } from "./support/processes.ts";
import { wrk, wrkAvailable } from "./support/wrk.ts";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 300);
const ROUNDS = 2;

interface Fixtures {
  port: number;
  token: string;
  org: string;
  team: string;
}

if (!wrkAvailable()) {
  console.log("bench sessions needs wrk (apt-get install wrk): skipped");
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), "inferadb-bench-sessions-"));
const hello = await startHelloProcess();
const product = await startReportingProcess<Fixtures>(
  join(import.meta.dir, "support/product-process.ts"),
  JSON.stringify({ sqlite_path: join(dir, "kv.sqlite") }),
  ["--max-http-header-size=262144"],
);
const processes: { stop(): Promise<void> }[] = [product, hello];
try {
  const f = product.info;
  const base = `http://127.0.0.1:${f.port}`;
  const tokens: string[] = [];
  for (let i = 0; i < SESSIONS; i++) {
    const r = await fetch(`${base}/v1/auth/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        name: `Reader ${i}`,
        email: `reader-${i}@example.com`,
        password: "correct horse battery staple",
      }),
    });
    const token = /infera_session=([^;]+)/.exec(r.headers.get("set-cookie") ?? "")?.[1];
    if (r.status !== 201 || !token) throw new Error(`register: ${r.status}`);
    tokens.push(token);
  }
  const readLua = `local t = {${tokens.map((t) => `"${t}"`).join(",")}}
local i = 0
request = function()
  i = i % #t + 1
  return wrk.format("GET", nil, {["Authorization"] = "Bearer " .. t[i]}, nil)
end`;
  const patchLua = `local n = 0
request = function()
  n = n + 1
  return wrk.format("PATCH", nil, nil, '{"description":"s' .. n .. '"}')
end`;
  const me = `${base}/v1/users/me`;
  const team = `${base}/v1/organizations/${f.org}/teams/${f.team}`;
  const writer = { authorization: `Bearer ${f.token}`, "content-type": "application/json" };

  /** Reads of every session, with `writers` connections PATCHing beside them (0: none). */
  async function readRun(writers: number, seconds = SECONDS) {
    const c0 = await product.cpu();
    const [r, w] = await Promise.all([
      wrk(me, { connections: 32, seconds, lua: readLua }),
      writers > 0
        ? wrk(team, { connections: writers, seconds, headers: writer, lua: patchLua })
        : undefined,
    ]);
    const c1 = await product.cpu();
    const requests = r.requests + (w?.requests ?? 0);
    if (r.non2xx + r.errors + (w ? w.non2xx + w.errors : 0) > 0) {
      throw new Error("bad answers in the sessions run");
    }
    return { reads: r.rps, writes: w?.rps ?? 0, us: cpuDelta(c0, c1) / Math.max(1, requests) };
  }
  async function helloRun(seconds = SECONDS) {
    const c0 = await hello.cpu();
    const r = await wrk(hello.url, { connections: 32, seconds });
    const c1 = await hello.cpu();
    return { rps: r.rps, us: cpuDelta(c0, c1) / Math.max(1, r.requests) };
  }

  // Warm-up: every session used once over HTTP, JIT, SQLite's page cache.
  await helloRun(1);
  await readRun(0, 2);
  await readRun(2, 1);
  console.log(
    `sessions: ${SESSIONS} distinct sessions reading users/me over 32 connections (wrk), ${SECONDS}s per run, ${ROUNDS} rounds, SQLite KV`,
  );
  console.log(
    "run | reads/s | writes/s | server µs/request | hello req/s | hello µs/req | ratio reads/s | ratio CPU",
  );
  const fmt = (n: number, d = 0) => n.toFixed(d);
  for (let round = 0; round < ROUNDS; round++) {
    for (const writers of [0, 2]) {
      const h = await helloRun();
      const r = await readRun(writers);
      console.log(
        `${writers === 0 ? "reads alone" : `reads + ${writers} PATCH connections`} | ${fmt(r.reads)} | ${fmt(r.writes)} | ${fmt(r.us, 1)} | ${fmt(h.rps)} | ${fmt(h.us, 1)} | ${fmt(r.reads / h.rps, 2)} | ${fmt(h.us / r.us, 2)}`,
      );
    }
  }
} finally {
  for (const p of processes) await p.stop();
  rmSync(dir, { recursive: true, force: true });
}
