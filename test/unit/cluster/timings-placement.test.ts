/** Cluster timing rules (defaults and their relationships) and rendezvous placement. */
import { expect, test } from "bun:test";
import { resolveTimings } from "../../../src/cluster/node.ts";
import { hash53, preferredNode, rankNodes } from "../../../src/cluster/placement.ts";
import { DEFAULT_TIMINGS } from "../../../src/cluster/types.ts";

test("default timings: heartbeat 1 s, fence 3.5 s, suspect 5 s, campaign 1 s", () => {
  expect(resolveTimings({})).toEqual(DEFAULT_TIMINGS);
  expect(DEFAULT_TIMINGS).toEqual({
    heartbeatMs: 1000,
    suspectMs: 5000,
    fenceMs: 3500,
    campaignMs: 1000,
  });
});

test("defaults fence a node before anyone can declare it dead, and heal a leader within 8 s", () => {
  const t = DEFAULT_TIMINGS;
  expect(t.heartbeatMs).toBeLessThan(t.fenceMs);
  expect(t.fenceMs).toBeLessThan(t.suspectMs);
  // Worst case after a leader dies: its last beat is seen up to one heartbeat later, suspicion
  // needs suspectMs of observations, then one more observation interval and a campaign tick.
  expect(t.heartbeatMs + t.suspectMs + t.heartbeatMs + t.campaignMs).toBeLessThanOrEqual(8000);
});

test("timings that break the relationships are refused with the key named", () => {
  expect(() => resolveTimings({ fence_ms: 5000, suspect_ms: 5000 })).toThrow("cluster.fence_ms");
  expect(() => resolveTimings({ heartbeat_ms: 4000 })).toThrow("cluster.heartbeat_ms");
  expect(() => resolveTimings({ heartbeat_ms: 0 })).toThrow("positive");
  expect(resolveTimings({ heartbeat_ms: 200, suspect_ms: 1000, fence_ms: 700 }).campaignMs).toBe(
    200,
  );
});

const nodes = ["n1", "n2", "n3", "n4", "n5"].map((nodeId) => ({ nodeId }));
const keys = Array.from({ length: 5000 }, (_, i) => `organization/${1_000_000 + i}`);

test("placement is deterministic and agrees with the ranking", () => {
  for (const k of keys.slice(0, 50)) {
    expect(preferredNode(k, nodes)?.nodeId).toBe(preferredNode(k, [...nodes].reverse())!.nodeId);
    expect(rankNodes(k, nodes)[0]!.nodeId).toBe(preferredNode(k, nodes)!.nodeId);
  }
  expect(preferredNode("x", [])).toBeUndefined();
  expect(hash53("abc")).toBe(hash53("abc"));
  expect(hash53("abc")).not.toBe(hash53("abd"));
});

test("placement spreads keys evenly and moves only the departed node's keys", () => {
  const count = new Map<string, number>();
  const before = new Map<string, string>();
  for (const k of keys) {
    const n = preferredNode(k, nodes)!.nodeId;
    before.set(k, n);
    count.set(n, (count.get(n) ?? 0) + 1);
  }
  for (const n of nodes) {
    const share = (count.get(n.nodeId) ?? 0) / keys.length;
    expect(share).toBeGreaterThan(0.16);
    expect(share).toBeLessThan(0.24);
  }
  const remaining = nodes.filter((n) => n.nodeId !== "n3");
  for (const k of keys) {
    const after = preferredNode(k, remaining)!.nodeId;
    if (before.get(k) !== "n3") expect(after).toBe(before.get(k)!);
  }
});
