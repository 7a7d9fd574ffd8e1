/** Pure write builders (`Mutation[]`) of vault records and the organization's vault entries. */
import type { Mutation } from "../../kv/types.ts";
import {
  OrgVaultEntryCodec,
  RetiredVaultNameCodec,
  VaultCodec,
  VaultGrantCodec,
} from "./codecs.ts";
import { VaultKeys } from "./keys.ts";
import type { OrgVaultEntry, RetiredVaultName, Vault, VaultGrant } from "./types.ts";
import { nameKey } from "./validation.ts";

/** The record and, while it is live, its copy in the organization's list. */
export function putVaultWrites(v: Vault): Mutation[] {
  const value = VaultCodec.encode(v);
  return [
    { op: "set", key: VaultKeys.record(v.id), value },
    v.deleted_at === null
      ? { op: "set", key: VaultKeys.orgIndex(v.org_id, v.id), value }
      : { op: "clear", key: VaultKeys.orgIndex(v.org_id, v.id) },
  ];
}

/** A vault of `orgId` became live (+1) or stopped being live (-1): its list's counter. */
export function liveVaultCountWrites(orgId: string, delta: 1 | -1): Mutation[] {
  return [{ op: "atomicAdd", key: VaultKeys.orgCount(orgId), delta }];
}

export function putGrantWrites(g: VaultGrant): Mutation[] {
  return [{ op: "set", key: VaultKeys.grant(g.vault_id, g.id), value: VaultGrantCodec.encode(g) }];
}

export function deleteGrantWrites(g: VaultGrant): Mutation[] {
  return [{ op: "clear", key: VaultKeys.grant(g.vault_id, g.id) }];
}

export function clearGrantsWrites(vaultId: string): Mutation[] {
  const [begin, end] = VaultKeys.grants(vaultId);
  return [{ op: "clearRange", begin, end }];
}

export function putEntryWrites(orgId: string, e: OrgVaultEntry): Mutation[] {
  return [{ op: "set", key: VaultKeys.orgEntry(orgId, e.id), value: OrgVaultEntryCodec.encode(e) }];
}

export function deleteEntryWrites(orgId: string, id: string): Mutation[] {
  return [{ op: "clear", key: VaultKeys.orgEntry(orgId, id) }];
}

/** Keeps the name of a deleted vault taken (§6.11). */
export function retireNameWrites(orgId: string, r: RetiredVaultName): Mutation[] {
  return [
    {
      op: "set",
      key: VaultKeys.retiredName(orgId, nameKey(r.name)),
      value: RetiredVaultNameCodec.encode(r),
    },
  ];
}
