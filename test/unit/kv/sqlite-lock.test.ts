/**
 * A writer waiting for another process's SQLite write lock must not freeze its own event loop:
 * bun:sqlite waits for the lock synchronously, so the backend keeps `busy_timeout` short and the
 * KvStore retries SQLITE_BUSY (a retryable conflict) with asynchronous backoff. Heartbeats, reads
 * and timers keep running while the lock is held elsewhere.
 */
import { afterEach, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSqliteBackend } from "../../../src/kv/backends/sqlite.ts";
import { Subspace } from "../../../src/kv/keyspace.ts";
import { createKvStore } from "../../../src/kv/store.ts";
import { systemClock } from "../../../src/lib/clock.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

test("while another process holds the write lock, timers still run and the write lands after", async () => {
  const dir = mkdtempSync(join(tmpdir(), "kv-lock-"));
  dirs.push(dir);
  const path = join(dir, "db.sqlite");
  const backend = createSqliteBackend({ path });
  const kv = createKvStore(backend, { clock: systemClock });
  const sp = new Subspace(["lock-test"]);
  await kv.transact(async (tx) => tx.set(sp.key("k"), Uint8Array.of(0)));

  // A second process takes the write lock and keeps it for 1.5 s.
  const holder = Bun.spawn(
    [
      process.execPath,
      "-e",
      `const { Database } = require("bun:sqlite");
       const db = new Database(${JSON.stringify(path)});
       db.run("BEGIN IMMEDIATE");
       console.log("locked");
       Bun.sleepSync(1500);
       db.run("COMMIT");`,
    ],
    { stdout: "pipe", stderr: "inherit" },
  );
  const reader = holder.stdout.getReader();
  const first = await reader.read();
  expect(new TextDecoder().decode(first.value)).toContain("locked");

  const order: string[] = [];
  const timer = new Promise<void>((resolve) =>
    setTimeout(() => {
      order.push("timer");
      resolve();
    }, 50),
  );
  const write = kv
    .transact(async (tx) => tx.set(sp.key("k"), Uint8Array.of(1)))
    .then(() => order.push("write"));
  await Promise.all([timer, write]);
  await holder.exited;

  // With a long synchronous busy wait the write would finish first and the timer only after it.
  expect(order).toEqual(["timer", "write"]);
  const v = await kv.transact(async (tx) => tx.get(sp.key("k")));
  expect(v).toEqual(Uint8Array.of(1));
  await kv.close();
});
