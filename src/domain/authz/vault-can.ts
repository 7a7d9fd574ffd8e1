/**
 * The one authorization check of vault-scoped operations (A8), beside the organization one
 * (./can.ts). It reads only `VAULT_ROLE_STATEMENTS`.
 *
 * - The caller's **effective vault role** is the highest of their direct user grant and the
 *   grants of every team they belong to; organization OWNER and ADMIN act as vault ADMIN.
 * - READER and WRITER read the vault and its grants (WRITER writes go to the engine with a token);
 *   MANAGER also manages grants whose roles (current and new) are at most MANAGER; ADMIN updates
 *   and deletes the vault and manages every grant.
 * - A MEMBER without any grant reads the vault (the organization's vault list is every live vault)
 *   but not its grants.
 * - `vault:delete` is also held by a member of a team holding `ORG_PERM_VAULT_DELETE`.
 */
import type { OrgRole } from "../organizations/types.ts";
import { highestRole, type VaultRole, vaultRoleRank } from "../vaults/types.ts";
import type { OrgPermission } from "./permissions.ts";
import { PERMISSION_STATEMENTS } from "./permissions.ts";

export const VAULT_ACTIONS = [
  "vault:read",
  "vault:update",
  "vault:delete",
  "grant:read",
  "grant:create",
  "grant:update",
  "grant:delete",
] as const;
export type VaultAction = (typeof VAULT_ACTIONS)[number];

const READ: readonly VaultAction[] = ["vault:read", "grant:read"];
const GRANTS: readonly VaultAction[] = [...READ, "grant:create", "grant:update", "grant:delete"];

/** What each effective vault role holds; `none` is a member without any grant. */
export const VAULT_ROLE_STATEMENTS: Record<VaultRole | "none", readonly VaultAction[]> = {
  none: ["vault:read"],
  READER: READ,
  WRITER: READ,
  MANAGER: GRANTS,
  ADMIN: VAULT_ACTIONS,
};

/** The highest vault role a role may hand out or touch on a grant. */
const GRANT_CEILING: Record<VaultRole, VaultRole | null> = {
  READER: null,
  WRITER: null,
  MANAGER: "MANAGER",
  ADMIN: "ADMIN",
};

/** Who is asking, as seen from one vault. */
export interface VaultPrincipal {
  userId: string;
  orgRole: OrgRole;
  /** Effective vault role (org OWNER/ADMIN → ADMIN), or null without any grant. */
  vaultRole: VaultRole | null;
  /** Union of the permissions of the caller's teams (only those the check needs may be filled). */
  permissions: ReadonlySet<OrgPermission>;
}

/** Effective role: org OWNER/ADMIN → ADMIN; otherwise the highest of direct and team grants. */
export function effectiveVaultRole(
  orgRole: OrgRole,
  direct: VaultRole | null,
  teamRoles: Iterable<VaultRole>,
): VaultRole | null {
  if (orgRole === "OWNER" || orgRole === "ADMIN") return "ADMIN";
  return highestRole([...(direct ? [direct] : []), ...teamRoles]);
}

/** True when `p` may perform `action`; `roles` are the grant roles it touches (current, new). */
export function canVault(
  p: VaultPrincipal,
  action: VaultAction,
  resource: { roles?: readonly VaultRole[] } = {},
): boolean {
  const role = p.vaultRole;
  let held = VAULT_ROLE_STATEMENTS[role ?? "none"].includes(action);
  if (!held && action === "vault:delete") {
    for (const perm of p.permissions) {
      if (PERMISSION_STATEMENTS[perm].includes("vault:delete")) held = true;
    }
  }
  if (!held) return false;
  const touched = resource.roles ?? [];
  if (touched.length > 0) {
    const ceiling = role ? GRANT_CEILING[role] : null;
    if (!ceiling) return false;
    for (const r of touched) if (vaultRoleRank(r) > vaultRoleRank(ceiling)) return false;
  }
  return true;
}
