/**
 * The authorization table: for every organization-scoped route, which kinds of caller are allowed.
 * Declared by hand, next to the statements `can()` reads, so that the unit test (can() against this
 * table) and the HTTP matrix test (every route, every caller kind) check one against the other.
 *
 * Caller kinds, as the matrix test builds them in one organization:
 * - `owner`, `admin`, `member`: plain members with that role and no team;
 * - `perm:<P>`: a MEMBER in a team (not the target team) that holds permission P;
 * - `team_manager`: a MEMBER who manages the target team;
 * - `other_org`: an OWNER of another organization (never a member of this one);
 * - `anonymous`: no session.
 * `other_org` and `anonymous` are allowed nowhere (404 and 401).
 */
import type { OrgRole } from "../organizations/types.ts";
import { type Action, ORG_PERMISSIONS, type OrgPermission } from "./permissions.ts";

export type CallerKind =
  | "owner"
  | "admin"
  | "member"
  | "team_manager"
  | "other_org"
  | "anonymous"
  | `perm:${OrgPermission}`;

export const PERM_KINDS: readonly CallerKind[] = ORG_PERMISSIONS.map(
  (p) => `perm:${p}` as CallerKind,
);

export const CALLER_KINDS: readonly CallerKind[] = [
  "owner",
  "admin",
  "member",
  "team_manager",
  ...PERM_KINDS,
  "other_org",
  "anonymous",
];

/** Every member of the organization, whatever their role or teams. */
const EVERY_MEMBER: readonly CallerKind[] = [
  "owner",
  "admin",
  "member",
  "team_manager",
  ...PERM_KINDS,
];

export interface AuthzRow {
  /** Stable name the matrix test uses to build the request. */
  op: string;
  route: string;
  action: Action;
  /** The target team of the fixture is the resource (team-level roles apply). */
  onTargetTeam?: boolean;
  /** Organization roles the operation touches (see ResourceContext.roles). */
  roles?: readonly OrgRole[];
  allowed: readonly CallerKind[];
}

export const AUTHZ_TABLE: readonly AuthzRow[] = [
  {
    op: "org.get",
    route: "GET /v1/organizations/{org}",
    action: "organization:read",
    allowed: EVERY_MEMBER,
  },
  {
    op: "org.update",
    route: "PATCH /v1/organizations/{org}",
    action: "organization:update",
    allowed: ["owner", "admin"],
  },
  {
    op: "org.suspend",
    route: "POST /v1/organizations/{org}/suspend",
    action: "organization:suspend",
    allowed: ["owner"],
  },
  {
    op: "org.resume",
    route: "POST /v1/organizations/{org}/resume",
    action: "organization:resume",
    allowed: ["owner"],
  },
  {
    op: "org.delete",
    route: "DELETE /v1/organizations/{org}",
    action: "organization:delete",
    allowed: ["owner"],
  },
  {
    op: "members.list",
    route: "GET /v1/organizations/{org}/members",
    action: "member:read",
    allowed: EVERY_MEMBER,
  },
  {
    op: "members.promote_admin",
    route: "PATCH /v1/organizations/{org}/members/{member}",
    action: "member:update",
    roles: ["MEMBER", "ADMIN"],
    allowed: ["owner", "admin"],
  },
  {
    op: "members.promote_owner",
    route: "PATCH /v1/organizations/{org}/members/{member}",
    action: "member:update",
    roles: ["MEMBER", "OWNER"],
    allowed: ["owner"],
  },
  {
    op: "members.remove",
    route: "DELETE /v1/organizations/{org}/members/{member}",
    action: "member:remove",
    roles: ["MEMBER"],
    allowed: ["owner", "admin"],
  },
  {
    op: "invitations.create",
    route: "POST /v1/organizations/{org}/invitations",
    action: "invitation:create",
    roles: ["MEMBER"],
    allowed: ["owner", "admin", "perm:ORG_PERM_INVITE_USERS"],
  },
  {
    op: "invitations.create_admin",
    route: "POST /v1/organizations/{org}/invitations",
    action: "invitation:create",
    roles: ["ADMIN"],
    allowed: ["owner", "admin"],
  },
  {
    op: "invitations.create_owner",
    route: "POST /v1/organizations/{org}/invitations",
    action: "invitation:create",
    roles: ["OWNER"],
    allowed: ["owner"],
  },
  {
    op: "invitations.list",
    route: "GET /v1/organizations/{org}/invitations",
    action: "invitation:read",
    allowed: ["owner", "admin", "perm:ORG_PERM_INVITE_USERS", "perm:ORG_PERM_REVOKE_INVITATIONS"],
  },
  {
    op: "invitations.delete",
    route: "DELETE /v1/organizations/{org}/invitations/{invitation}",
    action: "invitation:delete",
    roles: ["MEMBER"],
    allowed: ["owner", "admin", "perm:ORG_PERM_REVOKE_INVITATIONS"],
  },
  {
    op: "invitations.delete_admin",
    route: "DELETE /v1/organizations/{org}/invitations/{invitation}",
    action: "invitation:delete",
    roles: ["ADMIN"],
    allowed: ["owner", "admin"],
  },
  {
    op: "invitations.delete_owner",
    route: "DELETE /v1/organizations/{org}/invitations/{invitation}",
    action: "invitation:delete",
    roles: ["OWNER"],
    allowed: ["owner"],
  },
  {
    op: "ownership.transfer",
    route: "POST /v1/organizations/{org}/transfer-ownership",
    action: "ownership:transfer",
    allowed: ["owner"],
  },
  {
    op: "audit.list",
    route: "GET /v1/organizations/{org}/audit-logs",
    action: "audit:read",
    allowed: ["owner"],
  },
  {
    op: "teams.create",
    route: "POST /v1/organizations/{org}/teams",
    action: "team:create",
    allowed: ["owner", "admin", "perm:ORG_PERM_TEAM_CREATE"],
  },
  {
    op: "teams.list",
    route: "GET /v1/organizations/{org}/teams",
    action: "team:read",
    allowed: EVERY_MEMBER,
  },
  {
    op: "teams.get",
    route: "GET /v1/organizations/{org}/teams/{team}",
    action: "team:read",
    onTargetTeam: true,
    allowed: EVERY_MEMBER,
  },
  {
    op: "teams.update",
    route: "PATCH /v1/organizations/{org}/teams/{team}",
    action: "team:update",
    onTargetTeam: true,
    allowed: ["owner", "admin", "team_manager"],
  },
  {
    op: "teams.delete",
    route: "DELETE /v1/organizations/{org}/teams/{team}",
    action: "team:delete",
    onTargetTeam: true,
    allowed: ["owner", "admin", "perm:ORG_PERM_TEAM_DELETE"],
  },
  {
    op: "team_members.list",
    route: "GET /v1/organizations/{org}/teams/{team}/members",
    action: "team_member:read",
    onTargetTeam: true,
    allowed: EVERY_MEMBER,
  },
  {
    op: "team_members.get",
    route: "GET /v1/organizations/{org}/teams/{team}/members/{member}",
    action: "team_member:read",
    onTargetTeam: true,
    allowed: EVERY_MEMBER,
  },
  {
    op: "team_members.add",
    route: "POST /v1/organizations/{org}/teams/{team}/members",
    action: "team_member:add",
    onTargetTeam: true,
    allowed: ["owner", "admin", "team_manager", "perm:ORG_PERM_TEAM_MANAGE_MEMBERS"],
  },
  {
    op: "team_members.update",
    route: "PATCH /v1/organizations/{org}/teams/{team}/members/{member}",
    action: "team_member:update",
    onTargetTeam: true,
    allowed: ["owner", "admin", "team_manager", "perm:ORG_PERM_TEAM_MANAGE_MEMBERS"],
  },
  {
    op: "team_members.remove",
    route: "DELETE /v1/organizations/{org}/teams/{team}/members/{member}",
    action: "team_member:remove",
    onTargetTeam: true,
    allowed: ["owner", "admin", "team_manager", "perm:ORG_PERM_TEAM_MANAGE_MEMBERS"],
  },
  {
    op: "team_permissions.list",
    route: "GET /v1/organizations/{org}/teams/{team}/permissions",
    action: "team_permission:read",
    onTargetTeam: true,
    allowed: ["owner", "admin", "team_manager"],
  },
  {
    op: "team_permissions.grant",
    route: "POST /v1/organizations/{org}/teams/{team}/permissions",
    action: "team_permission:grant",
    onTargetTeam: true,
    allowed: ["owner"],
  },
  {
    op: "team_permissions.revoke",
    route: "DELETE /v1/organizations/{org}/teams/{team}/permissions/{permission}",
    action: "team_permission:revoke",
    onTargetTeam: true,
    allowed: ["owner"],
  },
];

/**
 * Self-service routes every member may call on their own behalf (no `can()` action): leaving the
 * organization. Listed so the matrix test covers them too.
 */
export const SELF_SERVICE_ROUTES = ["DELETE /v1/organizations/{org}/members/me"] as const;
