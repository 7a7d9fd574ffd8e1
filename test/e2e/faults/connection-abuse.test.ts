/**
 * Connection abuse (issue 15, item 5): a real node (test/e2e/faults/load-node.ts, its own
 * process, `server.max_connections` 1000, `server.idle_timeout_s` 4) faces, all at once,
 * - 5,000 TCP connections that send nothing,
 * - 50 connections sending request headers one byte a second,
 * - 50 requests whose declared 1,000-byte body trickles one byte a second,
 * - 10 connections that pipeline 40 requests for the 400 KB OpenAPI document and never read,
 * while a normal client keeps asking `GET /v1/users/me` on a keep-alive connection. Asserted: every
 * normal request is answered 200 during the abuse (p99 with and without printed; docs/robustness.md
 * has the figures), answers carry `Connection: close` while the node holds more than
 * `max_connections` sockets and stop carrying it once they are gone, the server itself closes the
 * silent, slow-header and slow-body connections within its bounds (Bun's ~12 s header bound,
 * the idle timeout for bodies), and the node's memory stays bounded under the unread responses.
 */
import { afterAll, expect, test } from "bun:test";
import net from "node:net";
import { join } from "node:path";
import type { Subprocess } from "bun";
import { httpBaseOf } from "./node-process.ts";

const ENTRY = join(import.meta.dir, "load-node.ts");
const IDLE = 5_000;
const SLOW = 50;
const NON_READING = 10;
const MAX_CONNECTIONS = 1_000;
const IDLE_TIMEOUT_S = 4;
/** Bun's own bound on request headers is about 10 s in 4 s ticks (measured 12 s); margin for CI. */
const HEADER_BOUND_MS = 20_000;
/** A sanity bound, not a latency target (the figures are printed). */
const P99_SANITY_MS = 2_000;

let proc: Subprocess<"ignore", "pipe", "inherit"> | undefined;
const sockets: net.Socket[] = [];
const timers: ReturnType<typeof setInterval>[] = [];

afterAll(() => {
  for (const t of timers) clearInterval(t);
  for (const s of sockets) s.destroy();
  proc?.kill("SIGKILL");
});

async function startNode(overrides: object): Promise<{ base: string; pid: number }> {
  proc = Bun.spawn([process.execPath, ENTRY, JSON.stringify(overrides)], {
    stdin: "ignore",
    stdout: "pipe",
    stderr: "inherit",
  });
  return { base: await httpBaseOf(proc), pid: proc.pid };
}

/** The resident memory of a process in KB (`/proc/<pid>/status`). */
async function rssKb(pid: number): Promise<number> {
  const status = await Bun.file(`/proc/${pid}/status`).text();
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
}

interface Tracked {
  socket: net.Socket;
  openedAt: number;
  connected: boolean;
  closedAt?: number;
}

function open(port: number, onConnect?: (s: net.Socket) => void): Tracked {
  const socket = net.connect(port, "127.0.0.1");
  sockets.push(socket);
  const t: Tracked = { socket, openedAt: performance.now(), connected: false };
  socket.on("connect", () => {
    t.connected = true;
    onConnect?.(socket);
  });
  socket.on("error", () => {});
  socket.on("close", () => {
    t.closedAt ??= performance.now();
  });
  return t;
}

/** A trickle of one byte a second on `s` (stops when the socket closes). */
function trickle(s: net.Socket, byte: string) {
  const timer = setInterval(() => {
    if (s.destroyed || !s.writable) return clearInterval(timer);
    s.write(byte);
  }, 1000);
  timers.push(timer);
}

async function until(cond: () => boolean, ms: number, what: string) {
  const deadline = performance.now() + ms;
  while (!cond()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await Bun.sleep(100);
  }
}

interface Probe {
  statuses: Record<string, number>;
  closes: number;
  p50: number;
  p99: number;
  max: number;
}

/** `n` sequential authenticated reads (fetch keeps its connection alive unless told to close). */
async function probe(url: string, cookie: string, n: number): Promise<Probe> {
  const times: number[] = [];
  const statuses: Record<string, number> = {};
  let closes = 0;
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const r = await fetch(url, { headers: { cookie } });
    await r.arrayBuffer();
    times.push(performance.now() - t0);
    statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    if (r.headers.get("connection")?.toLowerCase() === "close") closes++;
  }
  times.sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round((times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0) * 100) / 100;
  return { statuses, closes, p50: at(0.5), p99: at(0.99), max: at(1) };
}

test("idle, slow and non-reading connections do not stop normal clients being served", async () => {
  const { base, pid } = await startNode({
    server: { max_connections: MAX_CONNECTIONS, idle_timeout_s: IDLE_TIMEOUT_S },
  });
  const port = Number(new URL(base).port);
  const reg = await fetch(`${base}/v1/auth/register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      name: "Abuse",
      email: "abuse@example.com",
      password: "correct horse battery staple",
    }),
  });
  expect(reg.status).toBe(201);
  const session = /infera_session=([^;]*)/.exec(reg.headers.get("set-cookie") ?? "")?.[1];
  expect(session).toBeTruthy();
  const cookie = `infera_session=${session}`;
  const me = `${base}/v1/users/me`;

  await probe(me, cookie, 50); // warm-up
  const quiet = await probe(me, cookie, 400);
  expect(quiet.statuses).toEqual({ "200": 400 });
  expect(quiet.closes).toBe(0);
  const rssBefore = await rssKb(pid);

  // The abuse, all at once.
  const idle = Array.from({ length: IDLE }, () => open(port));
  const slowHeaders = Array.from({ length: SLOW }, () =>
    open(port, (s) => {
      s.write("GET /v1/users/me HTTP/1.1\r\nHost: x\r\nX-Slow: ");
      trickle(s, "a");
    }),
  );
  const slowBodies = Array.from({ length: SLOW }, () =>
    open(port, (s) => {
      s.write(
        "POST /v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{",
      );
      trickle(s, " ");
    }),
  );
  const nonReading = Array.from({ length: NON_READING }, () =>
    open(port, (s) => {
      s.pause(); // never read: the node's writes back up
      s.write("GET /openapi.json HTTP/1.1\r\nHost: x\r\n\r\n".repeat(40));
    }),
  );
  await until(
    () => idle.every((t) => t.connected || t.closedAt !== undefined),
    30_000,
    "the idle connections",
  );
  const abuseStarted = performance.now();
  await Bun.sleep(1_500); // the connection watch samples every second

  const abused = await probe(me, cookie, 400);
  const rssDuring = await rssKb(pid);
  console.log(
    `connection abuse: p50/p99/max without ${quiet.p50}/${quiet.p99}/${quiet.max} ms, ` +
      `with ${IDLE} idle + ${SLOW} slow-header + ${SLOW} slow-body + ${NON_READING} non-reading ` +
      `${abused.p50}/${abused.p99}/${abused.max} ms; ${abused.closes}/400 answers closed the connection; ` +
      `node RSS ${Math.round(rssBefore / 1024)} → ${Math.round(rssDuring / 1024)} MB`,
  );
  expect(abused.statuses).toEqual({ "200": 400 });
  expect(abused.p99).toBeLessThan(P99_SANITY_MS);
  // More than max_connections sockets: keep-alive is off.
  expect(abused.closes).toBeGreaterThan(0);
  // Unread responses do not pile up in the node (40 × 400 KB × 10 would be 160 MB).
  expect(rssDuring - rssBefore).toBeLessThan(100 * 1024);

  // The server closes what it must: slow bodies at the idle timeout, slow and silent headers at
  // Bun's header bound.
  await until(
    () => [...idle, ...slowHeaders, ...slowBodies].every((t) => t.closedAt !== undefined),
    HEADER_BOUND_MS + 10_000,
    "the server to close the silent and slow connections",
  );
  const closedAfter = (ts: Tracked[]) =>
    Math.round(Math.max(...ts.map((t) => (t.closedAt ?? 0) - abuseStarted)));
  const bodyMax = Math.max(...slowBodies.map((t) => (t.closedAt ?? 0) - t.openedAt));
  const headerMax = Math.max(...slowHeaders.map((t) => (t.closedAt ?? 0) - t.openedAt));
  console.log(
    `closed by the server: slow bodies within ${Math.round(bodyMax)} ms of opening, slow headers within ${Math.round(headerMax)} ms, ` +
      `all silent ones ${closedAfter(idle)} ms after the abuse began`,
  );
  expect(bodyMax).toBeLessThan((IDLE_TIMEOUT_S + 6) * 1000);
  expect(headerMax).toBeLessThan(HEADER_BOUND_MS);

  // With those gone (the non-reading ten are still open) the node keeps connections alive again.
  for (const t of nonReading) t.socket.destroy();
  await Bun.sleep(1_500);
  const after = await probe(me, cookie, 100);
  expect(after.statuses).toEqual({ "200": 100 });
  expect(after.closes).toBe(0);
}, 90_000);
