/**
 * Vault token roles and scopes (issue 11 item 4; A10, and what the engine of the era checks:
 * ../../../docs/tokens.md). Role strings on the wire are `read` / `write` / `manage` / `admin`;
 * the `scope` claim is cumulative and space-separated, `inferadb.*` names (this overrides the
 * `vault:read` scopes of Part B §11.1, which the engine would refuse).
 */
import type { VaultRole } from "../vaults/types.ts";

export const TOKEN_ROLES = ["read", "write", "manage", "admin"] as const;
export type TokenRole = (typeof TOKEN_ROLES)[number];

const ROLE_OF: Record<TokenRole, VaultRole> = {
  read: "READER",
  write: "WRITER",
  manage: "MANAGER",
  admin: "ADMIN",
};

const NAME_OF: Record<VaultRole, TokenRole> = {
  READER: "read",
  WRITER: "write",
  MANAGER: "manage",
  ADMIN: "admin",
};

export const vaultRoleOf = (r: TokenRole): VaultRole => ROLE_OF[r];
export const tokenRoleOf = (r: VaultRole): TokenRole => NAME_OF[r];

const READ_SCOPES = [
  "inferadb.check",
  "inferadb.read",
  "inferadb.expand",
  "inferadb.list",
  "inferadb.list-relationships",
  "inferadb.list-subjects",
  "inferadb.list-resources",
];
const SCOPES: Record<TokenRole, readonly string[]> = {
  read: READ_SCOPES,
  write: [...READ_SCOPES, "inferadb.write"],
  manage: [...READ_SCOPES, "inferadb.write", "inferadb.vault.manage"],
  admin: [...READ_SCOPES, "inferadb.write", "inferadb.vault.manage", "inferadb.admin"],
};

/** The `scope` claim of a token of `role`. */
export function scopeOf(role: TokenRole): string {
  return SCOPES[role].join(" ");
}

/** Access token lifetime bounds (A10), seconds; the default when the body names none. */
export const ACCESS_TTL = { min: 60, max: 86_400, default: 300 } as const;
