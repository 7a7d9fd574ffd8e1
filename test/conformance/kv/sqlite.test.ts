/**
 * Runs the KV conformance suite against the SQLite backend (a fresh temp file per test), and proves
 * that conflict detection holds across OS processes: two `bun` children each increment one counter
 * 1000 times with read-modify-write transactions on the same file, and the result is exactly 2000.
 */
import { Database } from "bun:sqlite";
import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSqliteBackend } from "../../../src/kv/backends/sqlite.ts";
import { Subspace } from "../../../src/kv/keyspace.ts";
import { createKvStore } from "../../../src/kv/store.ts";
import { decodeI64LE } from "../../../src/kv/types.ts";
import { FakeClock, systemClock } from "../../../src/lib/clock.ts";
import { runKvConformance } from "./suite.ts";

const dir = mkdtempSync(join(tmpdir(), "kv-sqlite-"));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

runKvConformance("sqlite", () => createSqliteBackend({ path: join(dir, `t${++n}`, "kv.db") }), {
  faultInjection: false,
});

describe("sqlite backend", () => {
  const sp = new Subspace(["sqlite-only"]);

  test("committed data survives closing and reopening the file", async () => {
    const path = join(dir, "reopen", "kv.db");
    const first = createKvStore(createSqliteBackend({ path }), { clock: systemClock });
    await first.transact(async (tx) => tx.set(sp.key("kept"), Uint8Array.of(42)));
    await first.close();
    const second = createKvStore(createSqliteBackend({ path }), { clock: systemClock });
    expect(await second.transact((tx) => tx.get(sp.key("kept")))).toEqual(Uint8Array.of(42));
    await second.close();
  });

  test("old tombstones are purged, and a transaction older than the purge horizon times out", async () => {
    const path = join(dir, "purge", "kv.db");
    const clock = new FakeClock();
    const backend = createSqliteBackend({ path, clock });
    const store = createKvStore(backend, { clock });
    const k = sp.key("k");
    await store.transact(async (tx) => tx.set(k, Uint8Array.of(1)));
    const old = backend.begin();
    expect(await old.get(k)).toEqual(Uint8Array.of(1));
    await store.transact(async (tx) => tx.clear(k)); // leaves a tombstone
    clock.advance(1_000);
    await store.transact(async (tx) => tx.set(sp.key("tick"), Uint8Array.of(1)));
    clock.advance(10_000);
    await store.transact(async (tx) => tx.set(sp.key("tick"), Uint8Array.of(2))); // purges
    const raw = new Database(path, { readonly: true });
    const tombstones = raw.query("SELECT count(*) AS n FROM kv WHERE value IS NULL").get() as {
      n: number;
    };
    raw.close();
    expect(tombstones.n).toBe(0);
    // Without the horizon, the deletion of k would go unnoticed now that its tombstone is gone.
    old.set(sp.key("derived"), Uint8Array.of(1));
    let caught: unknown;
    await old.commit().catch((e) => {
      caught = e;
    });
    expect(caught).toMatchObject({ name: "KvError", code: "timeout" });
    await store.close();
  });
});

describe("sqlite range pages", () => {
  test("limited range reads longer than one page (4096 rows) are complete and ordered, both ways", async () => {
    const sp = new Subspace(["sqlite-pages"]);
    const store = createKvStore(createSqliteBackend({ path: join(dir, "pages", "kv.db") }), {
      clock: systemClock,
    });
    for (let i = 0; i < 6000; i += 1000) {
      await store.transact(async (tx) => {
        for (let j = i; j < i + 1000; j++) tx.set(sp.key(j), Uint8Array.of(j % 251));
      });
    }
    const [begin, end] = sp.range();
    for (const [limit, reverse] of [
      [5000, false],
      [5000, true],
      [17, false],
      [0, true],
    ] as const) {
      const rows = await store.transact((tx) => tx.getRange(begin, end, { limit, reverse }));
      const want = limit === 0 ? 6000 : limit;
      expect(rows).toHaveLength(want);
      const ids = rows.map((r) => sp.unpack(r.key)[0] as number);
      const first = reverse ? 5999 : 0;
      expect(ids[0]).toBe(first);
      expect(ids.every((id, i) => id === (reverse ? first - i : first + i))).toBe(true);
    }
    await store.close();
  });
});

describe("sqlite shared read snapshots", () => {
  const sp = new Subspace(["sqlite-snapshots"]);

  test("a transaction started after another connection's commit sees it while the shared snapshot is still open", async () => {
    const path = join(dir, "snapshots", "kv.db");
    const a = createKvStore(createSqliteBackend({ path }), { clock: systemClock });
    const b = createKvStore(createSqliteBackend({ path }), { clock: systemClock });
    const k = sp.key("k");
    const absent = sp.key("absent");
    await b.transact(async (tx) => tx.set(k, Uint8Array.of(1)));
    // `a` opens its shared snapshot; `b` (another connection, like another process) commits; no
    // macrotask runs in between, so only the WAL-index check can tell `a` its snapshot is stale.
    for (let i = 2; i < 6; i++) {
      expect(await a.transact((tx) => tx.get(k))).toEqual(Uint8Array.of(i - 1));
      expect(await a.transact((tx) => tx.get(absent))).toBeUndefined();
      await b.transact(async (tx) => {
        tx.set(k, Uint8Array.of(i));
        if (i === 5) tx.set(absent, Uint8Array.of(9));
      });
    }
    expect(await a.transact((tx) => tx.get(k))).toEqual(Uint8Array.of(5));
    expect(await a.transact((tx) => tx.get(absent))).toEqual(Uint8Array.of(9));
    expect(await a.transact((tx) => tx.getRange(...sp.range()))).toHaveLength(2);
    await a.close();
    await b.close();
  });

  test("a read-modify-write on a shared snapshot that went stale conflicts and retries", async () => {
    const path = join(dir, "snapshots-rmw", "kv.db");
    const a = createKvStore(createSqliteBackend({ path }), { clock: systemClock });
    const b = createKvStore(createSqliteBackend({ path }), { clock: systemClock });
    const k = sp.key("n");
    let attempts = 0;
    await Promise.all([
      a.transact(async (tx) => {
        attempts++;
        const v = (await tx.get(k))?.[0] ?? 0;
        // The first attempt lets the other connection commit in between its read and its write.
        if (attempts === 1) await b.transact(async (t) => t.set(k, Uint8Array.of(10)));
        tx.set(k, Uint8Array.of(v + 1));
      }),
    ]);
    expect(attempts).toBe(2);
    expect(await b.transact((tx) => tx.get(k))).toEqual(Uint8Array.of(11));
    await a.close();
    await b.close();
  });
});

describe("sqlite backend across processes", () => {
  test("the change mark moves with commits of another connection and of another process", async () => {
    const path = join(dir, "mark", "kv.db");
    const a = createKvStore(createSqliteBackend({ path }), { clock: systemClock });
    const b = createKvStore(createSqliteBackend({ path }), { clock: systemClock });
    const k = new Subspace(["multi"]).key("counter");
    await a.transact(async (tx) => tx.get(k));
    const m0 = a.changeMark?.();
    expect(typeof m0).toBe("number");
    // The increment fixture waits for two "ready" marks: this commit is one of them.
    await b.transact(async (tx) => tx.atomicAdd(new Subspace(["multi"]).key("ready"), 1));
    const m1 = a.changeMark?.();
    expect(m1).not.toBe(m0);
    expect(a.changeMark?.()).toBe(m1);
    // Another OS process commits (the increment fixture: its mark, 3 increments), seen through
    // the -shm header.
    const worker = join(import.meta.dir, "fixtures", "sqlite-increment.ts");
    const child = Bun.spawn([process.execPath, worker, path, "3"], { stderr: "pipe" });
    expect(await child.exited).toBe(0);
    expect(a.changeMark?.()).not.toBe(m1);
    expect(await a.transact(async (tx) => decodeI64LE(await tx.get(k)))).toBe(3n);
    await a.close();
    await b.close();
  }, 30_000);

  test("an in-memory database's scoped marks move only with its own writes under the scope", async () => {
    const kv = createKvStore(createSqliteBackend({ path: ":memory:" }), { clock: systemClock });
    const scope = new Subspace(["mem-in"]);
    const m0 = kv.changeMark?.(scope.prefix) as number;
    await kv.transact(async (tx) => tx.set(new Subspace(["mem-out"]).key(1), new Uint8Array(1)));
    expect(kv.changeMark?.(scope.prefix)).toBe(m0);
    await kv.transact(async (tx) => tx.set(scope.key(1), new Uint8Array(1)));
    expect(kv.changeMark?.(scope.prefix) as number).toBeGreaterThan(m0);
    await kv.close();
  });

  test("a scoped mark moves with any commit of another connection or process, whatever it wrote, and not with this one's own elsewhere", async () => {
    const path = join(dir, "scoped", "kv.db");
    const a = createKvStore(createSqliteBackend({ path }), { clock: systemClock });
    const b = createKvStore(createSqliteBackend({ path }), { clock: systemClock });
    const scope = new Subspace(["scoped-in"]);
    const mark = () => a.changeMark?.(scope.prefix) as number;
    let m = mark();
    // This connection's own commits outside the scope, alone and grouped in one SQLite commit.
    await a.transact(async (tx) => tx.set(new Subspace(["scoped-out"]).key(1), new Uint8Array(1)));
    await Promise.all(
      [2, 3, 4].map((i) =>
        a.transact(async (tx) => tx.set(new Subspace(["scoped-out"]).key(i), new Uint8Array(1))),
      ),
    );
    expect(mark()).toBe(m);
    // Another connection's commit outside the scope: its keys are not seen, so the mark moves.
    await b.transact(async (tx) => tx.set(new Subspace(["scoped-out"]).key(9), new Uint8Array(1)));
    expect(mark()).toBeGreaterThan(m);
    m = mark();
    // Its own commit and another connection's, between two looks: moved.
    await a.transact(async (tx) => tx.set(new Subspace(["scoped-out"]).key(5), new Uint8Array(1)));
    await b.transact(async (tx) => tx.set(new Subspace(["scoped-out"]).key(6), new Uint8Array(1)));
    await a.transact(async (tx) => tx.set(new Subspace(["scoped-out"]).key(7), new Uint8Array(1)));
    expect(mark()).toBeGreaterThan(m);
    m = mark();
    // Another OS process commits (the increment fixture, outside the scope; it waits for two
    // "ready" marks, and this commit is one of them, which moves the mark too).
    await b.transact(async (tx) => tx.atomicAdd(new Subspace(["multi"]).key("ready"), 1));
    expect(mark()).toBeGreaterThan(m);
    m = mark();
    const worker = join(import.meta.dir, "fixtures", "sqlite-increment.ts");
    const child = Bun.spawn([process.execPath, worker, path, "2"], { stderr: "pipe" });
    expect(await child.exited).toBe(0);
    expect(mark()).toBeGreaterThan(m);
    m = mark();
    expect(mark()).toBe(m);
    await a.close();
    await b.close();
  }, 30_000);

  test("two processes each incrementing one counter 1000 times end at exactly 2000", async () => {
    const path = join(dir, "multi", "kv.db");
    const backend = createSqliteBackend({ path });
    await backend.close();
    const worker = join(import.meta.dir, "fixtures", "sqlite-increment.ts");
    const children = [0, 1].map(() =>
      Bun.spawn([process.execPath, worker, path, "1000"], { stdout: "pipe", stderr: "pipe" }),
    );
    const codes = await Promise.all(children.map((c) => c.exited));
    const errors = await Promise.all(children.map((c) => new Response(c.stderr).text()));
    expect(errors.join("")).toBe("");
    expect(codes).toEqual([0, 0]);
    const outputs = await Promise.all(children.map((c) => new Response(c.stdout).text()));
    const conflicts = outputs.map((o) => JSON.parse(o).conflicts as number);
    const store = createKvStore(createSqliteBackend({ path }), { clock: systemClock });
    const total = await store.transact(async (tx) =>
      decodeI64LE(await tx.get(new Subspace(["multi"]).key("counter"))),
    );
    await store.close();
    expect(total).toBe(2000n);
    // Interleaving is up to the OS; when it happened, conflicts were detected and retried.
    expect(conflicts.every((c) => c >= 0)).toBe(true);
  }, 60_000);
});
