/**
 * Reading SQLite's WAL-index header (the first 48 bytes of a database's `-shm` file), which changes
 * on every commit of any connection: how the SQLite backend knows a shared read snapshot is still
 * the latest state (see `SqliteStore.beginRead`).
 *
 * The header is read through a read-only shared mapping of the `-shm` file's first page, made with
 * `mmap(2)` (bun:ffi, libc) on the descriptor this module keeps open, so a read is a 48-byte copy
 * from memory instead of a `pread` system call (0.6 µs each, and an organization read took two,
 * a vault read five; docs/performance.md). Where libc cannot be loaded or the mapping is refused,
 * the header is read with `pread` as before. The mapping is safe from SIGBUS: SQLite shrinks a
 * `-shm` file only when it opens one that no connection holds (its DMS lock), and the mapping lives
 * only while a connection of this process holds it (it is unmapped with the last one, after it).
 */

import { dlopen, FFIType, toArrayBuffer } from "bun:ffi";
import { closeSync, fstatSync, openSync, readSync, realpathSync } from "node:fs";

/** Bytes of the first copy of the WAL-index header (SQLite file format, "WAL-index format"). */
export const WAL_HEADER_BYTES = 48;

/**
 * Opens `path`'s `-shm` file to read the WAL-index header (through a mapping of it, or with
 * `pread` where it cannot be mapped), or undefined. The descriptor stays open until the connection is closed: closing *any* descriptor of
 * a file drops every POSIX lock the process holds on it, SQLite's included (so no `Bun.mmap`, which
 * opens and closes the file: that let another process truncate the `-shm` under this one; the
 * mapping is made on this descriptor instead). `map: false` reads with `pread` only.
 */
export function openWalIndex(path: string, opts: { map?: boolean } = {}): WalIndexFd | undefined {
  try {
    const key = realpathSync(path);
    let w = walIndexFds.get(key);
    if (!w) {
      const fd = openSync(`${key}-shm`, "r");
      w = { key, fd, refs: 0, map: opts.map === false ? undefined : mapHeader(fd) };
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
  /** The header's shared mapping (live: it shows every commit), when `mmap` was possible. */
  map: HeaderMap | undefined;
}

interface HeaderMap {
  /** Address of the mapping (for `munmap`). */
  address: number;
  /** The header's bytes, in the mapping. */
  view: Uint8Array;
}

/** libc's mmap and munmap, or null where libc cannot be loaded (then `pread` is used). */
let libc:
  | {
      mmap(
        addr: null,
        length: number,
        prot: number,
        flags: number,
        fd: number,
        off: number,
      ): number;
      munmap(addr: number, length: number): number;
    }
  | null
  | undefined;
const PROT_READ = 1;
const MAP_SHARED = 1;

function loadLibc(): typeof libc {
  if (libc !== undefined) return libc;
  libc = null;
  const name =
    process.platform === "linux"
      ? "libc.so.6"
      : process.platform === "darwin"
        ? "libSystem.B.dylib"
        : "";
  if (!name) return libc;
  try {
    const lib = dlopen(name, {
      mmap: {
        args: [FFIType.ptr, FFIType.u64, FFIType.i32, FFIType.i32, FFIType.i32, FFIType.i64],
        returns: FFIType.ptr,
      },
      munmap: { args: [FFIType.ptr, FFIType.u64], returns: FFIType.i32 },
    });
    libc = {
      mmap: (addr, length, prot, flags, fd, off) =>
        Number(lib.symbols.mmap(addr, length, prot, flags, fd, off) ?? 0),
      munmap: (addr, length) => lib.symbols.munmap(addr, length) as number,
    };
  } catch {
    libc = null;
  }
  return libc;
}

/** Maps the header of the open `-shm` descriptor `fd` read-only, or undefined (then: `pread`). */
function mapHeader(fd: number): HeaderMap | undefined {
  const c = loadLibc();
  if (!c) return undefined;
  try {
    // A file shorter than the header would fault on access: SQLite sizes it on first WAL use.
    if (fstatSync(fd).size < WAL_HEADER_BYTES) return undefined;
    const address = c.mmap(null, WAL_HEADER_BYTES, PROT_READ, MAP_SHARED, fd, 0);
    // MAP_FAILED is (void*)-1; bun:ffi gives null (0 here) for a null pointer.
    if (!address || address === -1 || address >= 2 ** 64 - 4096) return undefined;
    return { address, view: new Uint8Array(toArrayBuffer(address, 0, WAL_HEADER_BYTES)) };
  } catch {
    return undefined;
  }
}
const walIndexFds = new Map<string, WalIndexFd>();

/** Reads the header into `out`; false when it cannot be read whole (treated as changed). */
export function readHeader(w: WalIndexFd, out: Uint8Array): boolean {
  if (w.map) {
    out.set(w.map.view);
    return true;
  }
  try {
    return readSync(w.fd, out, 0, WAL_HEADER_BYTES, 0) === WAL_HEADER_BYTES;
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
  const map = w.map;
  w.map = undefined;
  if (map) libc?.munmap(map.address, WAL_HEADER_BYTES);
  closeSync(w.fd);
}
