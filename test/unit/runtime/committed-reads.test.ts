/**
 * CommittedReads (src/runtime/persistence.ts): the actors' committed reads, a repeated one answered
 * without a transaction while nothing commits anywhere, and never across a commit. Real memory and
 * SQLite stores (the SQLite one with a second connection writing to the same file).
 */
import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createMemoryBackend } from "../../../src/kv/backends/memory.ts";
import { createSqliteBackend } from "../../../src/kv/backends/sqlite.ts";
import { createKvStore, type ObservableKvStore } from "../../../src/kv/store.ts";
import { systemClock } from "../../../src/lib/clock.ts";
import { CommittedReads } from "../../../src/runtime/persistence.ts";

const dir = mkdtempSync(join(tmpdir(), "committed-reads-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const b = (s: string) => new TextEncoder().encode(s);
const text = (v: Uint8Array | undefined) => (v ? new TextDecoder().decode(v) : undefined);

async function put(kv: ObservableKvStore, key: string, value: string | null) {
  await kv.transact(async (tx) => (value === null ? tx.clear(b(key)) : tx.set(b(key), b(value))));
}

for (const backend of ["memory", "sqlite"] as const) {
  test(`${backend}: repeated reads are kept until anything commits, on any connection`, async () => {
    const path = join(dir, `${backend}.db`);
    const open = () =>
      createKvStore(backend === "memory" ? createMemoryBackend() : createSqliteBackend({ path }), {
        clock: systemClock,
      });
    const kv = open();
    // The memory store has one connection; the SQLite file gets a second writer.
    const other = backend === "sqlite" ? open() : kv;
    const reads = new CommittedReads(kv);
    await put(kv, "k/1", "one");
    await put(kv, "k/2", "two");
    const tx = () => kv.stats().transactions;

    expect(text(await reads.get(b("k/1")))).toBe("one");
    expect(await reads.get(b("k/none"))).toBeUndefined();
    const rows = await reads.getRange(b("k/"), b("k0"));
    expect(rows.map((r) => text(r.value))).toEqual(["one", "two"]);
    let before = tx();
    expect(text(await reads.get(b("k/1")))).toBe("one");
    expect(await reads.get(b("k/none"))).toBeUndefined();
    const again = await reads.getRange(b("k/"), b("k0"));
    expect(again.map((r) => text(r.value))).toEqual(["one", "two"]);
    expect(tx()).toBe(before); // all three answered from the kept reads
    // Copied out: a caller that reorders its rows does not reorder the next caller's.
    again.reverse();
    expect((await reads.getRange(b("k/"), b("k0"))).map((r) => text(r.value))).toEqual([
      "one",
      "two",
    ]);
    // Other options are other reads.
    expect(
      (await reads.getRange(b("k/"), b("k0"), { reverse: true, limit: 1 })).map((r) =>
        text(r.value),
      ),
    ).toEqual(["two"]);

    // A commit of an unrelated key through the other connection: every read is taken again.
    await put(other, "elsewhere", "x");
    before = tx();
    expect(text(await reads.get(b("k/1")))).toBe("one");
    expect(tx()).toBe(before + 1);
    // A change of a kept key is seen at once.
    await put(other, "k/1", "uno");
    await put(other, "k/none", "now");
    expect(text(await reads.get(b("k/1")))).toBe("uno");
    expect(text(await reads.get(b("k/none")))).toBe("now");
    expect((await reads.getRange(b("k/"), b("k0"))).map((r) => text(r.value))).toEqual([
      "uno",
      "two",
      "now",
    ]);
    await put(other, "k/2", null);
    expect((await reads.getRange(b("k/"), b("k0"))).map((r) => text(r.value))).toEqual([
      "uno",
      "now",
    ]);
    if (other !== kv) await other.close();
    await kv.close();
  });
}
