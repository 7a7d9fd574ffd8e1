/**
 * Graceful stop of the actor host, in order: take no new turn, let the batch and the activation
 * in flight finish, answer what is queued `NODE_UNAVAILABLE`, release every owner key, and only
 * then resolve (so the node may leave the cluster and close the KV store). The host is driven
 * directly over the memory backend, whose commits a test can hold at a gate.
 */
import { afterEach, describe, expect, test } from "bun:test";
import { createMemoryBackend, type MemoryBackend } from "../../../src/kv/backends/memory.ts";
import { createKvStore } from "../../../src/kv/store.ts";
import type { KvStore } from "../../../src/kv/types.ts";
import { systemClock } from "../../../src/lib/clock.ts";
import type { ActorHost } from "../../../src/runtime/host.ts";
import { ActorKeys, OwnerCodec, type OwnerRecord } from "../../../src/runtime/keys.ts";
import { snapshotGet } from "../../../src/runtime/persistence.ts";
import { ProbeCodec } from "./fixtures/actors.ts";
import { codeOf, directHost } from "./support.ts";

const settle = () => new Promise<void>((r) => setImmediate(r));
const REF = { kind: "probe", id: "s" };

describe("actor host graceful stop", () => {
  let backend: MemoryBackend;
  let kv: KvStore;
  let host: ActorHost;
  let open: () => void = () => undefined;

  function setup() {
    backend = createMemoryBackend();
    kv = createKvStore(backend, { clock: systemClock });
    host = directHost(kv, systemClock).host;
  }

  /** From now on, every commit that reaches the backend waits until `open()`. */
  function holdCommits(): { held: () => number } {
    let held = 0;
    const gate = new Promise<void>((r) => {
      open = r;
    });
    backend.faults.setDelay((op) => {
      if (op !== "commit") return undefined;
      held++;
      return gate;
    });
    return { held: () => held };
  }

  const send = (v: number) =>
    host.deliver(REF, { type: "append", v }, { deadline: systemClock.monotonic() + 10_000 });

  async function owner(): Promise<OwnerRecord | undefined> {
    const raw = await snapshotGet(kv, ActorKeys.owner(REF));
    return raw ? OwnerCodec.decode(raw) : undefined;
  }

  async function until(cond: () => boolean) {
    for (let i = 0; i < 1000 && !cond(); i++) await settle();
    expect(cond()).toBe(true);
  }

  afterEach(async () => {
    open();
    backend.faults.setDelay(undefined);
    await kv.close();
  });

  test("waits for an activation in flight and releases the key it claimed", async () => {
    setup();
    const gate = holdCommits();
    const reply = codeOf(send(1));
    await until(() => gate.held() === 1); // the owner-key claim is at the commit
    let stopped = false;
    const stopping = host.stop().then(() => {
      stopped = true;
    });
    await settle();
    await settle();
    expect(stopped).toBe(false);
    open();
    backend.faults.setDelay(undefined);
    await stopping;
    // The claim landed, the message was never run, the key is released: nobody must wait.
    expect(await reply).toBe("NODE_UNAVAILABLE");
    const o = await owner();
    expect(o?.nodeId).toBeNull();
    expect(o?.epoch).toBe(1);
  });

  test("the batch in flight commits; queued messages are refused, not run", async () => {
    setup();
    expect(await send(1)).toEqual(expect.objectContaining({ length: 1 }));
    const gate = holdCommits();
    const first = send(2);
    await until(() => gate.held() === 1); // batch [2] is committing
    const queued = [send(3), send(4)].map((p) => codeOf(p));
    const stopping = host.stop();
    await settle();
    open();
    backend.faults.setDelay(undefined);
    await stopping;
    expect(await first).toEqual(expect.objectContaining({ length: 2 }));
    expect(await Promise.all(queued)).toEqual(["NODE_UNAVAILABLE", "NODE_UNAVAILABLE"]);
    expect((await owner())?.nodeId).toBeNull();
    // What is stored is exactly what was acknowledged.
    const raw = await snapshotGet(kv, ActorKeys.state(REF));
    expect(ProbeCodec.decode(raw!).list).toEqual([1, 2]);
  });
});
