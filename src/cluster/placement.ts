/**
 * Rendezvous (highest-random-weight) hashing: the preferred node of an actor key is the live node
 * with the highest `weight(nodeId, key)`. Every node computes the same answer from the same member
 * list (no coordination, no ring state), and when a node joins or leaves only the keys it wins or
 * held move (about 1/N of them). Cost: one 53-bit hash per candidate node, O(N) per lookup.
 *
 * The hash is cyrb53-style mixing over the UTF-16 code units of `nodeId + "\u0000" + key`: fast,
 * well distributed, deterministic across processes and platforms (no seeds, no native code).
 */

/** A 53-bit non-cryptographic hash of `s` (stable across processes and releases). */
export function hash53(s: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** The rendezvous weight of `nodeId` for `key`. */
export function placementWeight(nodeId: string, key: string): number {
  return hash53(`${nodeId}\u0000${key}`);
}

/**
 * The node that should host `key`: the one with the highest weight (ties, which need a 53-bit
 * collision, go to the smaller node id). Undefined when `nodes` is empty.
 */
export function preferredNode<N extends { nodeId: string }>(
  key: string,
  nodes: readonly N[],
): N | undefined {
  let best: N | undefined;
  let bestWeight = -1;
  for (const n of nodes) {
    const w = placementWeight(n.nodeId, key);
    if (w > bestWeight || (w === bestWeight && best && n.nodeId < best.nodeId)) {
      best = n;
      bestWeight = w;
    }
  }
  return best;
}

/** All `nodes` ordered by preference for `key` (first = preferred; next = fallback order). */
export function rankNodes<N extends { nodeId: string }>(key: string, nodes: readonly N[]): N[] {
  return nodes
    .map((n) => ({ n, w: placementWeight(n.nodeId, key) }))
    .sort((a, b) => b.w - a.w || (a.n.nodeId < b.n.nodeId ? -1 : 1))
    .map((x) => x.n);
}
