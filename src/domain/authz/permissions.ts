/**
 * Authorization as data: every organization-scoped action is declared as `resource → actions`,
 * and who holds which action is declared as statements per role, per delegated team permission
 * (`ORG_PERM_*`) and per team-level role (manager / member of a given team). `can()` in `can.ts`
 * reads only these tables.
 */
import type { OrgRole } from "../organizations/types.ts";

/** Resources and their actions. An action is written `resource:action`. */
export const STATEMENTS = {
  organization: ["read", "update", "delete", "suspend", "resume"],
  /** `manage_admins` / `manage_owners`: touch (make, unmake, invite, remove) an ADMIN / OWNER. */
  member: ["read", "update", "remove", "manage_admins", "manage_owners"],
  invitation: ["create", "read", "delete"],
  ownership: ["transfer"],
  audit: ["read"],
  team: ["create", "read", "update", "delete"],
  team_member: ["read", "add", "update", "remove"],
  team_permission: ["read", "grant", "revoke"],
  vault: ["create", "update", "delete"],
  client: ["create", "read", "update", "revoke", "delete"],
} as const;

type Statements = typeof STATEMENTS;
export type Action = {
  [R in keyof Statements]: `${R & string}:${Statements[R][number]}`;
}[keyof Statements];

export const ALL_ACTIONS: readonly Action[] = Object.entries(STATEMENTS).flatMap(([r, acts]) =>
  (acts as readonly string[]).map((a) => `${r}:${a}` as Action),
);

export function isAction(v: string): v is Action {
  return (ALL_ACTIONS as readonly string[]).includes(v);
}

/** Team permissions (docs/organizations.md#roles-and-what-they-may-do), enforced (docs/http-api.md#a8--roles-enforced). */
export const ORG_PERMISSIONS = [
  "ORG_PERM_CLIENT_CREATE",
  "ORG_PERM_CLIENT_READ",
  "ORG_PERM_CLIENT_REVOKE",
  "ORG_PERM_CLIENT_DELETE",
  "ORG_PERM_CLIENT_MANAGE",
  "ORG_PERM_VAULT_CREATE",
  "ORG_PERM_VAULT_DELETE",
  "ORG_PERM_TEAM_CREATE",
  "ORG_PERM_TEAM_DELETE",
  "ORG_PERM_TEAM_MANAGE_MEMBERS",
  "ORG_PERM_INVITE_USERS",
  "ORG_PERM_REVOKE_INVITATIONS",
  "ORG_PERM_OWNER_ACTIONS",
] as const;
export type OrgPermission = (typeof ORG_PERMISSIONS)[number];

export function isOrgPermission(v: unknown): v is OrgPermission {
  return typeof v === "string" && (ORG_PERMISSIONS as readonly string[]).includes(v);
}

/** Actions that only an OWNER holds; never delegated, never held by ADMIN. */
export const OWNER_ONLY: readonly Action[] = [
  "organization:delete",
  "organization:suspend",
  "organization:resume",
  "member:manage_owners",
  "ownership:transfer",
  "audit:read",
  "team_permission:grant",
  "team_permission:revoke",
];

const MEMBER_ACTIONS: readonly Action[] = [
  "organization:read",
  "member:read",
  "team:read",
  "team_member:read",
];

/** What each organization role may do anywhere in its organization. */
export const ROLE_STATEMENTS: Record<OrgRole, readonly Action[]> = {
  MEMBER: MEMBER_ACTIONS,
  ADMIN: ALL_ACTIONS.filter((a) => !OWNER_ONLY.includes(a)),
  OWNER: ALL_ACTIONS,
};

const CLIENT_ALL: readonly Action[] = [
  "client:create",
  "client:read",
  "client:update",
  "client:revoke",
  "client:delete",
];

/**
 * What a team permission lets every member of the team do, organization-wide. `member:*` and the
 * OWNER-only actions appear in none of them: delegation never raises anybody's role.
 */
export const PERMISSION_STATEMENTS: Record<OrgPermission, readonly Action[]> = {
  ORG_PERM_CLIENT_CREATE: ["client:create"],
  ORG_PERM_CLIENT_READ: ["client:read"],
  ORG_PERM_CLIENT_REVOKE: ["client:revoke"],
  ORG_PERM_CLIENT_DELETE: ["client:delete"],
  ORG_PERM_CLIENT_MANAGE: CLIENT_ALL,
  ORG_PERM_VAULT_CREATE: ["vault:create"],
  ORG_PERM_VAULT_DELETE: ["vault:delete"],
  ORG_PERM_TEAM_CREATE: ["team:create"],
  ORG_PERM_TEAM_DELETE: ["team:delete"],
  ORG_PERM_TEAM_MANAGE_MEMBERS: ["team_member:add", "team_member:update", "team_member:remove"],
  ORG_PERM_INVITE_USERS: ["invitation:create", "invitation:read"],
  ORG_PERM_REVOKE_INVITATIONS: ["invitation:read", "invitation:delete"],
  ORG_PERM_OWNER_ACTIONS: [],
};

/** What a team-level role allows on that one team (docs/organizations.md#roles-and-what-they-may-do). */
export const TEAM_ROLE_STATEMENTS = {
  manager: [
    "team:update",
    "team_member:add",
    "team_member:update",
    "team_member:remove",
    "team_permission:read",
  ],
  member: ["team_permission:read"],
} as const satisfies Record<string, readonly Action[]>;
