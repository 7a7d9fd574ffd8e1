/**
 * Ownership and lifecycle of activations, driven by a fake clock: idle eviction releases the owner
 * key, deadlines drop queued messages, a stale owner cannot commit (fencing), a fenced node drops
 * its activations. Hosts are built directly with an explicit view of who is alive, so a test can
 * make two nodes each believe the other is gone (a partition).
 */
import { describe, expect, test } from "bun:test";
import { createMemoryBackend } from "../../../src/kv/backends/memory.ts";
import { createKvStore } from "../../../src/kv/store.ts";
import type { KvStore } from "../../../src/kv/types.ts";
import { FakeClock } from "../../../src/lib/clock.ts";
import { ActorKeys, OwnerCodec, type OwnerRecord } from "../../../src/runtime/keys.ts";
import { createRuntimeMetrics } from "../../../src/runtime/metrics.ts";
import { codeOf, directHost } from "./support.ts";

const FAR = 1e12;

function makeHost(
  kv: KvStore,
  clock: FakeClock,
  nodeId: string,
  view: { fenced: boolean } = { fenced: false },
) {
  const metrics = createRuntimeMetrics();
  // Partition: each host believes every other node is gone.
  const { host, runner } = directHost(kv, clock, {
    nodeId,
    workerId: nodeId === "A" ? 1 : 2,
    idleMs: 1000,
    isFenced: () => view.fenced,
    metrics,
  });
  return { host, metrics, runner };
}

async function owner(kv: KvStore, id: string): Promise<OwnerRecord | undefined> {
  const raw = await kv.transact((tx) => tx.get(ActorKeys.owner({ kind: "probe", id })));
  return raw ? OwnerCodec.decode(raw) : undefined;
}

const ref = (id: string) => ({ kind: "probe", id });
const append = (v: number) => ({ type: "append", v });

describe("actor lifecycle", () => {
  test("a stale owner cannot commit once another activation claimed the actor", async () => {
    const clock = new FakeClock();
    const kv = createKvStore(createMemoryBackend(), { clock });
    const a = makeHost(kv, clock, "A");
    const b = makeHost(kv, clock, "B");
    await a.host.deliver(ref("f"), append(1), { deadline: FAR });
    expect(await owner(kv, "f")).toMatchObject({ nodeId: "A", epoch: 1 });
    // B (believing A dead) claims with a new epoch and commits.
    await b.host.deliver(ref("f"), append(2), { deadline: FAR });
    expect(await owner(kv, "f")).toMatchObject({ nodeId: "B", epoch: 2 });
    // A still holds its activation; its next commit re-reads the owner key and is refused.
    expect(a.host.isLocal(ref("f"))).toBe(true);
    let err: { code?: string; meta?: { owner?: string } } = {};
    await a.host.deliver(ref("f"), append(3), { deadline: FAR }).catch((e) => {
      err = e;
    });
    expect(err.code).toBe("NOT_OWNER");
    expect(err.meta?.owner).toBe("B");
    expect(a.host.isLocal(ref("f"))).toBe(false);
    expect((await a.metrics.fencingRejections.get()).values[0]?.value).toBe(1);
    expect(await b.host.deliver(ref("f"), { type: "get" }, { deadline: FAR })).toEqual({
      list: [1, 2],
      seen: null,
    });
  });

  test("read-only turns are fenced too: a stale owner cannot answer from stale state", async () => {
    const clock = new FakeClock();
    const kv = createKvStore(createMemoryBackend(), { clock });
    const a = makeHost(kv, clock, "A");
    const b = makeHost(kv, clock, "B");
    await a.host.deliver(ref("q"), append(1), { deadline: FAR });
    await b.host.deliver(ref("q"), append(2), { deadline: FAR });
    expect(await codeOf(a.host.deliver(ref("q"), { type: "get" }, { deadline: FAR }))).toBe(
      "NOT_OWNER",
    );
  });

  test("idle eviction releases the owner key and keeps the epoch growing", async () => {
    const clock = new FakeClock();
    const kv = createKvStore(createMemoryBackend(), { clock });
    const a = makeHost(kv, clock, "A");
    await a.host.deliver(ref("e"), append(1), { deadline: FAR });
    clock.advance(999);
    expect(await a.host.evictIdle()).toBe(0);
    clock.advance(1);
    expect(await a.host.evictIdle()).toBe(1);
    expect(a.host.isLocal(ref("e"))).toBe(false);
    expect(await owner(kv, "e")).toMatchObject({ nodeId: null, epoch: 1 });
    expect((await a.metrics.evictions.get()).values[0]?.value).toBe(1);
    // The next message activates at once (no lease to wait for) with a higher epoch.
    expect(await a.host.deliver(ref("e"), { type: "get" }, { deadline: FAR })).toEqual({
      list: [1],
      seen: null,
    });
    expect(await owner(kv, "e")).toMatchObject({ nodeId: "A", epoch: 2 });
  });

  test("the sweeper evicts on the clock", async () => {
    const clock = new FakeClock();
    const kv = createKvStore(createMemoryBackend(), { clock });
    const a = makeHost(kv, clock, "A");
    a.host.start();
    await a.host.deliver(ref("s"), append(1), { deadline: FAR });
    for (let i = 0; i < 10 && a.host.isLocal(ref("s")); i++) {
      clock.advance(250);
      for (let j = 0; j < 20; j++) await Promise.resolve();
      await Bun.sleep(1);
    }
    expect(a.host.isLocal(ref("s"))).toBe(false);
    await a.host.stop();
  });

  test("a message whose deadline passed while queued is dropped unrun", async () => {
    const clock = new FakeClock();
    const kv = createKvStore(createMemoryBackend(), { clock });
    const a = makeHost(kv, clock, "A");
    const now = clock.monotonic();
    const late = a.host.deliver(ref("d"), append(1), { deadline: now + 100 });
    const fine = a.host.deliver(ref("d"), append(2), { deadline: now + 10_000 });
    clock.advance(200); // before the activation (claim, load) finished
    expect(await codeOf(late)).toBe("DEADLINE_EXCEEDED");
    expect(await fine).toMatchObject({ length: 1 });
    expect(await a.host.deliver(ref("d"), { type: "get" }, { deadline: FAR })).toEqual({
      list: [2],
      seen: null,
    });
  });

  test("a fenced node keeps answering reads of its active actors, checked against the owner key", async () => {
    const clock = new FakeClock();
    const kv = createKvStore(createMemoryBackend(), { clock });
    const view = { fenced: false };
    const a = makeHost(kv, clock, "A", view);
    await a.host.deliver(ref("r"), append(1), { deadline: FAR });
    view.fenced = true;
    // Reads are served from the activation (its owner key is still A's) ...
    expect(await a.host.deliver(ref("r"), { type: "get" }, { deadline: FAR })).toEqual({
      list: [1],
      seen: null,
    });
    // ... writes are refused without closing it, and change nothing ...
    expect(await codeOf(a.host.deliver(ref("r"), append(2), { deadline: FAR }))).toBe(
      "NODE_UNAVAILABLE",
    );
    expect(await a.host.deliver(ref("r"), { type: "get" }, { deadline: FAR })).toEqual({
      list: [1],
      seen: null,
    });
    // ... and no new activation starts (that needs a claim).
    expect(await codeOf(a.host.deliver(ref("new"), { type: "get" }, { deadline: FAR }))).toBe(
      "NODE_UNAVAILABLE",
    );
    // Once another node owns the actor, the fenced node's read is refused, not answered stale.
    const b = makeHost(kv, clock, "B");
    await b.host.deliver(ref("r"), append(3), { deadline: FAR });
    expect(await codeOf(a.host.deliver(ref("r"), { type: "get" }, { deadline: FAR }))).toBe(
      "NOT_OWNER",
    );
  });

  test("a fenced node takes no turns and drops its activations without committing", async () => {
    const clock = new FakeClock();
    const kv = createKvStore(createMemoryBackend(), { clock });
    const view = { fenced: false };
    const a = makeHost(kv, clock, "A", view);
    await a.host.deliver(ref("x"), append(1), { deadline: FAR });
    const queued = a.host.deliver(ref("x"), append(2), { deadline: FAR });
    view.fenced = true;
    a.host.dropAll();
    expect(await codeOf(queued)).toBe("NODE_UNAVAILABLE");
    expect(await codeOf(a.host.deliver(ref("x"), append(3), { deadline: FAR }))).toBe(
      "NODE_UNAVAILABLE",
    );
    expect(a.host.size).toBe(0);
    view.fenced = false;
    expect(await a.host.deliver(ref("x"), { type: "get" }, { deadline: FAR })).toEqual({
      list: [1],
      seen: null,
    });
  });
});
