/**
 * Reading SQLite's WAL-index header (the first 48 bytes of a database's `-shm` file), which changes
 * on every commit of any connection: how the SQLite backend knows a shared read snapshot is still
 * the latest state (see `SqliteStore.beginRead`).
 */
import { closeSync, openSync, readSync, realpathSync } from "node:fs";

/** Bytes of the first copy of the WAL-index header (SQLite file format, "WAL-index format"). */
export const WAL_HEADER_BYTES = 48;

/**
 * Opens `path`'s `-shm` file to read the WAL-index header with `pread` (one system call), or
 * undefined. The descriptor stays open until the connection is closed: closing *any* descriptor of
 * a file drops every POSIX lock the process holds on it, SQLite's included (so no `mmap`, which
 * opens and closes the file: that let another process truncate the `-shm` under this one).
 */
export function openWalIndex(path: string): WalIndexFd | undefined {
  try {
    const key = realpathSync(path);
    let w = walIndexFds.get(key);
    if (!w) {
      w = { key, fd: openSync(`${key}-shm`, "r"), refs: 0 };
      walIndexFds.set(key, w);
    }
    w.refs++;
    return w;
  } catch {
    return undefined;
  }
}

/**
 * One `-shm` descriptor per database file per process, shared by its connections and closed with
 * the last of them: closing it while another connection of this process is open would drop that
 * connection's locks too. (Per JS realm: SQLite backends are opened on the main thread only, as
 * the architecture has it; one opened in a worker thread would need the same registry.)
 */
export interface WalIndexFd {
  key: string;
  fd: number;
  refs: number;
}
const walIndexFds = new Map<string, WalIndexFd>();

/** Reads the header into `out`; false when it cannot be read whole (treated as changed). */
export function readHeader(fd: number, out: Uint8Array): boolean {
  try {
    return readSync(fd, out, 0, WAL_HEADER_BYTES, 0) === WAL_HEADER_BYTES;
  } catch {
    return false;
  }
}

/** Whether `a` equals `b` byte for byte over `a`'s length (headers of the same size). */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Drops one connection's reference; the last one closes the descriptor (after its connection). */
export function releaseWalIndex(w: WalIndexFd): void {
  if (--w.refs > 0) return;
  walIndexFds.delete(w.key);
  closeSync(w.fd);
}
