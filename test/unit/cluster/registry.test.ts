/**
 * Node registry over the memory backend and a fake clock: transactional worker ids, re-use and
 * release, the dead declaration's compare-and-set, observer-relative suspicion, self-fencing.
 */
import { expect, test } from "bun:test";
import { ClusterKeys, NodeRecordCodec, WorkerClaimCodec } from "../../../src/cluster/keys.ts";
import { declareDead, pickWorkerId, readNode } from "../../../src/cluster/records.ts";
import { NodeRegistry } from "../../../src/cluster/registry.ts";
import { DEFAULT_TIMINGS } from "../../../src/cluster/types.ts";
import type { KvStore } from "../../../src/kv/types.ts";
import { SnowflakeGenerator } from "../../../src/lib/ids.ts";
import { silentLogger } from "../../../src/lib/log.ts";
import { type Env, memoryEnv } from "./support.ts";

function registry(env: Env, nodeId: string, kv: KvStore = env.kv, ids?: SnowflakeGenerator) {
  return new NodeRegistry({
    kv,
    clock: env.clock,
    log: silentLogger,
    timings: DEFAULT_TIMINGS,
    nodeId,
    address: `127.0.0.1:${nodeId.length}`,
    ...(ids ? { ids } : {}),
  });
}

async function claims(kv: KvStore) {
  return kv.transact(async (tx) => {
    const [b, e] = ClusterKeys.workers.range();
    return (await tx.getRange(b, e)).map((r) => ({
      id: ClusterKeys.workers.unpack(r.key)[0] as number,
      ...WorkerClaimCodec.decode(r.value),
    }));
  });
}

/** Node ids that all prefer the same worker id on an empty cluster. */
function colliding(n: number): string[] {
  const target = pickWorkerId(new Set(), "c-0");
  const out = ["c-0"];
  for (let i = 1; out.length < n; i++)
    if (pickWorkerId(new Set(), `c-${i}`) === target) out.push(`c-${i}`);
  return out;
}

test("concurrent registrations that prefer the same worker id all get distinct ones", async () => {
  const env = memoryEnv();
  const regs = colliding(8).map((id) => registry(env, id));
  const selves = await env.run(Promise.all(regs.map((r) => r.register())));
  expect(new Set(selves.map((s) => s.workerId)).size).toBe(8);
  expect(new Set(selves.map((s) => s.incarnation)).size).toBe(8);
  const stored = await claims(env.kv);
  expect(stored.length).toBe(8);
  for (const s of selves) {
    expect(stored).toContainEqual({ id: s.workerId, nodeId: s.nodeId, incarnation: s.incarnation });
  }
});

test("registration survives unknown commit results without taking two ids", async () => {
  const env = memoryEnv();
  env.backend.faults.unknownResultNextCommit({ applied: true });
  const me = await env.run(registry(env, "u1").register());
  expect(await claims(env.kv)).toEqual([
    { id: me.workerId, nodeId: "u1", incarnation: me.incarnation },
  ]);
});

test("re-registering keeps the worker id, takes a new incarnation and updates the generator", async () => {
  const env = memoryEnv();
  const ids = new SnowflakeGenerator({ workerId: 0, clock: env.clock });
  const r = registry(env, "again", env.kv, ids);
  const a = await r.register();
  const b = await r.register();
  expect(b.workerId).toBe(a.workerId);
  expect(b.incarnation).toBeGreaterThan(a.incarnation);
  expect(ids.workerId).toBe(a.workerId);
  expect(await claims(env.kv)).toEqual([
    { id: b.workerId, nodeId: "again", incarnation: b.incarnation },
  ]);
});

test("graceful leave deletes the record and frees the worker id for others", async () => {
  const env = memoryEnv();
  const [x, y] = colliding(2);
  const first = await registry(env, x!).register();
  const r = registry(env, x!);
  // A fresh process with the same node id replaces the registration; then it leaves.
  await r.register();
  await r.leave();
  expect(await claims(env.kv)).toEqual([]);
  expect(await env.kv.transact((tx) => readNode(tx, x!))).toBeUndefined();
  // The freed id goes to the next node that prefers it.
  expect((await registry(env, y!).register()).workerId).toBe(first.workerId);
});

test("the dead declaration is a compare-and-set on the observed heartbeat", async () => {
  const env = memoryEnv();
  const r = registry(env, "victim");
  const me = await r.register();
  const observed = (await env.kv.transact((tx) => readNode(tx, "victim")))!;
  await r.tick(); // the counter moves: the observation is stale
  expect(await env.kv.transact((tx) => declareDead(tx, observed))).toBe(false);
  const fresh = (await env.kv.transact((tx) => readNode(tx, "victim")))!;
  expect(await env.kv.transact((tx) => declareDead(tx, fresh))).toBe(true);
  const rec = (await env.kv.transact((tx) => readNode(tx, "victim")))!;
  expect(rec.status).toBe("dead");
  expect(await claims(env.kv)).toEqual([]);
  expect(rec.workerId).toBe(me.workerId);
});

test("suspicion is relative to the observer's own observations", async () => {
  const env = memoryEnv();
  const a = registry(env, "a");
  const b = registry(env, "b");
  await a.register();
  await b.register();
  await b.tick();
  await a.tick();
  // b stops heartbeating; a keeps observing every second.
  for (let i = 0; i < 4; i++) {
    env.clock.advance(1000);
    await a.tick();
  }
  expect(a.member("b")?.status).toBe("alive");
  env.clock.advance(1000);
  await a.tick();
  expect(a.member("b")?.status).toBe("suspect");
  expect(a.suspects().map((r) => r.nodeId)).toEqual(["b"]);
  expect(a.liveNodes().map((n) => n.nodeId)).toEqual(["a"]);
  // An observer that has not looked since (paused) does not turn anyone suspect by itself.
  const c = registry(env, "c");
  await c.register();
  await c.tick();
  await b.tick();
  await c.tick();
  env.clock.advance(60_000);
  expect(c.member("b")?.status).toBe("alive");
});

test("a node whose heartbeats fail for fenceMs fences itself, then re-joins with a new incarnation", async () => {
  const env = memoryEnv();
  const r = registry(env, "f");
  const events: string[] = [];
  r.events.on("fenced", () => events.push("fenced"));
  r.events.on("unfenced", () => events.push("unfenced"));
  const first = await r.register();
  await r.tick();
  const okAt = env.clock.monotonic();
  env.backend.faults.conflictNextCommits(1_000_000);
  while (env.clock.monotonic() - okAt <= DEFAULT_TIMINGS.fenceMs) {
    expect(r.isFenced()).toBe(false);
    // Fails: its transactions conflict. Awaited without `env.run`: the store's retry backoff is
    // a real timer, and advancing the fake clock while it waits would move time past fenceMs
    // inside this tick (the loop moves time only in the 1000 ms steps below).
    await r.tick();
    expect(events).toEqual([]);
    env.clock.advance(1000);
  }
  expect(r.isFenced()).toBe(true); // known at once, before any event
  env.backend.faults.reset();
  await env.run(r.tick());
  expect(events).toEqual(["fenced", "unfenced"]);
  expect(r.isFenced()).toBe(false);
  expect(r.self().incarnation).toBeGreaterThan(first.incarnation);
});

test("a node that finds itself declared dead fences itself and re-joins", async () => {
  const env = memoryEnv();
  const r = registry(env, "d");
  const events: string[] = [];
  r.events.on("fenced", () => events.push("fenced"));
  r.events.on("unfenced", () => events.push("unfenced"));
  const first = await r.register();
  const rec = (await env.kv.transact((tx) => readNode(tx, "d")))!;
  await env.kv.transact((tx) => declareDead(tx, rec));
  await r.tick();
  expect(events).toEqual(["fenced", "unfenced"]);
  const now = (await env.kv.transact((tx) => readNode(tx, "d")))!;
  expect(now.status).toBe("alive");
  expect(now.incarnation).toBeGreaterThan(first.incarnation);
});

test("registration fails with NO_WORKER_ID when all 1024 ids are held", async () => {
  const env = memoryEnv();
  await env.kv.transact(async (tx) => {
    for (let id = 0; id < 1024; id++) {
      const nodeId = `full-${id}`;
      tx.set(ClusterKeys.worker(id), WorkerClaimCodec.encode({ nodeId, incarnation: 1 }));
      tx.set(
        ClusterKeys.node(nodeId),
        NodeRecordCodec.encode({
          nodeId,
          incarnation: 1,
          workerId: id,
          address: "x:1",
          heartbeat: 0,
          status: "alive",
          registeredAt: 0,
          token: "t",
        }),
      );
    }
  });
  await expect(registry(env, "late").register()).rejects.toMatchObject({ code: "NO_WORKER_ID" });
});

test("a fenced node mints no ids until it re-joins (G4 after a long stall)", async () => {
  const env = memoryEnv();
  const ids = new SnowflakeGenerator({ workerId: 0, clock: env.clock });
  const r = registry(env, "g4", env.kv, ids);
  expect(() => ids.next()).toThrow(); // not registered yet: no worker id of its own
  await r.register();
  await r.tick();
  expect(ids.next()).toMatch(/^[1-9][0-9]*$/);
  // A stall longer than the fence window (SIGSTOP, GC pause): the worker id may be someone else's.
  env.clock.advance(DEFAULT_TIMINGS.fenceMs + 1);
  let refused: unknown;
  try {
    ids.next();
  } catch (e) {
    refused = e;
  }
  expect((refused as { code?: string }).code).toBe("NODE_FENCED");
  expect((refused as { retryAfterSeconds?: number }).retryAfterSeconds).toBe(1);
  await env.run(r.tick()); // re-registers
  expect(r.isFenced()).toBe(false);
  expect(ids.workerId).toBe(r.self().workerId);
  expect(ids.next()).toMatch(/^[1-9][0-9]*$/);
});
