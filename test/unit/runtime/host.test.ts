/**
 * The actor host on one node, on the main thread and on a worker (the same suite runs for
 * `workers: 0` and `workers: 1`): FIFO order, output gate, handler errors, deadlines, mailbox
 * overflow, idempotent retries, read validation, group commit.
 */
import { afterEach, describe, expect, test } from "bun:test";
import { createMemoryBackend, type MemoryBackend } from "../../../src/kv/backends/memory.ts";
import { createKvStore } from "../../../src/kv/store.ts";
import type { KvStore } from "../../../src/kv/types.ts";
import { systemClock } from "../../../src/lib/clock.ts";
import { ActorKeys, OwnerCodec } from "../../../src/runtime/keys.ts";
import { FOREIGN_KEY } from "./fixtures/actors.ts";
import { codeOf, startTestNode, type TestNode } from "./support.ts";

for (const workers of [0, 1]) {
  describe(`actor host (workers: ${workers})`, () => {
    let node: TestNode | undefined;
    let backend: MemoryBackend;
    let kv: KvStore;

    async function start(extra: { capacity?: number } = {}) {
      backend = createMemoryBackend();
      kv = createKvStore(backend, { clock: systemClock });
      node = await startTestNode({ kv, clock: systemClock, workers, nodeId: "n1", ...extra });
      return node.runtime.client;
    }

    afterEach(async () => {
      await node?.stop();
      node = undefined;
    });

    test("turns of one actor run one at a time in arrival order", async () => {
      const client = await start();
      const replies = await Promise.all(
        Array.from({ length: 50 }, (_, i) => client.ask("probe", "a", { type: "append", v: i })),
      );
      expect(replies.map((r) => (r as { length: number }).length)).toEqual(
        Array.from({ length: 50 }, (_, i) => i + 1),
      );
      const got = (await client.ask("probe", "a", { type: "get" })) as { list: number[] };
      expect(got.list).toEqual(Array.from({ length: 50 }, (_, i) => i));
    });

    test("state survives in the store: a named counter counts and renames", async () => {
      const client = await start();
      await client.ask("counter", "7", { type: "increment", by: 2 });
      await client.ask("counter", "7", { type: "rename", name: " Main " });
      expect(await client.ask("counter", "7", { type: "increment" })).toEqual({
        name: "Main",
        count: 3,
      });
      expect(await codeOf(client.ask("counter", "7", { type: "increment", by: 0 }))).toBe(
        "INVALID_ARGUMENT",
      );
      expect(await codeOf(client.ask("nope", "7", { type: "get" }))).toBe("UNKNOWN_ACTOR_KIND");
    });

    test("output gate: a failed commit answers an error and runs no after-commit effect", async () => {
      const client = await start();
      await client.ask("probe", "g", { type: "append", v: 1 });
      const before = (await node!.runtime.stats()).effectsRun;
      // Every commit that writes now fails; the store refuses after its retries.
      backend.faults.setDelay((op) =>
        op === "commit" ? Promise.reject(new Error("disk gone")) : undefined,
      );
      const code = await codeOf(client.ask("probe", "g", { type: "append", v: 2 }));
      backend.faults.setDelay(undefined);
      expect(code).toBe("ACTOR_COMMIT_FAILED");
      expect((await node!.runtime.stats()).effectsRun).toBe(before);
      // The failed turn left no trace: the state was reloaded from the store.
      expect(await client.ask("probe", "g", { type: "get" })).toEqual({ list: [1], seen: null });
      expect((await node!.runtime.stats()).effectsRun).toBe(before);
    });

    test("handler errors are replies: nothing of the turn is committed or run", async () => {
      const client = await start();
      await client.ask("probe", "e", { type: "append", v: 5 });
      const before = (await node!.runtime.stats()).effectsRun;
      expect(await codeOf(client.ask("probe", "e", { type: "fail" }))).toBe("CONFLICT");
      expect(await codeOf(client.ask("probe", "e", { type: "crash" }))).toBe(
        "ACTOR_HANDLER_FAILED",
      );
      expect(await client.ask("probe", "e", { type: "get" })).toEqual({ list: [5], seen: null });
      expect((await node!.runtime.stats()).effectsRun).toBe(before);
    });

    test("a turn too large to ever commit answers TURN_TOO_LARGE (413), and the actor goes on", async () => {
      const client = await start();
      await client.ask("probe", "big", { type: "append", v: 1 });
      const err = await client.ask("probe", "big", { type: "bloat" }).then(
        () => undefined,
        (e: { code: string; httpStatus?: number; retryAfterSeconds?: number }) => e,
      );
      expect(err?.code).toBe("TURN_TOO_LARGE");
      expect(err?.httpStatus).toBe(413);
      expect(err?.retryAfterSeconds).toBeUndefined();
      expect(await client.ask("probe", "big", { type: "get" })).toEqual({ list: [1], seen: null });
    });

    test("after-commit effects run once per committed turn", async () => {
      const client = await start();
      const before = (await node!.runtime.stats()).effectsRun;
      await Promise.all(
        Array.from({ length: 20 }, (_, i) => client.ask("probe", "fx", { type: "append", v: i })),
      );
      expect((await node!.runtime.stats()).effectsRun - before).toBe(20);
    });

    test("an expired message is dropped before it runs", async () => {
      const client = await start();
      expect(
        await codeOf(client.ask("probe", "d", { type: "append", v: 1 }, { deadlineMs: 0 })),
      ).toBe("DEADLINE_EXCEEDED");
      expect(await client.ask("probe", "d", { type: "get" })).toEqual({ list: [], seen: null });
    });

    test("a full mailbox answers MAILBOX_FULL with a retry hint", async () => {
      const client = await start({ capacity: 5 });
      const asks = Array.from({ length: 8 }, (_, i) =>
        client.ask("probe", "m", { type: "append", v: i }).then(
          () => "ok",
          (e: { code: string; retryAfterSeconds?: number; httpStatus?: number }) =>
            `${e.code}:${e.retryAfterSeconds}:${e.httpStatus}`,
        ),
      );
      const out = await Promise.all(asks);
      expect(out.filter((x) => x === "ok")).toHaveLength(5);
      expect(out.slice(5)).toEqual([
        "MAILBOX_FULL:1:429",
        "MAILBOX_FULL:1:429",
        "MAILBOX_FULL:1:429",
      ]);
    });

    test("an idempotent retry returns the first outcome without running again", async () => {
      const client = await start();
      const first = await client.ask(
        "probe",
        "i",
        { type: "append", v: 9 },
        { idempotencyKey: "k-1" },
      );
      const again = await client.ask(
        "probe",
        "i",
        { type: "append", v: 9 },
        { idempotencyKey: "k-1" },
      );
      expect(again).toEqual(first);
      // Concurrent duplicates in one batch also share one outcome.
      const dup = await Promise.all([
        client.ask("probe", "i", { type: "append", v: 10 }, { idempotencyKey: "k-2" }),
        client.ask("probe", "i", { type: "append", v: 10 }, { idempotencyKey: "k-2" }),
      ]);
      expect(dup[0]).toEqual(dup[1]);
      expect(await client.ask("probe", "i", { type: "get" })).toEqual({
        list: [9, 10],
        seen: null,
      });
      // Errors are outcomes too, and a key cannot be reused for another request.
      expect(
        await codeOf(client.ask("probe", "i", { type: "fail" }, { idempotencyKey: "k-3" })),
      ).toBe("CONFLICT");
      expect(
        await codeOf(client.ask("probe", "i", { type: "fail" }, { idempotencyKey: "k-3" })),
      ).toBe("CONFLICT");
      expect(
        await codeOf(client.ask("probe", "i", { type: "append", v: 1 }, { idempotencyKey: "k-1" })),
      ).toBe("IDEMPOTENCY_KEY_REUSED");
      expect(
        await codeOf(client.ask("probe", "i", { type: "get" }, { idempotencyKey: "bad key" })),
      ).toBe("INVALID_ARGUMENT");
    });

    test("queued turns are committed together (group commit)", async () => {
      const client = await start();
      await client.ask("probe", "gc", { type: "get" });
      const seqBefore = await ownerSeq(kv, "gc");
      await Promise.all(
        Array.from({ length: 40 }, (_, i) => client.ask("probe", "gc", { type: "append", v: i })),
      );
      const batches = (await ownerSeq(kv, "gc")) - seqBefore;
      expect(batches).toBeGreaterThanOrEqual(1);
      expect(batches).toBeLessThan(40);
    });

    test("a turn whose foreign read changed before commit is re-run on fresh data", async () => {
      const client = await start();
      await kv.transact(async (tx) => tx.set(FOREIGN_KEY, new TextEncoder().encode("one")));
      await client.ask("probe", "r", { type: "get" });
      // Change the foreign key between the turn's read and its commit: the first commit attempt
      // of the turn is delayed until the write landed.
      let armed = true;
      backend.faults.setDelay((op) => {
        if (op !== "commit" || !armed) return undefined;
        armed = false;
        return kv.transact(async (tx) => tx.set(FOREIGN_KEY, new TextEncoder().encode("two")));
      });
      const reply = await client.ask("probe", "r", { type: "copy-foreign" });
      backend.faults.setDelay(undefined);
      expect(reply).toEqual({ seen: "two" });
      expect(await client.ask("probe", "r", { type: "get" })).toEqual({ list: [], seen: "two" });
    });
  });
}

async function ownerSeq(kv: KvStore, id: string): Promise<number> {
  const raw = await kv.transact((tx) => tx.get(ActorKeys.owner({ kind: "probe", id })));
  return raw ? OwnerCodec.decode(raw).seq : 0;
}
