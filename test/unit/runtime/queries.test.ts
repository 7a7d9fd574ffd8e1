/**
 * Queries (messages an actor kind declares read-only): answered from the committed state of an
 * active actor without a mailbox slot, beside a running batch, and only once the owner key (and
 * the query's own reads) prove that state exact. Real hosts over one memory store; the store's
 * latency hook holds a commit open where a test needs a batch in flight.
 */
import { afterEach, describe, expect, test } from "bun:test";
import { createMemoryBackend, type MemoryBackend } from "../../../src/kv/backends/memory.ts";
import { createKvStore } from "../../../src/kv/store.ts";
import type { KvStore } from "../../../src/kv/types.ts";
import { systemClock } from "../../../src/lib/clock.ts";
import type { ActorRef } from "../../../src/runtime/define.ts";
import { ActorKeys, OwnerCodec, type OwnerRecord } from "../../../src/runtime/keys.ts";
import { createRuntimeMetrics } from "../../../src/runtime/metrics.ts";
import { queryStillExact } from "../../../src/runtime/persistence.ts";
import { FOREIGN_KEY } from "./fixtures/actors.ts";
import { codeOf, directHost, startTestNode, type TestNode } from "./support.ts";

const soon = () => ({ deadline: systemClock.monotonic() + 10_000 });
const text = (s: string) => new TextEncoder().encode(s);

/** Holds the next commit of the store (a write's batch) until `release()`. */
function holdNextCommit(backend: MemoryBackend) {
  let release!: () => void;
  const gate = new Promise<void>((r) => {
    release = r;
  });
  let reached!: () => void;
  const held = new Promise<void>((r) => {
    reached = r;
  });
  let armed = true;
  backend.faults.setDelay((op) => {
    if (op !== "commit" || !armed) return undefined;
    armed = false;
    reached();
    return gate;
  });
  return { held, release };
}

async function setForeign(kv: KvStore, value: string) {
  await kv.transact(async (tx) => {
    tx.set(FOREIGN_KEY, text(value));
  });
}

for (const workers of [0, 1]) {
  describe(`queries (workers: ${workers})`, () => {
    let node: TestNode | undefined;
    let backend: MemoryBackend;

    async function start(extra: { capacity?: number } = {}) {
      backend = createMemoryBackend();
      const kv = createKvStore(backend, { clock: systemClock });
      node = await startTestNode({ kv, clock: systemClock, workers, nodeId: "n1", ...extra });
      return node.runtime.client;
    }

    afterEach(async () => {
      await node?.stop();
      node = undefined;
    });

    test("a query is answered from the committed state while a write of the same actor commits", async () => {
      const client = await start();
      await client.ask("probe", "q", { type: "append", v: 1 });
      const hold = holdNextCommit(backend);
      let written = false;
      const write = client.ask("probe", "q", { type: "append", v: 2 }).then((r) => {
        written = true;
        return r;
      });
      await hold.held;
      const before = node!.runtime.metrics.queries.answered;
      // The batch with the second append is inside its commit: the query does not wait for it and
      // does not see it (it is not committed, and nobody was told it is).
      expect(await client.ask("probe", "q", { type: "get" })).toEqual({ list: [1], seen: null });
      expect(written).toBe(false);
      expect(node!.runtime.metrics.queries.answered).toBe(before + 1);
      hold.release();
      expect(await write).toMatchObject({ length: 2 });
      // Read after the acknowledged write: the committed state has it.
      expect(await client.ask("probe", "q", { type: "get" })).toEqual({ list: [1, 2], seen: null });
    });

    test("queries take no mailbox slot: a full mailbox of writes still answers them", async () => {
      const client = await start({ capacity: 2 });
      await client.ask("probe", "m", { type: "append", v: 0 });
      const hold = holdNextCommit(backend);
      const first = client.ask("probe", "m", { type: "append", v: 1 });
      await hold.held;
      // The first write's batch is committing; two more fill the mailbox, a third is refused.
      const queued = [2, 3].map((v) => client.ask("probe", "m", { type: "append", v }));
      expect(await codeOf(client.ask("probe", "m", { type: "append", v: 4 }))).toBe("MAILBOX_FULL");
      expect(await client.ask("probe", "m", { type: "get" })).toEqual({ list: [0], seen: null });
      hold.release();
      await Promise.all([first, ...queued]);
      expect(await client.ask("probe", "m", { type: "get" })).toEqual({
        list: [0, 1, 2, 3],
        seen: null,
      });
    });

    test("a message declared a query that writes is run as a turn, and its write is kept", async () => {
      const client = await start();
      await client.ask("probe", "s", { type: "append", v: 1 });
      const before = node!.runtime.metrics.queries.as_turn;
      expect(await client.ask("probe", "s", { type: "sneak", v: 9 })).toEqual({ length: 2 });
      expect(node!.runtime.metrics.queries.as_turn).toBe(before + 1);
      expect(await client.ask("probe", "s", { type: "get" })).toEqual({ list: [1, 9], seen: null });
    });

    test("a query's errors are replies, and a query with an Idempotency-Key runs as a turn", async () => {
      const client = await start();
      await client.ask("counter", "c", { type: "increment", by: 3 });
      const m = node!.runtime.metrics.queries;
      const answered = m.answered;
      // The counter's `get` is a query; a malformed one is refused by the protocol check.
      expect(await codeOf(client.ask("counter", "c", { type: "get", extra: 1 }))).toBe(
        "INVALID_ARGUMENT",
      );
      expect(m.answered).toBe(answered + 1);
      const turns = m.as_turn;
      expect(
        await client.ask("counter", "c", { type: "get" }, { idempotencyKey: "k-1" }),
      ).toMatchObject({ count: 3 });
      // Not a query on the fast path: the stored outcome is a turn's business.
      expect(m.answered).toBe(answered + 1);
      expect(m.as_turn).toBe(turns);
    });
  });
}

describe("a query never answers from a state that is not the store's", () => {
  const REF: ActorRef = { kind: "probe", id: "x" };
  let kv: KvStore;
  let backend: MemoryBackend;

  function fresh() {
    backend = createMemoryBackend();
    kv = createKvStore(backend, { clock: systemClock });
  }

  test("an activation another node took over (and wrote) answers NOT_OWNER, not its old state", async () => {
    fresh();
    const metrics = createRuntimeMetrics();
    const a = directHost(kv, systemClock, { nodeId: "A", metrics }).host;
    // B's view: A is gone (a partition), so B may take the actor over.
    const b = directHost(kv, systemClock, { nodeId: "B", workerId: 2 }).host;
    await a.deliver(REF, { type: "append", v: 1 }, soon());
    expect(await a.deliver(REF, { type: "get" }, soon())).toEqual({ list: [1], seen: null });
    expect(metrics.queries.answered).toBe(1);
    await b.deliver(REF, { type: "append", v: 2 }, soon());
    const err = await a.deliver(REF, { type: "get" }, soon()).then(
      () => undefined,
      (e: { code: string; meta?: { owner?: string } }) => e,
    );
    expect(err?.code).toBe("NOT_OWNER");
    expect(err?.meta?.owner).toBe("B");
    expect(metrics.queries.as_turn).toBe(1);
    await a.stop();
    await b.stop();
  });

  test("a newer incarnation of the same node that took the actor over is seen by the old one", async () => {
    fresh();
    const old = directHost(kv, systemClock, { nodeId: "A", incarnation: 1 }).host;
    const next = directHost(kv, systemClock, { nodeId: "A", incarnation: 2, workerId: 2 }).host;
    await old.deliver(REF, { type: "append", v: 1 }, soon());
    expect(await old.deliver(REF, { type: "get" }, soon())).toEqual({ list: [1], seen: null });
    // The restarted process (same node id) claims at once and writes.
    await next.deliver(REF, { type: "append", v: 2 }, soon());
    expect(await codeOf(old.deliver(REF, { type: "get" }, soon()))).toBe("NOT_OWNER");
    expect(await next.deliver(REF, { type: "get" }, soon())).toEqual({ list: [1, 2], seen: null });
    await old.stop();
    await next.stop();
  });

  test("an evicted activation re-activates from the store instead of answering", async () => {
    fresh();
    const a = directHost(kv, systemClock, { nodeId: "A", idleMs: 0 }).host;
    const b = directHost(kv, systemClock, { nodeId: "B", workerId: 2, idleMs: 0 }).host;
    await a.deliver(REF, { type: "append", v: 1 }, soon());
    expect(await a.evictIdle()).toBe(1);
    await b.deliver(REF, { type: "append", v: 2 }, soon());
    expect(await b.evictIdle()).toBe(1);
    expect(await a.deliver(REF, { type: "get" }, soon())).toEqual({ list: [1, 2], seen: null });
    await a.stop();
    await b.stop();
  });

  test("a query whose read of another actor's key changed before its check runs as a turn", async () => {
    fresh();
    // Without a change mark (as on FoundationDB) every answer is proven by a read transaction:
    // this test is about that transaction's re-read of the query's reads.
    const unmarked: KvStore = { ...kv, changeMark: undefined };
    const metrics = createRuntimeMetrics();
    const a = directHost(unmarked, systemClock, { nodeId: "A", metrics }).host;
    await setForeign(kv, "before");
    await a.deliver(REF, { type: "append", v: 1 }, soon());
    expect(await a.deliver(REF, { type: "peek-foreign" }, soon())).toEqual({
      list: [1],
      foreign: "before",
    });
    // The next query reads the foreign key, then the key changes before the check reads it again.
    let gets = 0;
    let changing = false;
    backend.faults.setDelay((op) => {
      if (op !== "get" || changing) return undefined;
      gets++;
      if (gets !== 2) return undefined; // 1: the query's own read; 2: the check's owner read
      changing = true;
      return setForeign(kv, "after");
    });
    const reply = await a.deliver(REF, { type: "peek-foreign" }, soon());
    backend.faults.setDelay(undefined);
    expect(reply).toEqual({ list: [1], foreign: "after" });
    expect(metrics.queries).toEqual({ answered: 1, as_turn: 1, proofs_read: 1, proofs_reused: 0 });
    await a.stop();
  });

  test("a proof is reused while nothing commits, and never across a commit anywhere", async () => {
    fresh();
    const metrics = createRuntimeMetrics();
    const q = metrics.queries;
    const a = directHost(kv, systemClock, { nodeId: "A", metrics }).host;
    await setForeign(kv, "before");
    await a.deliver(REF, { type: "append", v: 1 }, soon());
    const peek = () => a.deliver(REF, { type: "peek-foreign" }, soon());
    let ownerReads = 0;
    backend.faults.setDelay((op) => {
      if (op === "get") ownerReads++;
      return undefined;
    });
    expect(await peek()).toEqual({ list: [1], foreign: "before" });
    expect([q.proofs_read, q.proofs_reused]).toEqual([1, 0]);
    // Nothing committed since that proof: the next answers need no read transaction.
    ownerReads = 0;
    expect(await peek()).toEqual({ list: [1], foreign: "before" });
    expect(await peek()).toEqual({ list: [1], foreign: "before" });
    expect([q.proofs_read, q.proofs_reused]).toEqual([1, 2]);
    expect(ownerReads).toBe(2); // the two queries' own reads of the foreign key, no check
    // A commit of anything (another actor's key) and the proof is taken again.
    await setForeign(kv, "after");
    expect(await peek()).toEqual({ list: [1], foreign: "after" });
    expect([q.proofs_read, q.proofs_reused]).toEqual([2, 2]);
    // A commit landing while a query runs (after its read) is seen by the final mark check.
    let armed = true;
    backend.faults.setDelay((op) => {
      if (op !== "get" || !armed) return undefined;
      armed = false;
      return kv
        .transact(async (tx) => {
          tx.set(text("elsewhere"), text("x"));
        })
        .then(() => undefined);
    });
    expect(await peek()).toEqual({ list: [1], foreign: "after" });
    expect([q.proofs_read, q.proofs_reused]).toEqual([3, 2]);
    backend.faults.setDelay(undefined);
    // And a take-over between two queries is never answered from the reused proof.
    const b = directHost(kv, systemClock, { nodeId: "B", workerId: 2 }).host;
    await b.deliver(REF, { type: "append", v: 2 }, soon());
    expect(await codeOf(peek())).toBe("NOT_OWNER");
    expect(q.proofs_reused).toBe(2);
    await a.stop();
    await b.stop();
  });

  test("the check refuses another owner, an older or newer seq, and a changed read", async () => {
    fresh();
    const owner: OwnerRecord = { nodeId: "A", incarnation: 1, epoch: 3, seq: 7 };
    const put = (o: OwnerRecord) =>
      kv.transact(async (tx) => {
        tx.set(ActorKeys.owner(REF), OwnerCodec.encode(o));
      });
    await put(owner);
    await setForeign(kv, "v");
    const read = { t: "get" as const, key: FOREIGN_KEY, value: text("v") };
    expect(await queryStillExact(kv, REF, owner, [read])).toBe(true);
    expect(await queryStillExact(kv, REF, owner, [{ ...read, value: text("w") }])).toBe(false);
    expect(await queryStillExact(kv, REF, owner, [{ ...read, value: undefined }])).toBe(false);
    // A commit of ours landed that the queried state does not hold.
    await put({ ...owner, seq: 8 });
    expect(await queryStillExact(kv, REF, owner, [])).toBe(false);
    await put({ ...owner, epoch: 4 });
    expect(await queryStillExact(kv, REF, owner, [])).toBe(false);
    await put({ ...owner, incarnation: 2 });
    expect(await queryStillExact(kv, REF, owner, [])).toBe(false);
    await put({ nodeId: null, incarnation: null, epoch: 3, seq: 0 });
    expect(await queryStillExact(kv, REF, owner, [])).toBe(false);
    await put(owner);
    expect(await queryStillExact(kv, REF, owner, [])).toBe(true);
  });
});
