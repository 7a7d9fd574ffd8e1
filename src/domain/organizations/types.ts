/**
 * Organization records as persisted under `Roots.org` and held in the organization actor's memory.
 *
 * Times are Unix milliseconds (numbers); transports render them as RFC 3339 (docs/http-api.md#a2--timestamps). Ids are
 * Snowflake decimal strings (docs/http-api.md#a1--ids). Member, team and invitation records live in their own modules
 * (`src/domain/teams`, `src/domain/invitations`) but under the same organization key range.
 */

export const ORG_ROLES = ["MEMBER", "ADMIN", "OWNER"] as const;
export type OrgRole = (typeof ORG_ROLES)[number];

export const ORG_TIERS = ["TIER_DEV_V1", "TIER_PRO_V1", "TIER_MAX_V1"] as const;
export type OrgTier = (typeof ORG_TIERS)[number];

/** Rank of a role in the hierarchy MEMBER < ADMIN < OWNER. */
export function roleRank(role: OrgRole): number {
  return ORG_ROLES.indexOf(role);
}

export function isOrgRole(v: unknown): v is OrgRole {
  return typeof v === "string" && (ORG_ROLES as readonly string[]).includes(v);
}

export interface Organization {
  id: string;
  name: string;
  tier: OrgTier;
  created_at: number;
  updated_at: number;
  /** Set while the organization is suspended: members may read, nobody but an OWNER may write. */
  suspended_at: number | null;
  /** Set when deleted; the record stays as a tombstone so the id answers 404 for ever. */
  deleted_at: number | null;
}

/** A user's membership of one organization. `id` is the membership id used in member routes. */
export interface Member {
  id: string;
  org_id: string;
  user_id: string;
  role: OrgRole;
  created_at: number;
}

/** The per-user index entry (user → organization), readable without activating the actor. */
export interface MembershipIndex {
  org_id: string;
  member_id: string;
  role: OrgRole;
  joined_at: number;
}
