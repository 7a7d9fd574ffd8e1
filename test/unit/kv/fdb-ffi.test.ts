/**
 * Our FoundationDB C binding (src/kv/backends/fdb-c.ts) and the KV adapter on top of it
 * (foundationdb.ts), run against a C stand-in for libfdb_c compiled here with the machine's C
 * compiler (test/support/fdb-stub/fdb_c_stub.c). What this proves: arguments, structs and
 * out-parameters cross bun:ffi correctly, futures completed on another thread resolve on the event
 * loop without blocking it, paging follows `more`, forced FDB errors classify and retry as the port
 * says, and every future and transaction is destroyed exactly once. Not FoundationDB's semantics:
 * the conformance suite checks those against a real cluster (FDB_CLUSTER_FILE).
 */

import { dlopen } from "bun:ffi";
import { afterAll, describe, expect, test } from "bun:test";
import { resolve } from "node:path";
import {
  type FdbClient,
  FdbLoadError,
  loadFdbClient,
  StreamingMode,
} from "../../../src/kv/backends/fdb-c.ts";
import { createFoundationDbBackend } from "../../../src/kv/backends/foundationdb.ts";
import { createKvStore } from "../../../src/kv/store.ts";
import { decodeI64LE, type KvBackend } from "../../../src/kv/types.ts";
import { systemClock } from "../../../src/lib/clock.ts";
import { buildFdbStub } from "../../support/fdb-stub/build.ts";

const ROOT = resolve(import.meta.dir, "../../..");
const built = buildFdbStub("fdb_c_stub");
const skip = "skip" in built ? built.skip : undefined;
if (skip) console.log(`fdb-ffi tests skipped: ${skip}`);
const stubPath = "path" in built ? built.path : "";

function control(path: string) {
  const i64 = { args: [], returns: "i64" } as const;
  return dlopen(path, {
    stub_force_next_commit_error: { args: ["i32"], returns: "void" },
    stub_force_setup_network_error: { args: ["i32"], returns: "void" },
    stub_delay_next_future: { args: ["i32"], returns: "void" },
    stub_set_page_size: { args: ["i32"], returns: "void" },
    stub_live_futures: i64,
    stub_live_transactions: i64,
    stub_live_databases: i64,
    stub_double_destroys: i64,
    stub_callbacks_network_thread: i64,
    stub_callbacks_inline: i64,
    stub_conflict_ranges: i64,
    stub_last_timeout_ms: i64,
    stub_last_size_limit: i64,
    stub_network_running: { args: [], returns: "i32" },
  }).symbols;
}

const enc = new TextEncoder();
const k = (s: string) => enc.encode(s);
const text = (b: Uint8Array | undefined) => (b ? new TextDecoder().decode(b) : undefined);

describe.skipIf(Boolean(skip))(
  `fdb-c against the libfdb_c stub${skip ? ` (skipped: ${skip})` : ""}`,
  () => {
    const stub = skip ? undefined : control(stubPath);
    let client: FdbClient;
    const backends: KvBackend[] = [];
    const open = async (
      opts: { transactionTimeoutMs?: number; transactionSizeLimit?: number } = {},
    ) => {
      const b = await createFoundationDbBackend({
        libraryPath: stubPath,
        clusterFile: "/stub/fdb.cluster",
        ...opts,
      });
      backends.push(b);
      return b;
    };

    afterAll(async () => {
      for (const b of backends) await b.close();
      await client?.stop();
    });

    test("loads the library once, selects API 720 and runs the network on another thread", () => {
      client = loadFdbClient({ libraryPath: stubPath });
      expect(loadFdbClient({ libraryPath: stubPath })).toBe(client);
      expect(client.running).toBe(true);
      expect(client.maxApiVersion).toBe(730);
    });

    test("set, get, clear and clearRange round trip through the C API", async () => {
      const db = client.openDatabase("/stub/fdb.cluster");
      try {
        const t1 = db.createTransaction();
        t1.set(k("rt/a"), k("1"));
        t1.set(k("rt/b"), k("2"));
        t1.set(k("rt/c"), new Uint8Array(0));
        t1.set(k("rt/d"), k("4"));
        expect(text(await t1.get(k("rt/a")))).toBe("1"); // the stub's read-your-writes
        await t1.commit();
        t1.destroy();

        const t2 = db.createTransaction();
        expect(text(await t2.get(k("rt/b"), true))).toBe("2");
        expect(await t2.get(k("rt/c"))).toEqual(new Uint8Array(0)); // present, empty
        expect(await t2.get(k("rt/missing"))).toBeUndefined();
        t2.clear(k("rt/a"));
        t2.clearRange(k("rt/b"), k("rt/d"));
        await t2.commit();
        t2.destroy();

        const t3 = db.createTransaction();
        const rows = await t3.getRange(k("rt/"), k("rt0"));
        expect(rows.map((r) => text(r.key))).toEqual(["rt/d"]);
        expect(text(rows[0]?.value)).toBe("4");
        t3.destroy();
      } finally {
        db.close();
      }
    });

    test("get range: limit, reverse and paging through `more`", async () => {
      const s = stub!;
      const db = client.openDatabase();
      try {
        const w = db.createTransaction();
        for (let i = 0; i < 7; i++) w.set(k(`pg/${i}`), k(`v${i}`));
        await w.commit();
        w.destroy();
        s.stub_set_page_size(2);
        const t = db.createTransaction();
        const keys = (rows: { key: Uint8Array }[]) => rows.map((r) => text(r.key));
        const before = client.stats.futuresCreated;
        expect(keys(await t.getRange(k("pg/"), k("pg0")))).toEqual(
          [0, 1, 2, 3, 4, 5, 6].map((i) => `pg/${i}`),
        );
        expect(client.stats.futuresCreated - before).toBe(4); // 2 + 2 + 2 + 1: four pages
        expect(keys(await t.getRange(k("pg/"), k("pg0"), { reverse: true }))).toEqual(
          [6, 5, 4, 3, 2, 1, 0].map((i) => `pg/${i}`),
        );
        expect(keys(await t.getRange(k("pg/"), k("pg0"), { limit: 3 }))).toEqual([
          "pg/0",
          "pg/1",
          "pg/2",
        ]);
        expect(keys(await t.getRange(k("pg/"), k("pg0"), { limit: 5, reverse: true }))).toEqual([
          "pg/6",
          "pg/5",
          "pg/4",
          "pg/3",
          "pg/2",
        ]);
        expect(
          keys(
            await t.getRange(k("pg/2"), k("pg/5"), {
              mode: StreamingMode.iterator,
              snapshot: true,
            }),
          ),
        ).toEqual(["pg/2", "pg/3", "pg/4"]);
        expect(await t.getRange(k("pg/5"), k("pg/5"))).toEqual([]);
        t.destroy();
      } finally {
        s.stub_set_page_size(3);
        db.close();
      }
    });

    test("the KV adapter: atomic add, versionstamped key and value, options, conflict ranges", async () => {
      const s = stub!;
      const backend = await open({ transactionTimeoutMs: 1234, transactionSizeLimit: 777_000 });
      const t1 = backend.begin();
      expect(s.stub_last_timeout_ms()).toBe(1234n);
      expect(s.stub_last_size_limit()).toBe(777_000n);
      t1.atomicAdd(k("ad/n"), 5);
      t1.atomicAdd(k("ad/n"), -2n);
      t1.setVersionstampedKey(k("vs/"), k("/sfx"), k("val"));
      t1.setVersionstampedValue(k("vv/x"), k("pre:"), k(":post"));
      const ranges = s.stub_conflict_ranges();
      t1.addReadConflictRange(k("ad/"), k("ad0"));
      expect(s.stub_conflict_ranges()).toBe(ranges + 1n);
      const stamp = await t1.commit();
      expect(stamp).toHaveLength(10);
      expect(await t1.getVersionstamp()).toEqual(stamp);

      const t2 = backend.begin();
      expect(decodeI64LE(await t2.get(k("ad/n")))).toBe(3n);
      const [row] = await t2.snapshot.getRange(k("vs/"), k("vs0"));
      expect(row?.key).toEqual(new Uint8Array([...k("vs/"), ...stamp, ...k("/sfx")]));
      expect(text(row?.value)).toBe("val");
      expect(await t2.get(k("vv/x"))).toEqual(
        new Uint8Array([...k("pre:"), ...stamp, ...k(":post")]),
      );
      expect(() => t2.addReadConflictRange(k("b"), k("a"))).toThrow(
        expect.objectContaining({ name: "KvError", message: expect.stringContaining("2005") }),
      );
      expect(await t2.commit()).toEqual(new Uint8Array(10)); // read-only: no versionstamp asked
    });

    test("a write set that changes nothing (an empty clearRange) commits without a versionstamp", async () => {
      const backend = await open();
      const t = backend.begin();
      t.clearRange(k("e/b"), k("e/a"));
      expect(await t.commit()).toEqual(new Uint8Array(10));
    });

    test("a forced not_committed (1020) makes the store retry and succeed", async () => {
      const backend = await open();
      const store = createKvStore(backend, { clock: systemClock, backoffSleep: async () => {} });
      stub!.stub_force_next_commit_error(1020);
      let attempts = 0;
      await store.transact(async (tx) => {
        attempts++;
        tx.set(k("retry/a"), k("ok"));
      });
      expect(attempts).toBe(2);
      expect(store.stats()).toMatchObject({ conflicts: 1, commits: 1 });
      expect(text(await store.transact((tx) => tx.get(k("retry/a"))))).toBe("ok");
    });

    test("maybe committed: 1021 and 1031 at commit surface as unknown_result", async () => {
      const backend = await open();
      for (const code of [1021, 1031]) {
        stub!.stub_force_next_commit_error(code);
        const t = backend.begin();
        t.set(k("mc/a"), k("x"));
        const err = await t.commit().catch((e: unknown) => e);
        expect(err).toMatchObject({ name: "KvError", code: "unknown_result" });
        expect((err as Error).message).toContain(String(code));
        expect(await t.getVersionstamp().catch((e: unknown) => e)).toBe(err);
      }
      const store = createKvStore(backend, { clock: systemClock, backoffSleep: async () => {} });
      stub!.stub_force_next_commit_error(1021);
      await store.transact(async (tx) => tx.set(k("mc/b"), k("y")));
      expect(store.stats()).toMatchObject({ unknownResults: 1, commits: 1 });
    });

    test("cancel destroys the transaction; its versionstamp rejects", async () => {
      const backend = await open();
      const t = backend.begin();
      t.set(k("c/a"), k("x"));
      await t.get(k("c/a"));
      t.cancel();
      t.cancel();
      await expect(t.getVersionstamp()).rejects.toMatchObject({ code: "unavailable" });
      const t2 = backend.begin();
      expect(await t2.get(k("c/a"))).toBeUndefined();
      t2.cancel();
    });

    test("futures complete on the stub's network thread while the event loop keeps running", async () => {
      const s = stub!;
      const backend = await open();
      const fromNetwork = s.stub_callbacks_network_thread();
      let ticks = 0;
      const timer = setInterval(() => ticks++, 10);
      try {
        const t = backend.begin();
        s.stub_delay_next_future(300);
        const started = performance.now();
        const read = t.get(k("slow/none"));
        await Bun.sleep(100);
        expect(ticks).toBeGreaterThanOrEqual(5); // the loop ran while the future was pending
        expect(await read).toBeUndefined();
        expect(performance.now() - started).toBeGreaterThanOrEqual(290);
        t.cancel();
      } finally {
        clearInterval(timer);
      }
      expect(ticks).toBeGreaterThanOrEqual(20);
      expect(s.stub_callbacks_network_thread()).toBeGreaterThan(fromNetwork);
    });

    test("many concurrent reads all resolve", async () => {
      const backend = await open();
      const t = backend.begin();
      const values = await Promise.all(
        Array.from({ length: 200 }, (_, i) => t.get(k(`many/${i}`))),
      );
      expect(values.every((v) => v === undefined)).toBe(true);
      t.cancel();
    });

    test("after closing: every future and transaction was destroyed exactly once", async () => {
      const s = stub!;
      for (const b of backends.splice(0)) await b.close();
      expect(s.stub_live_futures()).toBe(0n);
      expect(s.stub_live_transactions()).toBe(0n);
      expect(s.stub_live_databases()).toBe(0n);
      expect(s.stub_double_destroys()).toBe(0n);
      expect(client.stats.futuresCreated).toBeGreaterThan(200);
      expect(client.stats.futuresDestroyed).toBe(client.stats.futuresCreated);
      expect(client.stats.transactionsDestroyed).toBe(client.stats.transactionsCreated);
      expect(s.stub_callbacks_network_thread() + s.stub_callbacks_inline()).toBeGreaterThan(0n);
      await client.stop();
      expect(s.stub_network_running()).toBe(0);
      expect(client.running).toBe(false);
      expect(() => loadFdbClient({ libraryPath: stubPath })).toThrow(FdbLoadError);
    });
  },
);

describe.skipIf(Boolean(skip))(
  `the loader against stub builds${skip ? ` (skipped: ${skip})` : ""}`,
  () => {
    test("a library too old for API 720 (2203) is reported as such", () => {
      const old = buildFdbStub("fdb_c_old", ["STUB_MAX_API_VERSION=710"]);
      if (!("path" in old)) return;
      let caught: unknown;
      try {
        loadFdbClient({ libraryPath: old.path });
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(FdbLoadError);
      const e = caught as FdbLoadError;
      expect(e.reason).toBe("too_old");
      expect(e.code).toBe("unavailable");
      expect(e.message).toContain("too old for API version 720");
      expect(e.message).toContain("2203");
      expect(e.message).toContain("710");
      expect(e.message.split("\n")).toHaveLength(1);
    });

    test("a failed network setup is an initialisation failure", () => {
      const failing = buildFdbStub("fdb_c_setupfail");
      if (!("path" in failing)) return;
      control(failing.path).stub_force_setup_network_error(2009);
      let caught: unknown;
      try {
        loadFdbClient({ libraryPath: failing.path });
      } catch (e) {
        caught = e;
      }
      expect(caught).toMatchObject({ name: "KvError", reason: "init" });
      expect((caught as Error).message).toStartWith(
        "FoundationDB client initialisation failed: fdb_setup_network",
      );
      expect((caught as Error).message).toContain("2009");
    });
  },
);

describe("the CLI with the foundationdb backend and no client library", () => {
  test("prints one line on stderr and exits with status 2", () => {
    const r = Bun.spawnSync(
      [
        process.execPath,
        "src/main.ts",
        "--backend",
        "foundationdb",
        "--http-port",
        "0",
        "--grpc-port",
        "0",
        "--internal-port",
        "0",
      ],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          FDB_LIBRARY_PATH: "/nonexistent/libfdb_c.so",
          // Set so the config raises no warnings of its own on stderr.
          INFERADB_MGMT__AUTH__KEY_ENCRYPTION_SECRET: Buffer.alloc(48, 7).toString("base64"),
          INFERADB_MGMT__CLUSTER__SECRET: Buffer.alloc(48, 9).toString("base64"),
          INFERADB_MGMT__STORAGE__FDB_CLUSTER_FILE: "/nonexistent/fdb.cluster",
        },
        stdout: "pipe",
        stderr: "pipe",
        timeout: 30_000,
      },
    );
    const stderr = r.stderr.toString();
    expect({ exitCode: r.exitCode, stderr }).toMatchObject({ exitCode: 2 });
    const lines = stderr.split("\n").filter((l) => l.length > 0);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toStartWith(
      "storage error: FoundationDB client library not found (looked for /nonexistent/libfdb_c.so)",
    );
    expect(lines[0]).toContain("foundationdb-clients");
    expect(stderr).not.toMatch(/panic/i);
  });
});
