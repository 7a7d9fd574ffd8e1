/**
 * The WAL-index header reader (src/kv/backends/wal-index.ts): on Linux the header is read through
 * a shared mapping of the `-shm` file, which must show every commit of any connection and process
 * exactly as `pread` of the same descriptor does; without the mapping, `pread` gives the same bytes;
 * the last release unmaps it.
 */

import { Database } from "bun:sqlite";
import { expect, test } from "bun:test";
import { mkdtempSync, readSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  openWalIndex,
  readHeader,
  releaseWalIndex,
  WAL_HEADER_BYTES,
  type WalIndexFd,
} from "../../../src/kv/backends/wal-index.ts";

function walDb(path: string): Database {
  const db = new Database(path, { create: true });
  db.run("PRAGMA journal_mode = WAL");
  db.run("CREATE TABLE IF NOT EXISTS t (v INTEGER)");
  return db;
}

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");

/** The header as `pread` of the same descriptor reads it. */
function preadHeader(w: WalIndexFd): Uint8Array {
  const out = new Uint8Array(WAL_HEADER_BYTES);
  expect(readSync(w.fd, out, 0, WAL_HEADER_BYTES, 0)).toBe(WAL_HEADER_BYTES);
  return out;
}

test.skipIf(process.platform !== "linux")(
  "the mapped header shows commits of another connection and another process, as pread does",
  async () => {
    const dir = mkdtempSync(join(tmpdir(), "wal-index-"));
    const path = join(dir, "kv.db");
    const mine = walDb(path);
    const w = openWalIndex(path);
    try {
      expect(w).toBeDefined();
      if (!w) return;
      expect(w.map).toBeDefined();
      const got = new Uint8Array(WAL_HEADER_BYTES);
      const seen: string[] = [];
      const check = () => {
        expect(readHeader(w, got)).toBe(true);
        expect(hex(got)).toBe(hex(preadHeader(w)));
        seen.push(hex(got));
      };
      check();
      const other = walDb(path);
      other.run("INSERT INTO t VALUES (1)");
      check();
      mine.run("INSERT INTO t VALUES (2)");
      check();
      const child = Bun.spawn(
        [
          process.execPath,
          "-e",
          `const { Database } = require("bun:sqlite"); const d = new Database(${JSON.stringify(path)}); d.run("INSERT INTO t VALUES (3)"); d.close();`,
        ],
        { stderr: "pipe" },
      );
      expect(await child.exited).toBe(0);
      check();
      other.close();
      // Every commit changed the header, and the mapping saw each change.
      expect(new Set(seen).size).toBe(seen.length);
    } finally {
      // The connection first: closing a descriptor of the file drops this process's locks on it.
      mine.close();
      if (w) releaseWalIndex(w);
      rmSync(dir, { recursive: true, force: true });
    }
    // The last release unmapped it.
    expect(w?.map).toBeUndefined();
  },
);

test("without the mapping the header is read with pread, the same bytes", () => {
  const dir = mkdtempSync(join(tmpdir(), "wal-index-"));
  const path = join(dir, "kv.db");
  const db = walDb(path);
  const w = openWalIndex(path, { map: false });
  try {
    expect(w?.map).toBeUndefined();
    if (!w) return;
    db.run("INSERT INTO t VALUES (1)");
    const got = new Uint8Array(WAL_HEADER_BYTES);
    expect(readHeader(w, got)).toBe(true);
    expect(hex(got)).toBe(hex(preadHeader(w)));
    const before = hex(got);
    db.run("INSERT INTO t VALUES (2)");
    expect(readHeader(w, got)).toBe(true);
    expect(hex(got)).not.toBe(before);
  } finally {
    db.close();
    if (w) releaseWalIndex(w);
    rmSync(dir, { recursive: true, force: true });
  }
});
