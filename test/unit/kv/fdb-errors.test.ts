/**
 * The FoundationDB error table (src/kv/backends/fdb-errors.ts): every code FoundationDB's own
 * predicate calls retryable-not-committed or maybe-committed maps as the port needs, 1031 is an
 * unknown result at commit only, the size limits are too_large, anything else unavailable with
 * its code in the message.
 */
import { describe, expect, test } from "bun:test";
import {
  classifyFdbError,
  FDB_MAYBE_COMMITTED,
  FDB_RETRYABLE_NOT_COMMITTED,
  fdbErrorCode,
} from "../../../src/kv/backends/fdb-errors.ts";

describe("FoundationDB error classification", () => {
  test("retryable, not committed → conflict (1007 → timeout, retried once)", () => {
    const codes = [1009, 1020, 1037, 1038, 1042, 1051, 1078, 1213];
    expect(Object.keys(FDB_RETRYABLE_NOT_COMMITTED).map(Number).sort()).toEqual(
      [1007, ...codes].sort(),
    );
    for (const c of codes) {
      expect({ c, commit: fdbErrorCode(c, "commit"), other: fdbErrorCode(c, "other") }).toEqual({
        c,
        commit: "conflict",
        other: "conflict",
      });
    }
    expect(fdbErrorCode(1007, "other")).toBe("timeout");
  });

  test("maybe committed → unknown_result, never a plain retry", () => {
    expect(Object.keys(FDB_MAYBE_COMMITTED).map(Number).sort()).toEqual([1021, 1039]);
    for (const c of [1021, 1039]) expect(fdbErrorCode(c, "commit")).toBe("unknown_result");
  });

  test("1031 at commit may still commit: unknown_result; elsewhere timeout", () => {
    expect(fdbErrorCode(1031, "commit")).toBe("unknown_result");
    expect(fdbErrorCode(1031, "other")).toBe("timeout");
  });

  test("limits → too_large; anything else unavailable, naming the code", () => {
    for (const c of [2101, 2102, 2103]) expect(fdbErrorCode(c, "other")).toBe("too_large");
    for (const c of [1100, 2000, 2005, 2021, 4100])
      expect(fdbErrorCode(c, "commit")).toBe("unavailable");
    const e = classifyFdbError(2005, "inverted_range", "other");
    expect(e.code).toBe("unavailable");
    expect(e.message).toContain("2005");
    expect(classifyFdbError(1020, "Transaction not committed", "commit").message).toContain(
      "not_committed",
    );
  });
});
