/**
 * Tier limits (docs/organizations.md#limits) and the per-user and global organization limits. Exceeding any of
 * them is a 402 (`payment_required`), teams included (fix of the original's defect #34, docs/http-api.md#defects-of-the-original-fixed-here).
 */
import type { OrgTier } from "./types.ts";

export interface TierLimits {
  members: number;
  teams: number;
  vaults: number;
}

export const TIER_LIMITS: Record<OrgTier, TierLimits> = {
  TIER_DEV_V1: { members: 5, teams: 3, vaults: 5 },
  TIER_PRO_V1: { members: 50, teams: 25, vaults: 50 },
  TIER_MAX_V1: { members: 500, teams: 100, vaults: 500 },
};

/** Organizations a user may belong to, whatever their role (creating and joining both count). */
export const MAX_ORGS_PER_USER = 10;

/** Organizations that may exist at once across the whole service. */
export const MAX_ORGS_GLOBAL = 100_000;

/** Default tier of a new organization. */
export const DEFAULT_TIER: OrgTier = "TIER_DEV_V1";
