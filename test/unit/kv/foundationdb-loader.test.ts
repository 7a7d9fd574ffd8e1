/**
 * The FoundationDB backend loads libfdb_c (through bun:ffi, src/kv/backends/fdb-c.ts) only when
 * opened. Where the client library is missing, as on this machine and in CI, opening it must fail
 * with one clear line naming the file looked for and what to install, and print nothing else; a
 * file that exists but is no loadable library is an initialisation failure; FDB error codes map to
 * the port's error codes (with the commit phase). The stub-based loader cases are in fdb-ffi.test.ts.
 */
import { describe, expect, spyOn, test } from "bun:test";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defaultLibraryPath, FdbError } from "../../../src/kv/backends/fdb-c.ts";
import {
  createFoundationDbBackend,
  FdbLoadError,
  loadFoundationDb,
  mapFdbError,
} from "../../../src/kv/backends/foundationdb.ts";

const defaultPath = defaultLibraryPath({});
let libraryPresent = true;
try {
  loadFoundationDb({ libraryPath: defaultPath });
} catch (e) {
  libraryPresent = !(e instanceof FdbLoadError && e.reason === "missing");
}

describe("foundationdb backend", () => {
  test.skipIf(libraryPresent)(
    `without libfdb_c, opening fails with one clear line${libraryPresent ? " (skipped: libfdb_c is installed here)" : ""}`,
    async () => {
      const errors = spyOn(console, "error");
      let caught: unknown;
      try {
        await createFoundationDbBackend({
          clusterFile: "/nonexistent/fdb.cluster",
          libraryPath: defaultPath,
        });
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(FdbLoadError);
      expect(caught).toMatchObject({ name: "KvError", code: "unavailable", reason: "missing" });
      const message = (caught as Error).message;
      expect(message.split("\n")).toHaveLength(1);
      expect(message).toStartWith(
        `FoundationDB client library not found (looked for ${defaultPath}): install the foundationdb-clients package`,
      );
      expect(errors).not.toHaveBeenCalled();
      errors.mockRestore();
    },
  );

  test("an explicit path that does not exist is reported as missing, naming the path", () => {
    const path = "/nonexistent/dir/libfdb_c.so";
    let caught: unknown;
    try {
      loadFoundationDb({ libraryPath: path });
    } catch (e) {
      caught = e;
    }
    expect(caught).toMatchObject({ reason: "missing", libraryPath: path });
    expect((caught as Error).message).toContain(`(looked for ${path})`);
    expect((caught as Error).message).toContain("FDB_LIBRARY_PATH");
  });

  test("a file that is not a loadable library is an initialisation failure", () => {
    const path = join(mkdtempSync(join(tmpdir(), "fdb-loader-")), "libfdb_c.so");
    writeFileSync(path, "not a shared object\n");
    let caught: unknown;
    try {
      loadFoundationDb({ libraryPath: path });
    } catch (e) {
      caught = e;
    }
    expect(caught).toMatchObject({ reason: "init" });
    expect((caught as Error).message).toStartWith(
      `FoundationDB client initialisation failed: cannot load ${path}`,
    );
    expect((caught as Error).message.split("\n")).toHaveLength(1);
  });

  test("FDB_LIBRARY_PATH overrides the platform default", () => {
    expect(defaultLibraryPath({ FDB_LIBRARY_PATH: "/opt/fdb/libfdb_c.so" })).toBe(
      "/opt/fdb/libfdb_c.so",
    );
    expect(defaultLibraryPath({})).toBe(
      process.platform === "darwin" ? "libfdb_c.dylib" : "libfdb_c.so",
    );
  });

  test("FDB error codes map to KvError codes (commit phase included)", () => {
    const expected: [number, "commit" | "other", string][] = [
      [1020, "commit", "conflict"],
      [1021, "commit", "unknown_result"],
      [1031, "commit", "unknown_result"],
      [1031, "other", "timeout"],
      [1007, "other", "timeout"],
      [1009, "other", "conflict"],
      [2101, "commit", "too_large"],
      [1500, "other", "unavailable"],
    ];
    for (const [code, phase, kv] of expected) {
      const mapped = mapFdbError(new FdbError(code, `description of ${code}`), phase);
      expect(mapped).toMatchObject({ name: "KvError", code: kv });
      expect((mapped as Error).message).toContain(String(code));
    }
    const other = new Error("not fdb");
    expect(mapFdbError(other)).toBe(other);
  });
});
