/**
 * Authentication of node-to-node calls: HMAC-SHA-256 with the shared `cluster.secret` over
 * `v1 \n timestamp \n nodeId \n body`. The receiver recomputes it, compares in constant time,
 * refuses timestamps outside ±`MAX_SKEW_MS` of its own wall clock and refuses a signature it has
 * already accepted within that window (replay), so an outsider can neither forge nor replay a
 * message. Headers: `x-infera-node`, `x-infera-ts` (ms), `x-infera-sig` (hex).
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export const AUTH_HEADERS = {
  node: "x-infera-node",
  timestamp: "x-infera-ts",
  signature: "x-infera-sig",
} as const;

/** Accepted clock difference between nodes for a signed call (ms). */
export const MAX_SKEW_MS = 30_000;

export function signForward(
  secret: string,
  timestamp: number,
  nodeId: string,
  body: string,
): string {
  return createHmac("sha256", secret).update(`v1\n${timestamp}\n${nodeId}\n${body}`).digest("hex");
}

/** Verifies signed calls and remembers accepted signatures for the skew window. */
export class ForwardVerifier {
  readonly #secret: string;
  readonly #seen = new Map<string, number>();

  constructor(secret: string) {
    this.#secret = secret;
  }

  /**
   * True when the headers carry a valid, fresh, never-seen signature of `body`. `now` is this
   * node's wall clock (ms).
   */
  verify(headers: Headers, body: string, now: number): boolean {
    const nodeId = headers.get(AUTH_HEADERS.node);
    const tsText = headers.get(AUTH_HEADERS.timestamp);
    const sig = headers.get(AUTH_HEADERS.signature);
    if (
      !nodeId ||
      !tsText ||
      !sig ||
      !/^[0-9]{1,16}$/.test(tsText) ||
      !/^[0-9a-f]{64}$/.test(sig)
    ) {
      return false;
    }
    const ts = Number(tsText);
    if (Math.abs(now - ts) > MAX_SKEW_MS) return false;
    const expected = Buffer.from(signForward(this.#secret, ts, nodeId, body), "hex");
    const given = Buffer.from(sig, "hex");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
    this.#forget(now);
    if (this.#seen.has(sig)) return false;
    this.#seen.set(sig, ts + MAX_SKEW_MS);
    return true;
  }

  #forget(now: number) {
    if (this.#seen.size < 1024) return;
    for (const [sig, until] of this.#seen) if (until < now) this.#seen.delete(sig);
  }
}
