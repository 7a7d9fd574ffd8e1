/**
 * Vault records (docs/vaults.md): the vault itself and its grants, stored under `Roots.vault` by
 * the vault actor (one per vault id), and the organization's entry for each vault, stored in the
 * organization's range by the organization actor (names and the tier count).
 *
 * Times are Unix ms; ids Snowflake decimal strings.
 */

/** Vault roles, lowest first (api.md §5.3). */
export const VAULT_ROLES = ["READER", "WRITER", "MANAGER", "ADMIN"] as const;
export type VaultRole = (typeof VAULT_ROLES)[number];

export function vaultRoleRank(role: VaultRole): number {
  return VAULT_ROLES.indexOf(role);
}

/** The highest of `roles`, or null for none. */
export function highestRole(roles: Iterable<VaultRole>): VaultRole | null {
  let top: VaultRole | null = null;
  for (const r of roles) if (top === null || vaultRoleRank(r) > vaultRoleRank(top)) top = r;
  return top;
}

/** Engine sync status (A4). Standalone mode: SYNCED at creation. */
export const SYNC_STATUSES = ["PENDING", "SYNCING", "SYNCED", "FAILED", "DELETING"] as const;
export type SyncStatus = (typeof SYNC_STATUSES)[number];

export interface Vault {
  id: string;
  org_id: string;
  name: string;
  description: string;
  sync_status: SyncStatus;
  sync_error: string | null;
  created_by_user_id: string;
  created_at: number;
  updated_at: number;
  /** Set when deleted; the record stays as a tombstone so the id answers 404 for ever. */
  deleted_at: number | null;
}

/**
 * Grantee families. `client` (A16): a service client of the organization (clients themselves
 * arrive with the token issue; until then no client exists and every client grant is refused).
 */
export const GRANT_KINDS = ["user", "team", "client"] as const;
export type GrantKind = (typeof GRANT_KINDS)[number];

export interface VaultGrant {
  id: string;
  vault_id: string;
  kind: GrantKind;
  /** The user id (kind user), team id (kind team) or client id (kind client). */
  subject_id: string;
  role: VaultRole;
  granted_at: number;
  granted_by_user_id: string;
  updated_at: number;
}

/**
 * What the organization keeps of one vault: its name (uniqueness, case-insensitive) and a slot of
 * the tier count. `reserved` until the vault actor wrote the record, then `live`. `pending_name`
 * holds a rename in flight (both names are taken until it settles).
 */
export interface OrgVaultEntry {
  id: string;
  name: string;
  state: "reserved" | "live";
  pending_name: string | null;
  created_by_user_id: string;
  /** When the reservation (or the pending rename) was made; it expires RESERVATION_TTL_MS later. */
  since: number;
}

/**
 * The name of a deleted vault, kept by the organization so that no vault takes it again (§6.11:
 * names are unique including soft-deleted vaults). It counts towards nothing else (the tier limit
 * counts entries only); dropped with the organization.
 */
export interface RetiredVaultName {
  name: string;
  vault_id: string;
  deleted_at: number;
}

/** How long a reservation or a pending rename may stay unsettled before it is rolled back. */
export const RESERVATION_TTL_MS = 60_000;
