/**
 * `sortedValuesOf` (src/domain/organizations/state.ts): list reads of an unchanged organization
 * reuse one sorted array per map; a changed map (withEntry copies) is sorted afresh.
 */
import { expect, test } from "bun:test";
import { sortedValuesOf, withEntry } from "../../../src/domain/organizations/state.ts";

test("sorted once per map, afresh after a change", () => {
  let compared = 0;
  const sorted = sortedValuesOf<number>((a, b) => {
    compared++;
    return a - b;
  });
  const m = new Map([
    ["c", 3],
    ["a", 1],
    ["b", 2],
  ]);
  const first = sorted(m);
  expect(first).toEqual([1, 2, 3]);
  const after = compared;
  expect(sorted(m)).toBe(first);
  expect(compared).toBe(after);
  const next = withEntry(m, "d", 0);
  expect(sorted(next)).toEqual([0, 1, 2, 3]);
  expect(sorted(m)).toBe(first);
});
