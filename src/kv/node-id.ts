/**
 * A stable node id kept beside a SQLite data file, so a node restarted on the same data (after a
 * crash, too) registers under the same id and supersedes its previous incarnation at once instead
 * of leaving it to be suspected (docs/cluster.md#node-ids).
 *
 * Several processes may share one file (a cluster on one host), so ids live in slots: slot `k` is
 * the small SQLite file `<data>.node-id.<k>` holding one id, and a process owns a slot while it
 * holds that file's exclusive lock (an open `BEGIN EXCLUSIVE`, never committed). The operating
 * system releases the lock when the process dies, SIGKILL included, so a restarted process takes
 * the first free slot: the one its crashed predecessor held, when the others are still running.
 * Taking a slot never waits (busy_timeout 0): a held slot is skipped.
 */
import { Database } from "bun:sqlite";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";

/** More processes than this on one data file get a random id (and a warning from the caller). */
const MAX_SLOTS = 64;

export interface NodeIdLease {
  nodeId: string;
  /** The slot file that holds it. */
  file: string;
  /** Releases the slot (graceful stop). Idempotent. */
  release(): void;
}

const isBusy = (e: unknown) => {
  const code = (e as { code?: unknown }).code;
  return (
    typeof code === "string" && (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED"))
  );
};

/**
 * Takes the first free slot beside `dataPath` and returns its id (creating it with `makeId` the
 * first time). Undefined when every slot is held by a running process.
 */
export function leaseNodeId(dataPath: string, makeId: () => string): NodeIdLease | undefined {
  mkdirSync(dirname(dataPath), { recursive: true });
  for (let k = 0; k < MAX_SLOTS; k++) {
    const file = `${dataPath}.node-id.${k}`;
    const db = new Database(file, { create: true });
    try {
      db.run("PRAGMA busy_timeout = 0");
      db.run("BEGIN EXCLUSIVE");
      db.run("CREATE TABLE IF NOT EXISTS node (id TEXT NOT NULL)");
      const row = db.query("SELECT id FROM node LIMIT 1").get() as { id: string } | null;
      const nodeId = row?.id ?? makeId();
      if (!row) db.run("INSERT INTO node (id) VALUES (?)", [nodeId]);
      db.run("COMMIT");
      // Hold the lock for the life of the process. Another starter may have slipped in between
      // COMMIT and this BEGIN: then the slot is theirs, and this one moves on.
      db.run("BEGIN EXCLUSIVE");
      let released = false;
      return {
        nodeId,
        file,
        release() {
          if (released) return;
          released = true;
          try {
            db.run("ROLLBACK");
          } finally {
            db.close();
          }
        },
      };
    } catch (e) {
      try {
        if (db.inTransaction) db.run("ROLLBACK");
      } catch {
        // nothing to undo
      }
      db.close();
      if (!isBusy(e)) throw e;
    }
  }
  return undefined;
}
