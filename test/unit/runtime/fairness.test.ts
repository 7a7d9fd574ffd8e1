/**
 * Event-loop fairness of the actor host with the main-thread executor (`workers: 0`, the default)
 * on SQLite, whose reads are synchronous and whose group commit runs in a microtask: a drain loop
 * fed by in-process callers that ask again as soon as they are answered never leaves the
 * microtask queue unless the host yields. These tests prove it yields: timers run during a
 * sustained load, the heartbeat keeps flowing and the node never fences itself.
 */
import { afterEach, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSqliteBackend } from "../../../src/kv/backends/sqlite.ts";
import { createKvStore } from "../../../src/kv/store.ts";
import type { KvStore } from "../../../src/kv/types.ts";
import { FakeClock, systemClock } from "../../../src/lib/clock.ts";
import { directHost, startTestNode, type TestNode } from "./support.ts";

const CALLERS = 64;

describe("actor host fairness (workers: 0, SQLite)", () => {
  let node: TestNode | undefined;
  let kv: KvStore | undefined;
  let dir: string | undefined;

  async function start(heartbeatMs?: number) {
    dir = mkdtempSync(join(tmpdir(), "infera-fair-"));
    kv = createKvStore(createSqliteBackend({ path: join(dir, "kv.db") }), { clock: systemClock });
    node = await startTestNode({
      kv,
      clock: systemClock,
      workers: 0,
      nodeId: "n1",
      capacity: 1000,
      ...(heartbeatMs ? { heartbeatMs } : {}),
    });
    return node;
  }

  afterEach(async () => {
    await node?.stop();
    await kv?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    node = undefined;
    kv = undefined;
    dir = undefined;
  });

  test("a timer due during a sustained in-process load fires before the load ends", async () => {
    const n = await start();
    const client = n.runtime.client;
    await client.ask("probe", "hot", { type: "append", v: 0 });
    const perCaller = 40;
    let done = 0;
    let doneWhenTimerFired = -1;
    setTimeout(() => {
      doneWhenTimerFired = done;
    }, 0);
    await Promise.all(
      Array.from({ length: CALLERS }, async () => {
        for (let i = 0; i < perCaller; i++) {
          await client.ask("probe", "hot", { type: "append", v: 1 });
          done++;
        }
      }),
    );
    expect(done).toBe(CALLERS * perCaller);
    // Without yielding, the timer fires only once every caller is finished.
    expect(doneWhenTimerFired).toBeGreaterThanOrEqual(0);
    expect(doneWhenTimerFired).toBeLessThan(CALLERS * perCaller);
  });

  test("refusals reach a caller that retries at once only after the event loop turned", async () => {
    const n = await start();
    const client = n.runtime.client;
    await n.runtime.host.stop(); // refuses every message with NODE_UNAVAILABLE from now on
    let refused = 0;
    let refusedWhenTimerFired = -1;
    setTimeout(() => {
      refusedWhenTimerFired = refused;
    }, 0);
    while (refusedWhenTimerFired < 0 && refused < 100_000) {
      await client.ask("probe", "hot", { type: "get" }).catch(() => undefined);
      refused++;
    }
    expect(refusedWhenTimerFired).toBeGreaterThanOrEqual(0);
    expect(refused).toBeLessThan(100_000);
  });

  test("under sustained load the heartbeat keeps flowing and the node never fences itself", async () => {
    // heartbeat 200 ms, fence 2 s: a loop that starves timers fences the node within 2 s (the
    // load below lasts up to 10 s when the heartbeat does not move).
    const n = await start(200);
    const client = n.runtime.client;
    let fenced = 0;
    const off = n.cluster.on("fenced", () => fenced++);
    const heartbeat = () => n.cluster.members().find((m) => m.self)?.heartbeat ?? 0;
    const first = heartbeat();
    const errors = new Map<string, number>();
    let ok = 0;
    // Load until the node's own heartbeat counter moved 8 times (about 1.6 s), at most 10 s.
    const giveUp = performance.now() + 10_000;
    await Promise.all(
      Array.from({ length: CALLERS }, async () => {
        while (heartbeat() - first < 8 && performance.now() < giveUp) {
          try {
            await client.ask("probe", "hot", { type: "append", v: 1 });
            ok++;
          } catch (e) {
            const code = (e as { code?: string }).code ?? String(e);
            errors.set(code, (errors.get(code) ?? 0) + 1);
          }
        }
      }),
    );
    off();
    expect([...errors]).toEqual([]);
    expect(fenced).toBe(0);
    expect(n.cluster.isFenced()).toBe(false);
    expect(heartbeat() - first).toBeGreaterThanOrEqual(8);
    expect(ok).toBeGreaterThan(CALLERS);
  }, 20_000);

  test("a sweep evicting many idle actors lets a due timer run before it ends", async () => {
    dir = mkdtempSync(join(tmpdir(), "infera-fair-"));
    kv = createKvStore(createSqliteBackend({ path: join(dir, "kv.db") }), { clock: systemClock });
    const clock = new FakeClock();
    const { host } = directHost(kv, clock, { idleMs: 1000 });
    const count = 200;
    await Promise.all(
      Array.from({ length: count }, (_, i) =>
        host.deliver({ kind: "probe", id: `idle${i}` }, { type: "get" }, { deadline: 10_000 }),
      ),
    );
    clock.advance(2000);
    let evictedWhenTimerFired = -1;
    setTimeout(() => {
      evictedWhenTimerFired = count - host.size;
    }, 0);
    const evicted = await host.evictIdle();
    expect(evicted).toBe(count);
    expect(evictedWhenTimerFired).toBeGreaterThanOrEqual(0);
    expect(evictedWhenTimerFired).toBeLessThan(count);
    await host.stop();
  });
});
