/**
 * Public shapes of team records: ids as strings, RFC 3339 times, `manager` on team members.
 * Replies of the organization actor use them as they are, so HTTP and gRPC answer the same.
 */
import { iso } from "../../lib/time.ts";
import type { Team, TeamMember, TeamPermission } from "./types.ts";

export function teamView(t: Team) {
  return {
    id: t.id,
    organization_id: t.org_id,
    name: t.name,
    description: t.description,
    created_at: iso(t.created_at),
    updated_at: iso(t.updated_at),
  };
}

export function teamMemberView(tm: TeamMember) {
  return {
    id: tm.id,
    team_id: tm.team_id,
    user_id: tm.user_id,
    manager: tm.manager,
    created_at: iso(tm.created_at),
  };
}

export function teamPermissionView(tp: TeamPermission) {
  return {
    id: tp.id,
    team_id: tp.team_id,
    permission: tp.permission,
    granted_by_user_id: tp.granted_by_user_id,
    granted_at: iso(tp.granted_at),
  };
}
