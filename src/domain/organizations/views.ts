/**
 * Public shapes of organization records (docs/http-api.md (A1, A2, A4)): ids as strings, RFC 3339 times, the
 * caller's role on organizations, `manager` on team members. Replies of the organization actor use
 * them as they are, so HTTP and gRPC answer the same.
 */

import { iso, isoOrNull } from "../../lib/time.ts";
import type { Invitation } from "../invitations/types.ts";
import type { Member, Organization, OrgRole } from "./types.ts";

export interface OrganizationView {
  [k: string]: string | boolean | null;
  id: string;
  name: string;
  tier: string;
  role: OrgRole;
  suspended: boolean;
  created_at: string;
  updated_at: string;
  suspended_at: string | null;
}

export function orgView(org: Organization, role: OrgRole): OrganizationView {
  return {
    id: org.id,
    name: org.name,
    tier: org.tier,
    role,
    suspended: org.suspended_at !== null,
    created_at: iso(org.created_at),
    updated_at: iso(org.updated_at),
    suspended_at: isoOrNull(org.suspended_at),
  };
}

export function memberView(m: Member) {
  return { id: m.id, user_id: m.user_id, role: m.role, joined_at: iso(m.created_at) };
}

export function invitationView(inv: Invitation) {
  return {
    id: inv.id,
    organization_id: inv.org_id,
    email: inv.email,
    role: inv.role,
    invited_by_user_id: inv.invited_by_user_id,
    created_at: iso(inv.created_at),
    expires_at: iso(inv.expires_at),
  };
}
