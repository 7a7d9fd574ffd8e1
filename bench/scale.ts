/**
 * Cost as the data grows (issue 16 item 3, `bun run bench scale`): the same read routes on an
 * empty database and on a large one, the cold activation of the largest organization actor, and
 * the KV rows each request reads against what it returns. Prints tables, asserts nothing; every
 * non-2xx answer stops the run.
 *
 * - Empty database: what bench/support/product-process.ts sets up over its own HTTP API (one
 *   user, its default organization and one organization with a team and a vault; the user is its
 *   only member), plus one client with one certificate (so the JWKS has a key).
 * - Large database (bench/support/scale-seed.ts, written straight into the SQLite file with the
 *   domain's write builders): 10,000 organizations, 50,000 users, the largest organization at the
 *   largest tier and its limits (500 members, 100 teams, 500 vaults), 100 published client keys
 *   and 1,000,000 audit events (100,000 of them the largest organization's). The caller is the
 *   largest organization's OWNER, a member of 10 organizations (the per-user cap).
 * 1. Latency: each database served by the real node in its own process (product-process.ts),
 *    empty and large in turn per route, after a 1 s warm-up of each:
 *    - paced load (bench/support/scale-load.cjs, a Node process): SCALE_RATE (300) requests per
 *      second spread evenly, at most 32 connections, PACED_ROUNDS (2) rounds of PACED_SECONDS
 *      (4) per database alternating empty, large, empty, large (so a change of the machine's load
 *      falls on both), p50/p99 exact over the pooled answers. Aim: the large p99 within 1.5x of
 *      the empty p99;
 *    - autocannon `-R` at the same rate and 32 connections (bench/support/autocannon.ts),
 *      BENCH_SECONDS (5) per database, for comparison: it sends each second's requests as one
 *      burst (see scale-load.cjs), and its percentiles are whole milliseconds.
 * 2. Rows read per request: a node built in this process on each database over a backend that
 *    counts reads (bench/support/scale-counting.ts), sequential requests after a warm-up, the
 *    median per request; against the items the answer holds. "Data rows" are the rows beyond
 *    those of `GET /v1/users/me` on the same database (the session and the user); a request
 *    reads no more than it returns when its data rows stay within 2 per item returned (an index
 *    entry and its record) plus 10 fixed keys (organization record, owner key, counters). The list
 *    routes are counted again with `?limit=1`, the same answer size on both databases.
 * 3. Cold activation of the largest organization actor (bench/support/scale-actor.ts): 5 rounds
 *    of eviction then a first message, time and heap growth, with a 5-member organization of the
 *    same database for comparison.
 *
 * Runs in about 6 minutes on two cores, most of it the seeding (printed) and the latency runs.
 * SCALE_ORGS, SCALE_USERS, SCALE_EVENTS shrink the large database for a quick try.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { resolveConfig } from "../src/config/load.ts";
import { createSqliteBackend } from "../src/kv/backends/sqlite.ts";
import { silentLogger } from "../src/lib/log.ts";
import { buildNode } from "../src/main.ts";
import { fastHasher } from "../test/support/hasher.ts";
import { autocannon, findNode, type LoadResult } from "./support/autocannon.ts";
import { InboxMailer, json } from "./support/inbox.ts";
import { type ReportingProcess, startReportingProcess } from "./support/processes.ts";
import { coldActivations } from "./support/scale-actor.ts";
import { countingBackend, type ReadCounts, rowsRead } from "./support/scale-counting.ts";
import { type ScaleShape, seedLarge } from "./support/scale-seed.ts";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const RATE = Number(process.env.SCALE_RATE ?? 300);
const PACED_ROUNDS = 2;
const PACED_SECONDS = Number(process.env.SCALE_PACED_SECONDS ?? 4);
const CONNECTIONS = 32;
const AIM = 1.5;
/** Sequential requests per route and database for the rows count (after WARM_REQUESTS). */
const COUNT_REQUESTS = 25;
const WARM_REQUESTS = 5;
const ACTIVATION_ROUNDS = 5;
const SHAPE: ScaleShape = {
  orgs: Number(process.env.SCALE_ORGS ?? 10_000),
  users: Number(process.env.SCALE_USERS ?? 50_000),
  events: Number(process.env.SCALE_EVENTS ?? 1_000_000),
  largest: { members: 500, teams: 100, vaults: 500 },
  jwksOrgs: 100,
};
/** product-process.ts's `auth.key_encryption_secret`: seeded certificates open under it. */
const SECRET = "bench-secret-key-at-least-32-bytes-long!";
const PRODUCT = join(import.meta.dir, "support/product-process.ts");
const LOAD = join(import.meta.dir, "support/scale-load.cjs");
const BUN_FLAGS = ["--max-http-header-size=262144"];

interface Fixtures {
  token: string;
  user: string;
  org: string;
  team: string;
  vault: string;
}

interface Route {
  name: string;
  path: (f: Fixtures) => string;
  /** Items the answer holds (list entries, keys; 1 for a single resource). */
  items: (body: Record<string, unknown>) => number;
  /** Public route: no session sent. */
  public?: boolean;
  /** Counted in the rows table only (a page of one, the same answer size on both databases). */
  rowsOnly?: boolean;
}

const len = (key: string) => (b: Record<string, unknown>) => (b[key] as unknown[]).length;
const one = () => 1;
const ROUTES: Route[] = [
  { name: "GET /v1/users/me", path: () => "/v1/users/me", items: one },
  { name: "GET /v1/organizations/{org}", path: (f) => `/v1/organizations/${f.org}`, items: one },
  {
    name: "GET …/members",
    path: (f) => `/v1/organizations/${f.org}/members`,
    items: len("members"),
  },
  { name: "GET …/teams", path: (f) => `/v1/organizations/${f.org}/teams`, items: len("teams") },
  { name: "GET …/vaults", path: (f) => `/v1/organizations/${f.org}/vaults`, items: len("vaults") },
  {
    name: "GET …/vaults/{vault}",
    path: (f) => `/v1/organizations/${f.org}/vaults/${f.vault}`,
    items: one,
  },
  {
    name: "GET …/audit-logs",
    path: (f) => `/v1/organizations/${f.org}/audit-logs`,
    items: len("audit_logs"),
  },
  { name: "GET /v1/organizations", path: () => "/v1/organizations", items: len("organizations") },
  {
    name: "GET /.well-known/jwks.json",
    path: () => "/.well-known/jwks.json",
    items: len("keys"),
    public: true,
  },
  // Pages of one: what a list reads when the answer is the same size on both databases.
  ...(
    [
      ["members", "members"],
      ["teams", "teams"],
      ["vaults", "vaults"],
      ["audit-logs", "audit_logs"],
    ] as const
  ).map(([path, key]) => ({
    name: `GET …/${path}?limit=1`,
    path: (f: Fixtures) => `/v1/organizations/${f.org}/${path}?limit=1`,
    items: len(key),
    rowsOnly: true,
  })),
];
const LATENCY_ROUTES = ROUTES.filter((r) => !r.rowsOnly);

interface Latency {
  requests: number;
  p50: number;
  p99: number;
  max: number;
  statuses: Record<string, number>;
  non2xx: number;
  errors: number;
  /** Requests the load process sent more than 5 ms after their slot. */
  late: number;
  /** Every counted latency (ms). */
  latencies: number[];
}

/** Pools runs: percentiles over all their latencies (nearest rank). */
function pooled(runs: Latency[]) {
  const all = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const rank = (p: number) => all[Math.min(all.length - 1, Math.ceil(p * all.length) - 1)]!;
  return {
    requests: all.length,
    p50: rank(0.5),
    p99: rank(0.99),
    late: runs.reduce((n, r) => n + r.late, 0),
  };
}

/** One paced run of `url` (bench/support/scale-load.cjs); throws on any non-2xx answer. */
async function paced(url: string, headers: Record<string, string>, seconds: number) {
  const cfg = JSON.stringify({ url, headers, rate: RATE, connections: CONNECTIONS, seconds });
  const child = Bun.spawn([findNode(), LOAD, cfg], { stdout: "pipe", stderr: "pipe" });
  const [out, err, code] = await Promise.all([
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
    child.exited,
  ]);
  if (code !== 0 || !out.trim()) throw new Error(`load failed (${code}): ${err.slice(0, 500)}`);
  const r = JSON.parse(out) as Latency;
  if (r.non2xx + r.errors > 0) {
    throw new Error(
      `${url}: ${r.non2xx} non-2xx answers, ${r.errors} errors (${JSON.stringify(r.statuses)})`,
    );
  }
  return r;
}

/** One autocannon `-R` run of `url` (whole-millisecond p50/p99); throws on any non-2xx answer. */
async function autocannonRate(url: string, headers: Record<string, string>) {
  const h = Object.entries(headers).flatMap(([k, v]) => ["-H", `${k}=${v}`]);
  const r = await autocannon(url, ["-c", String(CONNECTIONS), "-R", String(RATE), ...h], SECONDS);
  if (r.non2xx + r.errors > 0) {
    throw new Error(`${url}: autocannon saw ${r.non2xx} non-2xx answers, ${r.errors} errors`);
  }
  return r;
}

const authOf = (f: Fixtures, r: Route): Record<string, string> =>
  r.public ? {} : { authorization: `Bearer ${f.token}` };

/** GETs `path` once; the JSON body (a non-2xx answer throws). */
async function getJson(base: string, path: string, headers: Record<string, string>) {
  return json(await fetch(`${base}${path}`, { headers }));
}

/** The product's configuration on `sqlite_path`, as product-process.ts builds it. */
function productConfig(sqlitePath: string) {
  return resolveConfig({
    environment: "test",
    server: { http_host: "127.0.0.1", http_port: 0, grpc_host: "127.0.0.1", grpc_port: 0 },
    storage: { backend: "sqlite", sqlite_path: sqlitePath },
    auth: { key_encryption_secret: SECRET, cookie_secure: false },
    rate_limiting: { enabled: false },
    cluster: { internal_port: 0, secret: "bench-cluster-secret" },
    observability: { log_level: "silent", json_logs: true },
  });
}

interface RowsOfRoute {
  reads: ReadCounts;
  rows: number;
  items: number;
}

/**
 * Rows read per request on the database at `path`: a node built here over a counting backend;
 * for each route WARM_REQUESTS uncounted requests (activations, caches), then COUNT_REQUESTS
 * counted ones, one at a time; the median request (by rows read).
 */
async function rowsPerRequest(path: string, f: Fixtures): Promise<RowsOfRoute[]> {
  const counted = countingBackend(createSqliteBackend({ path }));
  const node = await buildNode({
    config: productConfig(path),
    log: silentLogger,
    hasher: fastHasher,
    mailer: new InboxMailer(),
    kvBackend: counted.backend,
  });
  const base = `http://127.0.0.1:${node.httpPort}`;
  try {
    const out: RowsOfRoute[] = [];
    for (const route of ROUTES) {
      const headers = authOf(f, route);
      for (let i = 0; i < WARM_REQUESTS; i++) await getJson(base, route.path(f), headers);
      const samples: RowsOfRoute[] = [];
      for (let i = 0; i < COUNT_REQUESTS; i++) {
        counted.take();
        counted.counting = true;
        const body = await getJson(base, route.path(f), headers);
        counted.counting = false;
        const reads = counted.take();
        samples.push({ reads, rows: rowsRead(reads), items: route.items(body) });
      }
      samples.sort((a, b) => a.rows - b.rows);
      out.push(samples[Math.floor(samples.length / 2)]!);
    }
    return out;
  } finally {
    await node.stop();
  }
}

const fmt = (n: number, d = 2) => (Number.isFinite(n) ? n.toFixed(d) : "-");
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

const dir = mkdtempSync(join(tmpdir(), "inferadb-bench-scale-"));
const emptyPath = join(dir, "empty.sqlite");
const largePath = join(dir, "large.sqlite");
const processes: ReportingProcess<unknown>[] = [];
try {
  console.log(
    `scale: ${new Date().toISOString()}; paced load at ${RATE} req/s over at most ${CONNECTIONS} connections ` +
      `(${PACED_ROUNDS} x ${PACED_SECONDS} s per database and route) and autocannon -R (${SECONDS} s), ` +
      "each from a Node process; each database served by the product in its own process, SQLite KV",
  );

  // The large database, seeded directly.
  const large = await seedLarge(largePath, SHAPE, SECRET);
  console.log(
    `seeded the large database in ${fmt(large.seconds, 1)} s: ${SHAPE.orgs} organizations, ` +
      `${SHAPE.users} users, ${SHAPE.events} audit events (${large.largestEvents} of the largest ` +
      `organization), largest organization ${SHAPE.largest.members} members / ${SHAPE.largest.teams} ` +
      `teams / ${SHAPE.largest.vaults} vaults at TIER_MAX_V1, ${SHAPE.jwksOrgs} published keys; ` +
      `${large.mutations} mutations in ${large.commits} transactions`,
  );

  // The empty database, set up by the product over HTTP, plus one client certificate.
  const emptyNode = await startReportingProcess<Fixtures & { port: number }>(
    PRODUCT,
    JSON.stringify({ sqlite_path: emptyPath }),
    BUN_FLAGS,
  );
  processes.push(emptyNode);
  const empty: Fixtures = emptyNode.info;
  const emptyBase = `http://127.0.0.1:${emptyNode.info.port}`;
  {
    const headers = { authorization: `Bearer ${empty.token}`, "content-type": "application/json" };
    const post = async (path: string, body: object) =>
      json(
        await fetch(`${emptyBase}${path}`, { method: "POST", headers, body: JSON.stringify(body) }),
      );
    const client = (await post(`/v1/organizations/${empty.org}/clients`, { name: "scale client" }))
      .client as { id: string };
    await post(`/v1/organizations/${empty.org}/clients/${client.id}/certificates`, {
      name: "scale certificate",
    });
  }

  const largeNode = await startReportingProcess<{ port: number }>(
    PRODUCT,
    JSON.stringify({ sqlite_path: largePath, setup: false }),
    BUN_FLAGS,
  );
  processes.push(largeNode);
  const largeBase = `http://127.0.0.1:${largeNode.info.port}`;
  const largeF: Fixtures = large;

  // 1. Latency at a fixed rate, empty and large in turn.
  const sides = [
    { name: "empty", base: emptyBase, f: empty },
    { name: "large", base: largeBase, f: largeF },
  ] as const;
  interface RouteLatency {
    empty: ReturnType<typeof pooled>;
    large: ReturnType<typeof pooled>;
    burstEmpty: LoadResult;
    burstLarge: LoadResult;
    itemsEmpty: number;
    itemsLarge: number;
  }
  const latency: RouteLatency[] = [];
  for (const route of LATENCY_ROUTES) {
    const url = (s: (typeof sides)[number]) => `${s.base}${route.path(s.f)}`;
    const items: number[] = [];
    for (const s of sides) {
      items.push(route.items(await getJson(s.base, route.path(s.f), authOf(s.f, route))));
      await paced(url(s), authOf(s.f, route), 1);
    }
    const runs: Record<"empty" | "large", Latency[]> = { empty: [], large: [] };
    for (let round = 0; round < PACED_ROUNDS; round++) {
      for (const s of sides)
        runs[s.name].push(await paced(url(s), authOf(s.f, route), PACED_SECONDS));
    }
    const [e, l] = sides;
    latency.push({
      empty: pooled(runs.empty),
      large: pooled(runs.large),
      burstEmpty: await autocannonRate(url(e), authOf(e.f, route)),
      burstLarge: await autocannonRate(url(l), authOf(l.f, route)),
      itemsEmpty: items[0]!,
      itemsLarge: items[1]!,
    });
  }
  for (const p of processes.splice(0)) await p.stop();

  console.log(
    `\n1. latency at ${RATE} req/s, paced, ${PACED_ROUNDS} x ${PACED_SECONDS} s per database ` +
      "(ms; items = entries in the answer, empty / large); " +
      `aim: large p99 ≤ ${AIM}x empty p99. Last column: autocannon -R, same rate, ${SECONDS} s (one burst a second, whole ms)`,
  );
  console.log(
    "route | items | empty p50/p99 | large p50/p99 | p50 ratio | p99 ratio | within 1.5x? | autocannon p99 empty/large",
  );
  LATENCY_ROUTES.forEach((route, i) => {
    const r = latency[i]!;
    const ratio = r.large.p99 / r.empty.p99;
    console.log(
      `${route.name} | ${r.itemsEmpty} / ${r.itemsLarge} | ${fmt(r.empty.p50)}/${fmt(r.empty.p99)} | ` +
        `${fmt(r.large.p50)}/${fmt(r.large.p99)} | ${fmt(r.large.p50 / r.empty.p50)} | ${fmt(ratio)} | ` +
        `${ratio <= AIM ? "yes" : "NO"} | ${r.burstEmpty.p99}/${r.burstLarge.p99}`,
    );
  });
  const late = latency.reduce((n, r) => n + r.empty.late + r.large.late, 0);
  const sentTotal = latency.reduce((n, r) => n + r.empty.requests + r.large.requests, 0);
  if (late > 0) console.log(`(the load process sent ${late} of ${sentTotal} requests > 5 ms late)`);

  // 2. Rows read per request.
  const rowsEmpty = await rowsPerRequest(emptyPath, empty);
  const rowsLarge = await rowsPerRequest(largePath, largeF);
  console.log(
    `\n2. KV rows read per request (median of ${COUNT_REQUESTS} sequential requests, in-process node; ` +
      "rows = values found by point reads + rows returned by range reads; data rows = rows − those of GET /v1/users/me)",
  );
  console.log(
    "route | empty rows (gets/ranges) / items | large rows (gets/ranges) / items | large data rows per item | reads ≤ what it returns?",
  );
  const authEmpty = rowsEmpty[0]!.rows;
  const authLarge = rowsLarge[0]!.rows;
  ROUTES.forEach((route, i) => {
    const e = rowsEmpty[i]!;
    const l = rowsLarge[i]!;
    const data = i === 0 ? 0 : l.rows - authLarge;
    const bounded = data <= 2 * l.items + 10;
    const cell = (r: RowsOfRoute) => `${r.rows} (${r.reads.points}/${r.reads.ranges}) / ${r.items}`;
    console.log(
      `${route.name} | ${cell(e)} | ${cell(l)} | ${fmt(data / Math.max(1, l.items))} | ` +
        `${bounded ? "yes" : `NO: ${data} data rows for ${l.items} items`}`,
    );
  });
  console.log(`(authentication alone: ${authEmpty} rows empty, ${authLarge} rows large)`);

  // 3. Cold activation of the largest organization actor.
  const [big, small] = await coldActivations(
    largePath,
    [
      { orgId: large.org, userId: large.user },
      { orgId: large.smallOrg, userId: large.smallOrgOwner },
    ],
    ACTIVATION_ROUNDS,
  );
  console.log(
    `\n3. cold activation of an organization actor (${ACTIVATION_ROUNDS} rounds of eviction + first message, ` +
      "main thread; heap = growth after full collections while the actor is active)",
  );
  console.log("organization | rows loaded | first message ms (median / max) | heap (median / max)");
  for (const [name, r] of [
    [
      `largest (${SHAPE.largest.members} members, ${SHAPE.largest.teams} teams, ${SHAPE.largest.vaults} vaults)`,
      big!,
    ],
    ["small (5 members, 1 team, 1 vault)", small!],
  ] as const) {
    console.log(
      `${name} | ${rowsRead(r.reads)} | ${fmt(median(r.ms))} / ${fmt(Math.max(...r.ms))} | ` +
        `${kb(median(r.heapBytes))} / ${kb(Math.max(...r.heapBytes))}`,
    );
  }
} finally {
  for (const p of processes) await p.stop();
  rmSync(dir, { recursive: true, force: true });
}
