/**
 * A writer waiting for another process's SQLite write lock must not freeze its own event loop:
 * bun:sqlite waits for the lock synchronously, so the backend keeps `busy_timeout` short and the
 * KvStore retries SQLITE_BUSY (a retryable conflict) with asynchronous backoff. Heartbeats, reads
 * and timers keep running while the lock is held elsewhere.
 */
import { afterEach, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSqliteBackend } from "../../../src/kv/backends/sqlite.ts";
import { Subspace } from "../../../src/kv/keyspace.ts";
import { createKvStore } from "../../../src/kv/store.ts";
import { systemClock } from "../../../src/lib/clock.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

test("while another process holds the write lock, timers still run and the write lands after", async () => {
  const dir = mkdtempSync(join(tmpdir(), "kv-lock-"));
  dirs.push(dir);
  const path = join(dir, "db.sqlite");
  const backend = createSqliteBackend({ path });
  const kv = createKvStore(backend, { clock: systemClock });
  const sp = new Subspace(["lock-test"]);
  await kv.transact(async (tx) => tx.set(sp.key("k"), Uint8Array.of(0)));

  // A second process takes the write lock and keeps it for 0.6 s (under LOCKED_UNAVAILABLE_MS:
  // the write waits asynchronously and lands; a longer hold fails writes fast, test below).
  const holder = Bun.spawn(
    [
      process.execPath,
      "-e",
      `const { Database } = require("bun:sqlite");
       const db = new Database(${JSON.stringify(path)});
       db.run("BEGIN IMMEDIATE");
       console.log("locked");
       Bun.sleepSync(600);
       db.run("COMMIT");`,
    ],
    { stdout: "pipe", stderr: "inherit" },
  );
  const reader = holder.stdout.getReader();
  const first = await reader.read();
  expect(new TextDecoder().decode(first.value)).toContain("locked");

  const order: string[] = [];
  const timer = new Promise<void>((resolve) =>
    setTimeout(() => {
      order.push("timer");
      resolve();
    }, 50),
  );
  const write = kv
    .transact(async (tx) => tx.set(sp.key("k"), Uint8Array.of(1)))
    .then(() => order.push("write"));
  await Promise.all([timer, write]);
  await holder.exited;

  // With a long synchronous busy wait the write would finish first and the timer only after it.
  expect(order).toEqual(["timer", "write"]);
  const v = await kv.transact(async (tx) => tx.get(sp.key("k")));
  expect(v).toEqual(Uint8Array.of(1));
  await kv.close();
});

/**
 * Issue 9 item 11: a real second process holds `BEGIN IMMEDIATE` for 15 s under a node's KV store
 * and cluster membership (default timings). No SQLite wait may stall the event loop for more than
 * a few ms; reads keep being answered; writes fail fast as `unavailable` (503 + Retry-After over
 * HTTP and gRPC UNAVAILABLE); the heartbeat cannot write, so after `fence_ms` the node fences
 * itself (by design: it cannot prove it is alive, docs/cluster.md) and re-joins by itself once
 * the lock is released.
 */
test("a 15 s foreign write lock: no event-loop stall, reads served, writes 503, recovery by itself", async () => {
  const { createClusterNode } = await import("../../../src/cluster/node.ts");
  const { createLogger } = await import("../../../src/lib/log.ts");
  const { toPublic } = await import("../../../src/lib/errors.ts");
  const { HealthRegistry } = await import("../../../src/lib/health.ts");
  const dir = mkdtempSync(join(tmpdir(), "kv-lock15-"));
  dirs.push(dir);
  const path = join(dir, "db.sqlite");
  const kv = createKvStore(createSqliteBackend({ path }), { clock: systemClock });
  const health = new HealthRegistry();
  const node = createClusterNode({
    kv,
    clock: systemClock,
    log: createLogger({ level: "silent" }),
    config: { node_id: "locked", advertise_address: "127.0.0.1", internal_port: 1 },
    health,
  });
  await node.start();
  const sp = new Subspace(["lock15"]);
  await kv.transact(async (tx) => tx.set(sp.key("k"), Uint8Array.of(7)));

  const HOLD_MS = 15_000;
  const holder = Bun.spawn(
    [
      process.execPath,
      "-e",
      `const { Database } = require("bun:sqlite");
       const db = new Database(${JSON.stringify(path)});
       db.run("BEGIN IMMEDIATE");
       console.log("locked");
       Bun.sleepSync(${HOLD_MS});
       db.run("COMMIT");
       console.log("released");`,
    ],
    { stdout: "pipe", stderr: "inherit" },
  );
  const reader = holder.stdout.getReader();
  expect(new TextDecoder().decode((await reader.read()).value)).toContain("locked");
  const lockedAt = performance.now();

  // Event-loop stall monitor: the largest lateness of a 5 ms interval timer.
  let maxStall = 0;
  let last = performance.now();
  const monitor = setInterval(() => {
    const now = performance.now();
    maxStall = Math.max(maxStall, now - last - 5);
    last = now;
  }, 5);

  let reads = 0;
  let readFailures = 0;
  const writes: { at: number; ms: number; code: string }[] = [];
  let fencedSeen = false;
  let notReadySeen = false;
  while (performance.now() - lockedAt < HOLD_MS - 500) {
    const r0 = performance.now();
    try {
      const v = await kv.transact((tx) => tx.snapshot.get(sp.key("k")));
      expect(v).toEqual(Uint8Array.of(7));
      reads++;
    } catch {
      readFailures++;
    }
    expect(performance.now() - r0).toBeLessThan(100);
    if (reads % 5 === 0) {
      const w0 = performance.now();
      try {
        await kv.transact(async (tx) => tx.set(sp.key("w"), Uint8Array.of(1)));
        writes.push({ at: w0 - lockedAt, ms: performance.now() - w0, code: "ok" });
      } catch (e) {
        writes.push({
          at: w0 - lockedAt,
          ms: performance.now() - w0,
          code: (e as { code: string }).code,
        });
        if (w0 - lockedAt > 2000) {
          const pub = toPublic(e);
          expect(pub.status).toBe(503);
          expect(pub.retryAfterSeconds).toBe(1);
        }
      }
    }
    if (node.isFenced()) fencedSeen = true;
    if (health.notReady().length > 0) notReadySeen = true;
    await Bun.sleep(100);
  }
  const released = (async () => {
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done || new TextDecoder().decode(chunk.value).includes("released")) return;
    }
  })();
  await released;
  const releasedAt = performance.now();
  // Recovery by itself: a write lands and the node re-joined (not fenced, ready) within 3 s.
  let recoveredMs = Number.POSITIVE_INFINITY;
  while (performance.now() - releasedAt < 5000) {
    try {
      await kv.transact(async (tx) => tx.set(sp.key("w"), Uint8Array.of(2)));
      if (!node.isFenced() && health.notReady().length === 0) {
        recoveredMs = performance.now() - releasedAt;
        break;
      }
    } catch {
      // still recovering
    }
    await Bun.sleep(50);
  }
  clearInterval(monitor);
  await holder.exited;
  console.log(
    `foreign lock ${HOLD_MS} ms: longest event-loop stall ${maxStall.toFixed(1)} ms, ${reads} reads (${readFailures} failed), ` +
      `${writes.length} writes (${writes.filter((w) => w.code === "ok").length} ok, slowest ${Math.max(...writes.map((w) => w.ms)).toFixed(0)} ms), ` +
      `recovered ${recoveredMs.toFixed(0)} ms after release`,
  );
  // A synchronous busy wait would stall the loop for whole busy_timeouts (250 ms each before the
  // fix, measured ~500 ms); the asynchronous waits measure ~5 ms alone. The bound is loose on
  // purpose: the full suite shares two cores, and only the synchronous design can exceed it.
  expect(maxStall).toBeLessThan(200);
  expect(readFailures).toBe(0);
  expect(reads).toBeGreaterThan(50);
  // Past the first second of the lock, every write fails at once as `unavailable`.
  const late = writes.filter((w) => w.at > 1500);
  expect(late.length).toBeGreaterThan(10);
  for (const w of late) {
    expect(w.code).toBe("unavailable");
    expect(w.ms).toBeLessThan(250);
  }
  // The heartbeat could not write for longer than fence_ms: fenced (and not ready), then back.
  expect(fencedSeen).toBe(true);
  expect(notReadySeen).toBe(true);
  expect(recoveredMs).toBeLessThan(3000);
  await node.stop();
  await kv.close();
}, 40_000);
