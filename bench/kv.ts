/**
 * KV benchmark: the SQLite backend through our `KvStore` against raw `bun:sqlite` doing the same
 * work in the same run, printed as figures and ratios (aim: ≥ 0.5 of raw).
 *
 * - writes: transactional single-key writes of a new 100-byte value, one transaction per write
 *   (raw: each write its own `BEGIN IMMEDIATE … COMMIT`), same keys, same pragmas (WAL,
 *   synchronous=NORMAL);
 * - range reads: 100-key range reads at random positions over 10 000 keys (raw: one
 *   `SELECT … ORDER BY key LIMIT 100`), each through a read-only transaction.
 *
 * - the same writes from 64 concurrent callers, which the store group-commits (raw: sequential,
 *   since one connection cannot do better).
 *
 * Store and raw run in alternating rounds (6 × 0.6 s each, after a warm-up) so both see the same
 * load on a shared machine; the whole run takes about 24 s.
 */
import { Database } from "bun:sqlite";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSqliteBackend } from "../src/kv/backends/sqlite.ts";
import { Subspace } from "../src/kv/keyspace.ts";
import { createKvStore } from "../src/kv/store.ts";
import { systemClock } from "../src/lib/clock.ts";

const ROUNDS = 6;
const ROUND_MS = 600;
const WARMUP_MS = 300;
const KEYS = 10_000;
const RANGE = 100;
const PARALLEL = 64;

const dir = mkdtempSync(join(tmpdir(), "bench-kv-"));
const space = new Subspace(["bench"]);
const value = new Uint8Array(100).fill(7);
const keys = Array.from({ length: KEYS }, (_, i) => space.key(i));

/** A 100-byte value that differs for every `i`. */
function valueFor(i: number): Uint8Array {
  const v = new Uint8Array(100).fill(7);
  new DataView(v.buffer).setUint32(0, i);
  return v;
}

type Op = (i: number) => unknown;

/** Runs `op` for `ms` with `parallel` callers; returns [operations, elapsed ms]. */
async function run(op: Op, ms: number, from: number, parallel = 1): Promise<[number, number]> {
  const start = performance.now();
  let n = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (performance.now() - start < ms) await op(from + n++);
    }),
  );
  return [n, performance.now() - start];
}

/**
 * Measures two implementations of the same work in alternating rounds, so that both see the same
 * machine load (the VM is shared); returns operations per second of each.
 */
async function compare(ours: Op, raw: Op, oursParallel = 1): Promise<[number, number]> {
  await run(ours, WARMUP_MS, 0, oursParallel);
  await run(raw, WARMUP_MS, 0);
  const total = [
    [0, 0],
    [0, 0],
  ] as [number, number][];
  for (let r = 0; r < ROUNDS; r++) {
    for (const [side, op] of [ours, raw].entries()) {
      const [n, ms] = await run(op, ROUND_MS, r * 1_000_003, side === 0 ? oursParallel : 1);
      total[side]![0] += n;
      total[side]![1] += ms;
    }
  }
  return [(total[0]![0] * 1000) / total[0]![1], (total[1]![0] * 1000) / total[1]![1]];
}

function rawDb(path: string): Database {
  const db = new Database(path, { create: true });
  db.run("PRAGMA busy_timeout = 5000");
  db.run("PRAGMA journal_mode = WAL");
  db.run("PRAGMA synchronous = NORMAL");
  db.run("CREATE TABLE kv (key BLOB PRIMARY KEY, value BLOB) WITHOUT ROWID");
  return db;
}

try {
  const store = createKvStore(createSqliteBackend({ path: join(dir, "store.db") }), {
    clock: systemClock,
  });
  const db = rawDb(join(dir, "raw.db"));
  const begin = db.prepare("BEGIN IMMEDIATE");
  const commit = db.prepare("COMMIT");
  const upsert = db.prepare("INSERT OR REPLACE INTO kv (key, value) VALUES (?, ?)");
  // The limit is written into the SQL: SQLite re-prepares a statement whose LIMIT is a bound
  // parameter on every execution (the store does the same, see SqliteStore.range).
  const range = db.prepare(
    `SELECT key, value FROM kv WHERE key >= ? AND key < ? ORDER BY key LIMIT ${RANGE}`,
  );
  const end = space.range()[1];

  // Both databases start with the same 10 000 keys.
  for (let i = 0; i < KEYS; i += 500) {
    await store.transact(async (tx) => {
      for (let j = i; j < i + 500; j++) tx.set(keys[j]!, value);
    });
    db.transaction(() => {
      for (let j = i; j < i + 500; j++) upsert.run(keys[j]!, value);
    })();
  }

  // Every write stores a different value: SQLite skips rewriting a row whose bytes are unchanged,
  // which would make the raw side measure no-op commits.
  const storeWrite: Op = (i) => store.transact(async (tx) => tx.set(keys[i % KEYS]!, valueFor(i)));
  const rawWrite: Op = (i) => {
    begin.run();
    upsert.run(keys[i % KEYS]!, valueFor(i));
    commit.run();
  };
  const [storeWrites, rawWrites] = await compare(storeWrite, rawWrite);
  // The same writes from 64 concurrent callers: the store group-commits them.
  const [groupWrites, rawWrites2] = await compare(storeWrite, rawWrite, PARALLEL);
  const [storeReads, rawReads] = await compare(
    (i) =>
      store.transact((tx) =>
        tx.getRange(keys[(i * 7919) % (KEYS - RANGE)]!, end, { limit: RANGE }),
      ),
    (i) => range.all(keys[(i * 7919) % (KEYS - RANGE)]!, end),
  );
  await store.close();
  db.close();

  const fmt = (n: number) => Math.round(n).toLocaleString("en-US").padStart(9);
  const ratio = (a: number, b: number) => (a / b).toFixed(2);
  console.log(
    `sqlite single-key write transactions/s    store ${fmt(storeWrites)}  raw ${fmt(rawWrites)}  ratio ${ratio(storeWrites, rawWrites)}`,
  );
  console.log(
    `  the same, ${PARALLEL} callers at once     store ${fmt(groupWrites)}  raw ${fmt(rawWrites2)}  ratio ${ratio(groupWrites, rawWrites2)} (group commit; raw stays sequential)`,
  );
  console.log(
    `sqlite ${RANGE}-key range reads/s            store ${fmt(storeReads)}  raw ${fmt(rawReads)}  ratio ${ratio(storeReads, rawReads)}`,
  );
  console.log(
    `(${Math.round((storeReads * RANGE) / 1000)}k keys/s read through the store; aim: ratio >= 0.50)`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
