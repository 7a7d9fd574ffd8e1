/**
 * The FoundationDB backend loads its native binding lazily. Where the client library (libfdb_c) is
 * missing, as on this machine and in CI, opening it must fail with one clear line and print nothing
 * else; FDB error codes must map to the port's error codes.
 */
import { describe, expect, spyOn, test } from "bun:test";
import {
  createFoundationDbBackend,
  FDB_MISSING_MESSAGE,
  loadFoundationDb,
  mapFdbError,
} from "../../../src/kv/backends/foundationdb.ts";

const libraryPresent = await loadFoundationDb().then(
  () => true,
  () => false,
);

describe("foundationdb backend", () => {
  test.skipIf(libraryPresent)(
    `without libfdb_c, opening fails with one clear line${libraryPresent ? " (skipped: libfdb_c is installed here)" : ""}`,
    async () => {
      const errors = spyOn(console, "error");
      let caught: unknown;
      try {
        await createFoundationDbBackend({ clusterFile: "/nonexistent/fdb.cluster" });
      } catch (e) {
        caught = e;
      }
      expect(caught).toMatchObject({
        name: "KvError",
        code: "unavailable",
        message: FDB_MISSING_MESSAGE,
      });
      const message = (caught as Error).message;
      expect(message.split("\n")).toHaveLength(1);
      expect(message).toStartWith(
        "FoundationDB client library (libfdb_c) is not available: install the foundationdb-clients package",
      );
      expect(errors).not.toHaveBeenCalled();
      errors.mockRestore();
    },
  );

  test("an importer that fails is reported the same way", async () => {
    const err = await loadFoundationDb(async () => {
      throw new Error("dlopen failed");
    }).catch((e: unknown) => e);
    if (libraryPresent) return; // already loaded once; the cached module is returned
    expect(err).toMatchObject({ code: "unavailable", message: FDB_MISSING_MESSAGE });
    expect((err as Error).cause).toMatchObject({ message: "dlopen failed" });
  });

  test("FDB error codes map to KvError codes", () => {
    const fdbError = (code: number) => Object.assign(new Error(`fdb ${code}`), { code });
    const expected: [number, string][] = [
      [1020, "conflict"],
      [1021, "unknown_result"],
      [2101, "too_large"],
      [2102, "too_large"],
      [2103, "too_large"],
      [1007, "timeout"],
      [1031, "timeout"],
      [1500, "unavailable"],
    ];
    for (const [code, kv] of expected) {
      expect(mapFdbError(fdbError(code))).toMatchObject({ name: "KvError", code: kv });
    }
    const other = new Error("not fdb");
    expect(mapFdbError(other)).toBe(other);
  });
});
