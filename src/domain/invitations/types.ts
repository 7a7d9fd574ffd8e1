/**
 * Invitation records (docs/organizations.md#invitations; docs/http-api.md (A9, A12)): an invitation names an address and a role; the
 * invitee receives `<invitation id>.<secret>` by mail, and only SHA-256 of the secret is stored.
 * Accepting requires a verified address equal to the invitation's, within 7 days.
 */
import type { OrgRole } from "../organizations/types.ts";

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface Invitation {
  id: string;
  org_id: string;
  /** Trimmed, lower-cased address. */
  email: string;
  role: OrgRole;
  invited_by_user_id: string;
  /** SHA-256 of the token's secret, base64url. */
  secret_hash: string;
  created_at: number;
  expires_at: number;
}

/** The global locator of an invitation id (for accept and decline, which carry no org id). */
export interface InvitationLocator {
  org_id: string;
}

export function isExpired(inv: Invitation, now: number): boolean {
  return now >= inv.expires_at;
}
