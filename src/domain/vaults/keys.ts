/**
 * Key layout of vaults (docs/kv-layout.md):
 *
 *   Roots.vault ("v", vault, "vault")          Vault        the record (tombstone once deleted)
 *   Roots.vault ("v", vault, "grant", grant)   VaultGrant   user and team grants
 *   Roots.vault ("ov", org, vault)             Vault        copy of the live record: the org's list
 *   Roots.vault ("v", vault, "sync")           PersistedMachine  the vault-sync machine (./sync-records.ts)
 *   Roots.vault ("sq", vault)                  VaultSyncIndex    vaults with engine work under way
 *   Roots.vault ("sn", vault)                  GivenUpNotice     owners still to mail (given up)
 *   Roots.org   ("o", org, "vault", vault)     OrgVaultEntry  the organization actor's entry
 *   Roots.org   ("vn", org, nameKey)          RetiredVaultName  the name of a deleted vault (taken for ever)
 *
 * The vault actor loads ("v", vault) with one range read and is the only writer of the first three;
 * the organization actor writes the fourth (it is inside its range, loaded with the organization)
 * and the retired names (outside that range: read one at a time, so the actor's memory does not
 * grow with the vaults an organization ever deleted).
 */
import { Roots } from "../../kv/layout.ts";
import { idItem } from "../users/keys.ts";

const root = Roots.vault;

export const VaultKeys = {
  range: (vaultId: string) => root.range("v", idItem(vaultId)),
  space: (vaultId: string) => root.sub("v", idItem(vaultId)),
  record: (vaultId: string) => root.key("v", idItem(vaultId), "vault"),
  grant: (vaultId: string, grantId: string) =>
    root.key("v", idItem(vaultId), "grant", idItem(grantId)),
  grants: (vaultId: string) => root.range("v", idItem(vaultId), "grant"),
  sync: (vaultId: string) => root.key("v", idItem(vaultId), "sync"),
  syncIndex: (vaultId: string) => root.key("sq", idItem(vaultId)),
  syncIndexRange: () => root.range("sq"),
  syncIndexSpace: root.sub("sq"),
  givenUpNotice: (vaultId: string) => root.key("sn", idItem(vaultId)),
  givenUpNoticeRange: () => root.range("sn"),
  orgIndex: (orgId: string, vaultId: string) => root.key("ov", idItem(orgId), idItem(vaultId)),
  orgIndexRange: (orgId: string) => root.range("ov", idItem(orgId)),
  /**
   * The number of live vaults of `orgId` (its list's copies): an atomicAdd counter kept by the
   * vault turns that create and delete vaults, trusted once `orgCountReady` is set (by the first
   * list that counted the copies itself: lists of data written before the counter existed).
   */
  orgCount: (orgId: string) => root.key("ovn", idItem(orgId)),
  orgCountReady: (orgId: string) => root.key("ovr", idItem(orgId)),
  /** The organization's entry of a vault (in the organization's range). */
  orgEntry: (orgId: string, vaultId: string) =>
    Roots.org.key("o", idItem(orgId), "vault", idItem(vaultId)),
  /** The retired name `nameKey` (src/domain/vaults/validation.ts) of a deleted vault of `orgId`. */
  retiredName: (orgId: string, key: string) => Roots.org.key("vn", idItem(orgId), key),
  retiredNames: (orgId: string) => Roots.org.range("vn", idItem(orgId)),
} as const;
