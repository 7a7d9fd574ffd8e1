/**
 * The rate limiter over the KV counters of counters.ts. `consume()` runs its own transaction (for
 * per-IP limits checked before an action, whose attempts count even when the action fails);
 * `consumeIn()` runs inside the caller's transaction (a limit that should only count actions that
 * commit, such as verification mails). With `enabled: false` every call is allowed and nothing is
 * written (config `rate_limiting.enabled`).
 */
import type { KvStore, Transaction } from "../../kv/types.ts";
import { applyMutations } from "../../kv/types.ts";
import type { Clock } from "../../lib/clock.ts";
import { CommonErrors } from "../../lib/errors.ts";
import {
  decide,
  type RateLimitDecision,
  type RateLimitRule,
  readCounter,
  spendWrites,
} from "./counters.ts";

export class RateLimiter {
  readonly #kv: KvStore;
  readonly #clock: Clock;
  readonly enabled: boolean;
  readonly #onDenied: ((category: string) => void) | undefined;

  constructor(opts: {
    kv: KvStore;
    clock: Clock;
    enabled: boolean;
    /** Called once per denied decision (metrics). */
    onDenied?: (category: string) => void;
  }) {
    this.#kv = opts.kv;
    this.#clock = opts.clock;
    this.enabled = opts.enabled;
    this.#onDenied = opts.onDenied;
  }

  /** Spends one unit of `rule` for `identifier` in a transaction of its own. */
  consume(rule: RateLimitRule, identifier: string): Promise<RateLimitDecision> {
    if (!this.enabled) return Promise.resolve(this.#unlimited(rule));
    return this.#kv
      .transact((tx) => this.consumeIn(tx, rule, identifier), {
        name: `ratelimit.${rule.category}`,
      })
      .then((d) => {
        if (!d.allowed) this.denied(rule);
        return d;
      });
  }

  /**
   * Spends one unit inside `tx` when allowed (nothing is written when denied). A conflicting read
   * plus an atomic add: concurrent spenders of the last unit conflict, so the limit is exact.
   */
  async consumeIn(
    tx: Transaction,
    rule: RateLimitRule,
    identifier: string,
    now: number = this.#clock.now(),
  ): Promise<RateLimitDecision> {
    if (!this.enabled) return this.#unlimited(rule);
    const decision = decide(rule, await readCounter(tx, rule, identifier, now), now);
    if (decision.allowed) applyMutations(tx, spendWrites(rule, identifier, now));
    return decision;
  }

  /** Reports a denied decision (after the transaction that made it, so retries count once). */
  denied(rule: RateLimitRule): void {
    this.#onDenied?.(rule.category);
  }

  /**
   * Gives back, inside `tx`, a unit spent by `consumeIn(…, spentAt)` (in the window it was spent
   * in). Failure counters reserve a unit before the outcome is known, so parallel attempts cannot
   * all pass the check at once, and refund it when the attempt succeeded.
   */
  refundIn(tx: Transaction, rule: RateLimitRule, identifier: string, spentAt: number): void {
    if (this.enabled) applyMutations(tx, spendWrites(rule, identifier, spentAt, -1));
  }

  #unlimited(rule: RateLimitRule): RateLimitDecision {
    return { allowed: true, limit: rule.limit, remaining: rule.limit, resetSec: rule.windowSec };
  }
}

/** The 429 for a denied decision, with Retry-After. */
export function rateLimitedError(d: RateLimitDecision, message?: string) {
  return CommonErrors.RATE_LIMITED(message, { retryAfterSeconds: d.resetSec });
}
