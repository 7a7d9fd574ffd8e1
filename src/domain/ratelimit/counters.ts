/**
 * Fixed-window rate-limit counters in the KV store (docs/http-api.md#rate-limits), so limits hold across every node
 * of a cluster. Windows are aligned to multiples of the window length since the Unix epoch.
 *
 * Key layout under `Roots.ratelimit`:
 *
 *   ("w", windowEndSec, category, identifier) -> i64 LE counter (atomicAdd)
 *
 * The window end leads the key, so the cleanup job removes every finished window with one
 * `clearRange`. A check reads the counter with a conflicting read and increments it with an atomic
 * add in the same transaction: two concurrent consumers of the last unit conflict and one retries,
 * so a limit is never overshot.
 */
import { Roots } from "../../kv/layout.ts";
import { decodeI64LE, type Mutation, type ReadOps } from "../../kv/types.ts";

export interface RateLimitRule {
  /** Stable name: `login_ip`, `login_failures`, `registration_ip`, `email_verification`, ... */
  category: string;
  /** Allowed units per window. */
  limit: number;
  /** Window length in seconds. */
  windowSec: number;
}

export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  /** Units left in this window after this decision. */
  remaining: number;
  /** Seconds until the window ends (X-RateLimit-Reset, Retry-After). */
  resetSec: number;
}

export const RateLimitKeys = { window: Roots.ratelimit.sub("w") } as const;

/** The window containing `nowMs`, in whole seconds. */
export function windowAt(nowMs: number, windowSec: number): { start: number; end: number } {
  const start = Math.floor(nowMs / 1000 / windowSec) * windowSec;
  return { start, end: start + windowSec };
}

export function counterKey(rule: RateLimitRule, identifier: string, nowMs: number): Uint8Array {
  return RateLimitKeys.window.key(windowAt(nowMs, rule.windowSec).end, rule.category, identifier);
}

/** Units used so far in the current window (a conflicting read). */
export async function readCounter(
  tx: ReadOps,
  rule: RateLimitRule,
  identifier: string,
  nowMs: number,
): Promise<number> {
  return Number(decodeI64LE(await tx.get(counterKey(rule, identifier, nowMs))));
}

/** Pure decision for consuming `cost` units when `used` are already spent. */
export function decide(
  rule: RateLimitRule,
  used: number,
  nowMs: number,
  cost = 1,
): RateLimitDecision {
  const { end } = windowAt(nowMs, rule.windowSec);
  const resetSec = Math.max(1, Math.ceil(end - nowMs / 1000));
  const allowed = used + cost <= rule.limit;
  const after = allowed ? used + cost : used;
  return { allowed, limit: rule.limit, remaining: Math.max(0, rule.limit - after), resetSec };
}

/** The write that spends `cost` units. */
export function spendWrites(
  rule: RateLimitRule,
  identifier: string,
  nowMs: number,
  cost = 1,
): Mutation[] {
  return [{ op: "atomicAdd", key: counterKey(rule, identifier, nowMs), delta: cost }];
}

/** The range holding every window that ended at or before `nowMs` (for cleanup). */
export function finishedWindowsRange(nowMs: number): [Uint8Array, Uint8Array] {
  const [begin] = RateLimitKeys.window.range();
  return [begin, RateLimitKeys.window.key(Math.floor(nowMs / 1000) + 1)];
}
