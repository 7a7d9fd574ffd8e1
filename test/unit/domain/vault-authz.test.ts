/**
 * `canVault()` against the vault authorization table (src/domain/authz/vault-table.ts), the
 * effective-role rule, and the pure vault domain rules: names (§6.11) and how the organization's
 * entry settles against the vault record (src/domain/vaults/entries.ts).
 */
import { describe, expect, test } from "bun:test";
import {
  canVault,
  effectiveVaultRole,
  type VaultPrincipal,
} from "../../../src/domain/authz/vault-can.ts";
import { VAULT_AUTHZ_TABLE, VAULT_CALLER_SETUP } from "../../../src/domain/authz/vault-table.ts";
import { settledEntry } from "../../../src/domain/vaults/entries.ts";
import {
  type OrgVaultEntry,
  RESERVATION_TTL_MS,
  type Vault,
} from "../../../src/domain/vaults/types.ts";
import { nameKey, vaultNameProblem } from "../../../src/domain/vaults/validation.ts";

function principalFor(kind: keyof typeof VAULT_CALLER_SETUP): VaultPrincipal {
  const s = VAULT_CALLER_SETUP[kind];
  return {
    userId: "1",
    orgRole: s.orgRole,
    vaultRole: effectiveVaultRole(s.orgRole, s.direct, s.team ? [s.team] : []),
    permissions: new Set(),
  };
}

describe("canVault() matches the vault authorization table", () => {
  for (const row of VAULT_AUTHZ_TABLE) {
    if (row.action === null) continue;
    test(row.op, () => {
      for (const kind of Object.keys(VAULT_CALLER_SETUP) as (keyof typeof VAULT_CALLER_SETUP)[]) {
        const got = canVault(
          principalFor(kind),
          row.action!,
          row.roles ? { roles: row.roles } : {},
        );
        expect({ kind, allowed: got }).toEqual({ kind, allowed: row.allowed.includes(kind) });
      }
    });
  }
});

describe("effective vault role", () => {
  test("highest of the direct grant and every team grant; org OWNER/ADMIN act as ADMIN", () => {
    expect(effectiveVaultRole("MEMBER", "READER", ["MANAGER", "WRITER"])).toBe("MANAGER");
    expect(effectiveVaultRole("MEMBER", "ADMIN", ["READER"])).toBe("ADMIN");
    expect(effectiveVaultRole("MEMBER", null, [])).toBeNull();
    expect(effectiveVaultRole("ADMIN", null, [])).toBe("ADMIN");
    expect(effectiveVaultRole("OWNER", "READER", [])).toBe("ADMIN");
  });

  test("MANAGER manages grants up to MANAGER only; no grant reads the vault, not its grants", () => {
    const mgr: VaultPrincipal = {
      userId: "1",
      orgRole: "MEMBER",
      vaultRole: "MANAGER",
      permissions: new Set(),
    };
    expect(canVault(mgr, "grant:create", { roles: ["MANAGER"] })).toBe(true);
    expect(canVault(mgr, "grant:create", { roles: ["ADMIN"] })).toBe(false);
    expect(canVault(mgr, "grant:update", { roles: ["ADMIN", "READER"] })).toBe(false);
    expect(canVault(mgr, "vault:update")).toBe(false);
    const none: VaultPrincipal = { ...mgr, vaultRole: null };
    expect(canVault(none, "vault:read")).toBe(true);
    expect(canVault(none, "grant:read")).toBe(false);
    expect(
      canVault({ ...none, permissions: new Set(["ORG_PERM_VAULT_DELETE"]) }, "vault:delete"),
    ).toBe(true);
    expect(canVault({ ...mgr, vaultRole: "WRITER" }, "grant:create", { roles: ["READER"] })).toBe(
      false,
    );
  });
});

describe("vault names (§6.11)", () => {
  test("not trimmed; 1..100 bytes; letters, digits, - _ and space", () => {
    expect(vaultNameProblem("")).toMatch(/empty/);
    expect(vaultNameProblem("   ")).toBeNull();
    expect(vaultNameProblem("Prod_policies-2 ü")).toBeNull();
    expect(vaultNameProblem("a".repeat(100))).toBeNull();
    expect(vaultNameProblem("a".repeat(101))).toMatch(/100/);
    expect(vaultNameProblem("é".repeat(51))).toMatch(/100/);
    for (const bad of ["a/b", "a.b", "tab\t", "emoji😀"])
      expect(vaultNameProblem(bad)).toMatch(/only/);
    expect(nameKey("ProD")).toBe(nameKey("prod"));
  });
});

describe("settling an organization's vault entry against the record", () => {
  const now = 1_000_000;
  const entry: OrgVaultEntry = {
    id: "7",
    name: "a",
    state: "reserved",
    pending_name: null,
    created_by_user_id: "1",
    since: now,
  };
  const record: Vault = {
    id: "7",
    org_id: "2",
    name: "a",
    description: "",
    sync_status: "SYNCED",
    sync_error: null,
    created_by_user_id: "1",
    created_at: now,
    updated_at: now,
    deleted_at: null,
  };
  const opts = { rollback: false, now };

  test("a record makes a reservation live; a tombstone removes the entry", () => {
    expect(settledEntry(entry, record, opts)?.state).toBe("live");
    expect(settledEntry(entry, { ...record, deleted_at: now }, opts)).toBeUndefined();
  });
  test("no record: kept while fresh, removed on rollback or once expired; a live entry is kept", () => {
    expect(settledEntry(entry, undefined, opts)).toBe(entry);
    expect(settledEntry(entry, undefined, { rollback: true, now })).toBeUndefined();
    expect(
      settledEntry(entry, undefined, { rollback: false, now: now + RESERVATION_TTL_MS }),
    ).toBeUndefined();
    const live = { ...entry, state: "live" as const };
    expect(settledEntry(live, undefined, { rollback: true, now })).toBe(live);
  });
  test("a pending rename is taken when the record has it, dropped on rollback or expiry", () => {
    const pending = { ...entry, state: "live" as const, pending_name: "b" };
    expect(settledEntry(pending, { ...record, name: "b" }, opts)).toMatchObject({
      name: "b",
      pending_name: null,
    });
    expect(settledEntry(pending, record, opts)).toMatchObject({ name: "a", pending_name: "b" });
    expect(settledEntry(pending, record, { rollback: true, now })).toMatchObject({
      name: "a",
      pending_name: null,
    });
    expect(
      settledEntry(pending, record, { rollback: false, now: now + RESERVATION_TTL_MS }),
    ).toMatchObject({
      pending_name: null,
    });
  });
});
