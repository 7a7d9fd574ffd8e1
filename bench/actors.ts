/**
 * Actor runtime benchmark (`bun run bench actors`): prints figures and ratios, asserts nothing.
 *
 *   per-actor throughput   one actor, increments persisted on SQLite (group commit), and read-only
 *                          turns (`get`: in-memory state, one fenced owner read per batch)
 *   multi-actor load       64 actors at once, persisted and read-only, with `workers: 0` and `1`
 *   cold activation        p50/p99 of the first message to a never-seen actor (claim + load + turn)
 *   memory per idle actor  heap growth per activation held, main thread (`workers: 0`)
 *   crash failover         `--failover`: 20 SIGKILLs of the owner in a 3-process cluster on one
 *                          SQLite file (test/cluster/failover-support.ts); p50/p99/max ms until the
 *                          actor answers again from another node
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createMemoryBackend } from "../src/kv/backends/memory.ts";
import { createSqliteBackend } from "../src/kv/backends/sqlite.ts";
import type { KvBackend } from "../src/kv/types.ts";
import { startBenchRuntime } from "./support/runtime.ts";

const dir = mkdtempSync(join(tmpdir(), "bench-actors-"));
let dbCount = 0;

async function startNode(backend: "sqlite" | "memory", workers: number) {
  const kvBackend: KvBackend =
    backend === "sqlite"
      ? createSqliteBackend({ path: join(dir, `b${dbCount++}.db`) })
      : createMemoryBackend();
  const node = await startBenchRuntime(kvBackend, { workers });
  return { client: node.runtime.client, stop: node.stop };
}

type Client = Awaited<ReturnType<typeof startNode>>["client"];

/** Sends `total` messages keeping `window` in flight; returns messages per second. */
async function load(
  client: Client,
  total: number,
  window: number,
  pick: (i: number) => { id: string; type: string },
): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  const lane = async () => {
    while (next < total) {
      const { id, type } = pick(next++);
      await client.ask("counter", id, { type });
    }
  };
  await Promise.all(Array.from({ length: window }, lane));
  return total / ((performance.now() - t0) / 1000);
}

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;

async function perActor(backend: "sqlite" | "memory", workers: number) {
  const node = await startNode(backend, workers);
  await node.client.ask("counter", "1", { type: "get" });
  await load(node.client, 2000, 64, () => ({ id: "1", type: "increment" })); // warm-up
  const persisted = await load(node.client, 20_000, 256, () => ({ id: "1", type: "increment" }));
  const sequential = await load(node.client, 2_000, 1, () => ({ id: "1", type: "increment" }));
  const reads = await load(node.client, 50_000, 256, () => ({ id: "1", type: "get" }));
  await node.stop();
  return { persisted, sequential, reads };
}

async function multiActor(workers: number) {
  const node = await startNode("sqlite", workers);
  const ids = Array.from({ length: 64 }, (_, i) => String(i + 1));
  await Promise.all(ids.map((id) => node.client.ask("counter", id, { type: "get" })));
  await load(node.client, 4000, 256, (i) => ({ id: ids[i % 64]!, type: "increment" }));
  const persisted = await load(node.client, 20_000, 256, (i) => ({
    id: ids[i % 64]!,
    type: "increment",
  }));
  const reads = await load(node.client, 50_000, 256, (i) => ({ id: ids[i % 64]!, type: "get" }));
  await node.stop();
  return { persisted, reads };
}

async function coldActivation(workers: number) {
  const node = await startNode("sqlite", workers);
  // Give half of the actors stored state so `load` reads something.
  for (let i = 0; i < 500; i += 2) await node.client.ask("counter", `c${i}`, { type: "increment" });
  const node2 = node; // same process: evictions are not needed, fresh ids are cold
  const lat: number[] = [];
  for (let i = 0; i < 1000; i++) {
    const t0 = performance.now();
    await node2.client.ask("counter", `cold-${i}`, { type: "get" });
    lat.push(performance.now() - t0);
  }
  lat.sort((a, b) => a - b);
  await node.stop();
  return { p50: pct(lat, 0.5), p99: pct(lat, 0.99) };
}

async function memoryPerActor() {
  const node = await startNode("memory", 0);
  const n = 20_000;
  await node.client.ask("counter", "warm", { type: "get" });
  Bun.gc(true);
  const before = process.memoryUsage();
  for (let i = 0; i < n; i += 500) {
    await Promise.all(
      Array.from({ length: 500 }, (_, j) =>
        node.client.ask("counter", `m${i + j}`, { type: "get" }),
      ),
    );
  }
  Bun.gc(true);
  const after = process.memoryUsage();
  await node.stop();
  return {
    heapPerActor: (after.heapUsed - before.heapUsed) / n,
    rssPerActor: (after.rss - before.rss) / n,
  };
}

try {
  console.log("actor runtime benchmark (figures, not assertions)");
  const mem0 = await perActor("memory", 0);
  const sql0 = await perActor("sqlite", 0);
  const sql1 = await perActor("sqlite", 1);
  console.log(
    `per-actor, workers 0: persisted turns (SQLite) ${fmt(sql0.persisted)} msg/s (aim ≥ 1000, ratio ${(sql0.persisted / 1000).toFixed(1)}x); ` +
      `one caller at a time ${fmt(sql0.sequential)} msg/s; read-only turns (SQLite) ${fmt(sql0.reads)} msg/s, (memory KV) ${fmt(mem0.reads)} msg/s (aim ≥ 20000, ratio ${(mem0.reads / 20000).toFixed(2)}x)`,
  );
  console.log(
    `per-actor, workers 1: persisted ${fmt(sql1.persisted)} msg/s, read-only ${fmt(sql1.reads)} msg/s ` +
      `(vs workers 0: ${(sql1.persisted / sql0.persisted).toFixed(2)}x, ${(sql1.reads / sql0.reads).toFixed(2)}x)`,
  );
  const m0 = await multiActor(0);
  const m1 = await multiActor(1);
  console.log(
    `64 actors, workers 0: persisted ${fmt(m0.persisted)} msg/s, read-only ${fmt(m0.reads)} msg/s; ` +
      `workers 1: persisted ${fmt(m1.persisted)} msg/s, read-only ${fmt(m1.reads)} msg/s ` +
      `(workers 1 / workers 0: ${(m1.persisted / m0.persisted).toFixed(2)}x, ${(m1.reads / m0.reads).toFixed(2)}x)`,
  );
  const c0 = await coldActivation(0);
  const c1 = await coldActivation(1);
  console.log(
    `cold activation (SQLite): workers 0 p50 ${c0.p50.toFixed(2)} ms p99 ${c0.p99.toFixed(2)} ms; ` +
      `workers 1 p50 ${c1.p50.toFixed(2)} ms p99 ${c1.p99.toFixed(2)} ms (aim ≤ 5 / 25 ms)`,
  );
  const mem = await memoryPerActor();
  console.log(
    `idle actor memory (workers 0): heap ${(mem.heapPerActor / 1024).toFixed(2)} KB/actor, ` +
      `rss ${(mem.rssPerActor / 1024).toFixed(2)} KB/actor (aim ≤ 20 KB)`,
  );
  if (process.argv.includes("--failover")) {
    const { measureFailover } = await import("../test/cluster/failover-support.ts");
    // `--default-timings`: the shipped heartbeat/fence/suspect (1000/3500/5000 ms) instead of the
    // tests' short ones (200/700/1000 ms).
    const defaultTimings = process.argv.includes("--default-timings");
    const f = await measureFailover(20, { defaultTimings });
    console.log(
      `crash failover over ${f.samples.length} kills (${defaultTimings ? "default" : "test"} timings): p50 ${f.p50} ms p99 ${f.p99} ms max ${f.max} ms (aim p99 ≤ 8000 ms)`,
    );
  } else {
    console.log("crash failover: run `bun bench/actors.ts --failover` (20 kills, about a minute)");
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
