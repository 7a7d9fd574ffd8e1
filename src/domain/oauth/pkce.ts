/** PKCE (RFC 7636): S256 only; challenges and verifiers are 43-128 unreserved characters. */
import { createHash, timingSafeEqual } from "node:crypto";

const UNRESERVED = /^[A-Za-z0-9\-._~]{43,128}$/;

export const isPkceValue = (v: unknown): v is string => typeof v === "string" && UNRESERVED.test(v);

/** Does `verifier` hash to `challenge` (S256, §4.6)? Constant-time on the digests. */
export function pkceMatches(verifier: string, challenge: string): boolean {
  if (!isPkceValue(verifier)) return false;
  const a = createHash("sha256").update(verifier, "ascii").digest();
  const b = Buffer.from(challenge, "base64url");
  return a.length === b.length && timingSafeEqual(a, b);
}
