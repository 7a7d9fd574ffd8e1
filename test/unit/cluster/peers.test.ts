/**
 * The start-up check's view of other nodes (src/cluster/peers.ts `findLivePeers`), on a memory
 * store and a FakeClock: a record is live only if it moves (heartbeat, incarnation) or appears
 * while the node watches; one that stays still is a crashed process's leftover; records the
 * caller does not care about are not waited for.
 */
import { expect, test } from "bun:test";
import { ClusterKeys, type NodeRecord, NodeRecordCodec } from "../../../src/cluster/keys.ts";
import { findLivePeers } from "../../../src/cluster/peers.ts";
import { type Env, memoryEnv, settle } from "./support.ts";

function record(nodeId: string, over: Partial<NodeRecord> = {}): NodeRecord {
  return {
    nodeId,
    incarnation: 1,
    workerId: 7,
    address: "127.0.0.1:1",
    heartbeat: 0,
    status: "alive",
    registeredAt: 0,
    token: "t",
    secretTag: "aaaaaaaaaaaaaaaa",
    ...over,
  };
}

async function put(env: Env, r: NodeRecord) {
  await env.kv.transact(async (tx) => {
    tx.set(ClusterKeys.node(r.nodeId), NodeRecordCodec.encode(r));
  });
}

/** Runs `findLivePeers`, calling `at(ms)` at each 100 ms step of the clock; the result and when. */
async function watch(
  env: Env,
  opts: Parameters<typeof findLivePeers>[2],
  at: (ms: number) => Promise<void> = async () => {},
): Promise<{ peers: string[]; waitedMs: number }> {
  const start = env.clock.monotonic();
  let result: NodeRecord[] | undefined;
  const p = findLivePeers(env.kv, env.clock, { pollMs: 100, ...opts }).then((r) => {
    result = r;
  });
  await settle();
  await settle();
  for (let t = 0; result === undefined && t < 10_000; t += 50) {
    await at(t);
    env.clock.advance(50);
    await settle();
    await settle();
  }
  await p;
  return {
    peers: (result ?? []).map((r) => r.nodeId),
    waitedMs: env.clock.monotonic() - start,
  };
}

test("nobody else: no wait at all", async () => {
  const env = memoryEnv();
  await put(env, record("me"));
  expect(await watch(env, { selfId: "me", windowMs: 1000 })).toEqual({ peers: [], waitedMs: 0 });
});

test("a record that never moves is a leftover: the whole window is watched, then nobody is live", async () => {
  const env = memoryEnv();
  await put(env, record("crashed", { heartbeat: 12 }));
  const r = await watch(env, { selfId: "me", windowMs: 1000 });
  expect(r.peers).toEqual([]);
  expect(r.waitedMs).toBeGreaterThanOrEqual(1000);
});

test("a peer silent for 800 ms after registering (its start-up) is live when it moves within the window", async () => {
  // Two start-ups at the same moment on a loaded box: the peer registered, then did not
  // heartbeat for 660 ms. A 600 ms window (2 x 200 ms heartbeats + 200) let both nodes start.
  const env = memoryEnv();
  await put(env, record("peer"));
  const r = await watch(env, { selfId: "me", windowMs: 1000 }, async (t) => {
    if (t === 800) await put(env, record("peer", { heartbeat: 1 }));
  });
  expect(r.peers).toEqual(["peer"]);
  expect(r.waitedMs).toBeGreaterThanOrEqual(800);
  expect(r.waitedMs).toBeLessThan(1000);
});

test("a peer that fenced itself and re-registered (new incarnation) is live", async () => {
  const env = memoryEnv();
  await put(env, record("peer", { heartbeat: 3 }));
  const r = await watch(env, { selfId: "me", windowMs: 1000 }, async (t) => {
    if (t === 300) await put(env, record("peer", { incarnation: 2, heartbeat: 0 }));
  });
  expect(r.peers).toEqual(["peer"]);
});

test("a peer that registers while the node watches is live; dead records and the node itself never count", async () => {
  const env = memoryEnv();
  await put(env, record("gone", { status: "dead" }));
  await put(env, record("me"));
  await put(env, record("still", { heartbeat: 4 }));
  const r = await watch(env, { selfId: "me", windowMs: 1000 }, async (t) => {
    if (t === 200) await put(env, record("late"));
    if (t === 250) await put(env, record("me", { heartbeat: 1 }));
  });
  expect(r.peers).toEqual(["late"]);
});

test("records the caller does not care about are neither waited for nor returned", async () => {
  const env = memoryEnv();
  const mine = "bbbbbbbbbbbbbbbb";
  await put(env, record("same-secret", { secretTag: mine }));
  const relevant = (p: NodeRecord) => (p.secretTag ?? mine) !== mine;
  expect(await watch(env, { selfId: "me", windowMs: 1000, relevant })).toEqual({
    peers: [],
    waitedMs: 0,
  });
  // A relevant one is still watched, and returned once it moves; the other is left out.
  await put(env, record("other-secret"));
  const r = await watch(env, { selfId: "me", windowMs: 1000, relevant }, async (t) => {
    if (t === 100) {
      await put(env, record("same-secret", { secretTag: mine, heartbeat: 1 }));
      await put(env, record("other-secret", { heartbeat: 1 }));
    }
  });
  expect(r.peers).toEqual(["other-secret"]);
});
