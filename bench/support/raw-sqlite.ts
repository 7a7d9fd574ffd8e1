/**
 * The raw `bun:sqlite` write baseline of the benchmarks (bench vaults and bench tokens):
 * 2-key write transactions (`BEGIN IMMEDIATE`, two upserts of 24-byte keys and 200-byte values
 * over 20 000 keys, `COMMIT`) on a WAL file with synchronous=NORMAL.
 */
import { Database } from "bun:sqlite";

export function rawDb(path: string): Database {
  const db = new Database(path, { create: true });
  db.run("PRAGMA busy_timeout = 5000");
  db.run("PRAGMA journal_mode = WAL");
  db.run("PRAGMA synchronous = NORMAL");
  db.run("CREATE TABLE kv (key BLOB PRIMARY KEY, value BLOB) WITHOUT ROWID");
  return db;
}

/** Raw 2-key write transactions per second for `ms`, values numbered from `from`. */
export function rawTwoKey(db: Database, ms: number, from: number): number {
  const begin = db.prepare("BEGIN IMMEDIATE");
  const commit = db.prepare("COMMIT");
  const upsert = db.prepare("INSERT OR REPLACE INTO kv (key, value) VALUES (?, ?)");
  const key = (i: number) => {
    const k = new Uint8Array(24).fill(3);
    new DataView(k.buffer).setUint32(20, i % 20_000);
    return k;
  };
  const value = (i: number) => {
    const v = new Uint8Array(200).fill(7);
    new DataView(v.buffer).setUint32(0, i);
    return v;
  };
  const start = performance.now();
  let n = 0;
  while (performance.now() - start < ms) {
    const i = from + n++;
    begin.run();
    upsert.run(key(2 * i), value(i));
    upsert.run(key(2 * i + 1), value(i));
    commit.run();
  }
  return (n * 1000) / (performance.now() - start);
}
