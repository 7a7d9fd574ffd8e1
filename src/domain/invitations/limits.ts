/**
 * Bounds on invitations (docs/organizations.md#invitations), so an organization can neither mail
 * without limit nor grow its actor's in-memory state without limit:
 *
 * - **pending cap**: an organization holds at most `PENDING_PER_SEAT` × its tier's member limit
 *   pending invitations (DEV 10, PRO 100, MAX 1000); one more answers 402 `INVITATION_LIMIT`.
 *   Every create first drops the expired invitations still held, so the cap bounds the whole map;
 * - **mail budgets**: every created invitation spends one unit of each rate-limit rule the service
 *   passes (per organization, per recipient address; KV counters of src/domain/ratelimit), in the
 *   same write set as the invitation and its mail, so only invitations that commit count. The
 *   turn reads the counters with `ctx.read` (re-validated at commit), so two organizations racing
 *   for an address's last unit cannot both send. Over a budget: 429 `INVITATION_RATE_LIMITED`
 *   with Retry-After.
 */
import type { Mutation } from "../../kv/types.ts";
import { OrgErrors } from "../organizations/errors.ts";
import { TIER_LIMITS } from "../organizations/limits.ts";
import type { OrgTier } from "../organizations/types.ts";
import { decide, type RateLimitRule, spendWrites } from "../ratelimit/counters.ts";

/** Pending invitations allowed per member seat of the tier. */
export const PENDING_PER_SEAT = 2;

export function maxPendingInvitations(tier: OrgTier): number {
  return PENDING_PER_SEAT * TIER_LIMITS[tier].members;
}

export function assertPendingCapacity(tier: OrgTier, pending: number): void {
  const max = maxPendingInvitations(tier);
  if (pending >= max) {
    throw OrgErrors.INVITATION_LIMIT(
      `Organization has reached the maximum number of pending invitations (${max}) for tier ${tier}; withdraw some or wait for them to be accepted or expire`,
    );
  }
}

/** One budget an invitation mail spends: the rule, whose counter, and the units used so far. */
export interface MailBudget {
  rule: RateLimitRule;
  identifier: string;
  used: number;
}

/**
 * Spends one unit of every budget, or throws 429 INVITATION_RATE_LIMITED (Retry-After: the longest
 * wait among the exhausted budgets) and spends nothing.
 */
export function spendMailBudgets(budgets: readonly MailBudget[], now: number): Mutation[] {
  let wait = 0;
  for (const b of budgets) {
    const d = decide(b.rule, b.used, now);
    if (!d.allowed) wait = Math.max(wait, d.resetSec);
  }
  if (wait > 0) {
    throw OrgErrors.INVITATION_RATE_LIMITED(undefined, { retryAfterSeconds: wait });
  }
  return budgets.flatMap((b) => spendWrites(b.rule, b.identifier, now));
}
