/**
 * The one authorization check of every organization-scoped operation (docs/http-api.md#a8--roles-enforced). It reads only
 * the statement tables of `permissions.ts`; the organization actor builds the principal context
 * from its in-memory members and teams, so the check always sees the state the turn will change.
 */
import { type OrgRole, roleRank } from "../organizations/types.ts";
import {
  type Action,
  type OrgPermission,
  PERMISSION_STATEMENTS,
  ROLE_STATEMENTS,
  TEAM_ROLE_STATEMENTS,
} from "./permissions.ts";

/** Who is asking, as seen from one organization. */
export interface PrincipalContext {
  userId: string;
  role: OrgRole;
  /** Union of the permissions of every team the user belongs to. */
  permissions: ReadonlySet<OrgPermission>;
  /** Teams the user belongs to, and those they manage. */
  teams: ReadonlySet<string>;
  managerOf: ReadonlySet<string>;
}

/** What the action is applied to, when it matters. */
export interface ResourceContext {
  /** The team the action concerns (team-level roles apply only to it). */
  teamId?: string;
  /**
   * Organization roles the action touches: a member's current and new role, an invitation's
   * role. Touching an OWNER needs `member:manage_owners`, touching an ADMIN `member:manage_admins`.
   */
  roles?: readonly OrgRole[];
}

function holds(p: PrincipalContext, action: Action, resource?: ResourceContext): boolean {
  if (ROLE_STATEMENTS[p.role].includes(action)) return true;
  for (const perm of p.permissions) {
    if (PERMISSION_STATEMENTS[perm].includes(action)) return true;
  }
  const teamId = resource?.teamId;
  if (teamId !== undefined) {
    const team = p.managerOf.has(teamId)
      ? TEAM_ROLE_STATEMENTS.manager
      : p.teams.has(teamId)
        ? TEAM_ROLE_STATEMENTS.member
        : [];
    if ((team as readonly Action[]).includes(action)) return true;
  }
  return false;
}

/** True when `p` may perform `action` on `resource`. */
export function can(p: PrincipalContext, action: Action, resource?: ResourceContext): boolean {
  if (!holds(p, action, resource)) return false;
  const roles = resource?.roles ?? [];
  const top = roles.reduce((m, r) => Math.max(m, roleRank(r)), 0);
  if (top >= roleRank("OWNER") && !holds(p, "member:manage_owners")) return false;
  if (top >= roleRank("ADMIN") && !holds(p, "member:manage_admins")) return false;
  return true;
}

/** A principal context with no teams (for callers outside any team, and tests). */
export function principalOf(userId: string, role: OrgRole): PrincipalContext {
  return {
    userId,
    role,
    permissions: new Set(),
    teams: new Set(),
    managerOf: new Set(),
  };
}
