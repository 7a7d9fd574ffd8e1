/**
 * Key layout of organizations under `Roots.org` (documented in docs/organizations.md):
 *
 *   ("o", org, "org")                    Organization        the record (tombstone once deleted)
 *   ("o", org, "mem", user)              Member              one per member, keyed by user id
 *   ("o", org, "inv", invitation)        Invitation
 *   ("o", org, "team", team)             Team
 *   ("o", org, "tmem", team, user)       TeamMember
 *   ("o", org, "tperm", team, perm)      TeamPermission
 *   ("u", user, org)                     MembershipIndex     "my organizations", per-user limit
 *   ("ix", invitation)                   InvitationLocator   accept / decline by invitation id
 *   ("ie", email, invitation)            InvitationLocator   the invitee's inbox
 *   ("count")                            i64 LE              organizations alive (global limit)
 *   ("idc", user, key)                   CreateClaim         org id of a create with Idempotency-Key
 *   ("idcx", expiresAt, user, key)       empty               expiry index of the claims (24 h)
 *   ("ud", user)                         i64 LE              deletion mark of an account (deletion.ts)
 *   ("cq", org, cascade)                 VaultCascade        vault cascade still to run (cascades.ts)
 *
 * Everything of one organization sits under ("o", org), so its actor loads it with one range read.
 * The other keys are indexes the actor maintains in the same write sets. Ids are tuple integers
 * (`idItem`), so they sort numerically.
 */
import { Roots } from "../../kv/layout.ts";
import { idItem } from "../users/keys.ts";

const root = Roots.org;

export const OrgKeys = {
  /** The whole organization: [begin, end). */
  orgRange: (orgId: string) => root.range("o", idItem(orgId)),
  /** The organization subspace (to decode keys of `orgRange`). */
  orgSpace: (orgId: string) => root.sub("o", idItem(orgId)),
  org: (orgId: string) => root.key("o", idItem(orgId), "org"),
  member: (orgId: string, userId: string) => root.key("o", idItem(orgId), "mem", idItem(userId)),
  invitation: (orgId: string, invId: string) => root.key("o", idItem(orgId), "inv", idItem(invId)),
  team: (orgId: string, teamId: string) => root.key("o", idItem(orgId), "team", idItem(teamId)),
  teamMember: (orgId: string, teamId: string, userId: string) =>
    root.key("o", idItem(orgId), "tmem", idItem(teamId), idItem(userId)),
  teamMembers: (orgId: string, teamId: string) =>
    root.range("o", idItem(orgId), "tmem", idItem(teamId)),
  teamPermission: (orgId: string, teamId: string, perm: string) =>
    root.key("o", idItem(orgId), "tperm", idItem(teamId), perm),
  teamPermissions: (orgId: string, teamId: string) =>
    root.range("o", idItem(orgId), "tperm", idItem(teamId)),
  userMembership: (userId: string, orgId: string) => root.key("u", idItem(userId), idItem(orgId)),
  userMemberships: (userId: string) => root.range("u", idItem(userId)),
  userSpace: root.sub("u"),
  invitationLocator: (invId: string) => root.key("ix", idItem(invId)),
  inbox: (email: string, invId: string) => root.key("ie", email, idItem(invId)),
  inboxRange: (email: string) => root.range("ie", email),
  inboxSpace: root.sub("ie"),
  orgCount: root.key("count"),
  createClaim: (userId: string, key: string) => root.key("idc", idItem(userId), key),
  createClaimExpiry: (expiresAt: number, userId: string, key: string) =>
    root.key("idcx", expiresAt, idItem(userId), key),
  createClaimExpirySpace: root.sub("idcx"),
  invitationClaim: (userId: string, key: string) => root.key("iic", idItem(userId), key),
  invitationClaimExpiry: (expiresAt: number, userId: string, key: string) =>
    root.key("iicx", expiresAt, idItem(userId), key),
  invitationClaimExpirySpace: root.sub("iicx"),
  deletionMark: (userId: string) => root.key("ud", idItem(userId)),
  cascade: (orgId: string, cascadeId: string) => root.key("cq", idItem(orgId), idItem(cascadeId)),
  orgCascades: (orgId: string) => root.range("cq", idItem(orgId)),
  allCascades: () => root.range("cq"),
} as const;
