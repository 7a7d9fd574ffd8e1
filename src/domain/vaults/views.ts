/** Public shapes of vault records (A2 times, A4 `sync_status`); HTTP and gRPC answer the same. */
import { iso, isoOrNull } from "../../lib/time.ts";
import type { Vault, VaultGrant } from "./types.ts";

export function vaultView(v: Vault) {
  return {
    id: v.id,
    organization_id: v.org_id,
    name: v.name,
    description: v.description,
    sync_status: v.sync_status,
    sync_error: v.sync_error,
    created_at: iso(v.created_at),
    updated_at: iso(v.updated_at),
    deleted_at: isoOrNull(v.deleted_at),
  };
}
export type VaultView = ReturnType<typeof vaultView>;

export function userGrantView(g: VaultGrant) {
  return {
    id: g.id,
    vault_id: g.vault_id,
    user_id: g.subject_id,
    role: g.role,
    granted_at: iso(g.granted_at),
    granted_by_user_id: g.granted_by_user_id,
    updated_at: iso(g.updated_at),
  };
}

export function teamGrantView(g: VaultGrant) {
  return {
    id: g.id,
    vault_id: g.vault_id,
    team_id: g.subject_id,
    role: g.role,
    granted_at: iso(g.granted_at),
    granted_by_user_id: g.granted_by_user_id,
    updated_at: iso(g.updated_at),
  };
}

/** A16: the same shape as a team grant, with `client_id`. */
export function clientGrantView(g: VaultGrant) {
  return {
    id: g.id,
    vault_id: g.vault_id,
    client_id: g.subject_id,
    role: g.role,
    granted_at: iso(g.granted_at),
    granted_by_user_id: g.granted_by_user_id,
    updated_at: iso(g.updated_at),
  };
}

export type GrantView =
  | ReturnType<typeof userGrantView>
  | ReturnType<typeof teamGrantView>
  | ReturnType<typeof clientGrantView>;

export function grantView(g: VaultGrant): GrantView {
  if (g.kind === "user") return userGrantView(g);
  return g.kind === "team" ? teamGrantView(g) : clientGrantView(g);
}
