/**
 * The SQLite backend under storage faults (issue 15, item 4), below HTTP:
 * - SQLITE_FULL from a write statement rolls SQLite's transaction back by itself; the ROLLBACK that
 *   followed then threw ("no transaction is active") out of the group-commit microtask, so the
 *   commit never settled. Now it rejects with `unavailable` and nothing of the batch applied;
 * - `storageFault()` names the fault until a commit succeeds again;
 * - `toPublic` gives the stable codes STORAGE_FULL / STORAGE_UNAVAILABLE with Retry-After.
 */
import { afterEach, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSqliteBackend, type SqliteBackend } from "../../../src/kv/backends/sqlite.ts";
import { createKvStore } from "../../../src/kv/store.ts";
import { KvError } from "../../../src/kv/types.ts";
import { systemClock } from "../../../src/lib/clock.ts";
import { toPublic } from "../../../src/lib/errors.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function open(): SqliteBackend {
  const d = mkdtempSync(join(tmpdir(), "sqlite-faults-"));
  dirs.push(d);
  return createSqliteBackend({ path: join(d, "kv.sqlite") });
}
const key = (i: number) => new TextEncoder().encode(`k${i}`);
const big = () => crypto.getRandomValues(new Uint8Array(60_000));

test("disk full: the commit rejects unavailable (not a hang), nothing applies, then recovers", async () => {
  const backend = open();
  const kv = createKvStore(backend, { clock: systemClock });
  try {
    await kv.transact(async (tx) => tx.set(key(0), new Uint8Array([0])));
    backend.testPragma(`max_page_count = ${backend.testPragma("page_count")}`);
    // One transaction writing several large values: the pages run out part-way through it.
    const write = kv.transact(async (tx) => {
      for (let i = 1; i <= 10; i++) tx.set(key(i), big());
    });
    const err = await Promise.race([
      write.then(
        () => "committed",
        (e: unknown) => e,
      ),
      Bun.sleep(3000).then(() => "hung"),
    ]);
    expect(err).toBeInstanceOf(KvError);
    expect((err as KvError).code).toBe("unavailable");
    expect(backend.storageFault()).toMatch(/^disk full \(SQLITE_FULL/);
    expect(toPublic(err)).toMatchObject({
      status: 503,
      code: "STORAGE_FULL",
      retryAfterSeconds: 1,
    });
    // Reads work, and no key of the failed transaction exists (all or nothing).
    const seen = await kv.transact(async (tx) =>
      Promise.all([0, 1, 5, 10].map((i) => tx.get(key(i)))),
    );
    expect(seen.map((v) => v !== undefined)).toEqual([true, false, false, false]);
    // The limit lifted: the next commit lands and clears the fault.
    backend.testPragma("max_page_count = 1073741823");
    await kv.transact(async (tx) => tx.set(key(1), big()));
    expect(backend.storageFault()).toBeUndefined();
  } finally {
    await kv.close();
  }
});

test("read-only: unavailable with STORAGE_UNAVAILABLE, cleared by the next commit", async () => {
  const backend = open();
  const kv = createKvStore(backend, { clock: systemClock });
  try {
    backend.testPragma("query_only = 1");
    const err = await kv
      .transact(async (tx) => tx.set(key(1), new Uint8Array([1])))
      .catch((e) => e);
    expect(err).toBeInstanceOf(KvError);
    expect((err as KvError).code).toBe("unavailable");
    expect(backend.storageFault()).toMatch(/^storage not writable \(SQLITE_READONLY/);
    expect(toPublic(err)).toMatchObject({ status: 503, code: "STORAGE_UNAVAILABLE" });
    expect(await kv.transact((tx) => tx.get(key(1)))).toBeUndefined();
    backend.testPragma("query_only = 0");
    await kv.transact(async (tx) => tx.set(key(1), new Uint8Array([1])));
    expect(backend.storageFault()).toBeUndefined();
  } finally {
    await kv.close();
  }
});

test("testPragma refuses anything but the fault-injection pragmas", () => {
  const backend = open();
  expect(() => backend.testPragma("journal_mode = DELETE")).toThrow(/unsupported/);
  void backend.close();
});
