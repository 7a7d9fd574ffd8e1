/**
 * The pure parts of the vault cascades (src/domain/organizations/cascades.ts and the purge
 * operations of src/domain/vaults/ops.ts): which grants each purge removes, idempotence, and when
 * an organization turn records a cascade.
 */
import { describe, expect, test } from "bun:test";
import { recordCascade, VaultCascadeCodec } from "../../../src/domain/organizations/cascades.ts";
import { EMPTY_ORG_STATE, type OrgState } from "../../../src/domain/organizations/state.ts";
import { TurnOutput } from "../../../src/domain/organizations/turn.ts";
import type { Organization } from "../../../src/domain/organizations/types.ts";
import { purgeOrgVault, purgeTeamGrants, purgeUserGrants } from "../../../src/domain/vaults/ops.ts";
import type { VaultState } from "../../../src/domain/vaults/state.ts";
import type { OrgVaultEntry, Vault, VaultGrant } from "../../../src/domain/vaults/types.ts";

const vault: Vault = {
  id: "100",
  org_id: "1",
  name: "v",
  description: "",
  sync_status: "SYNCED",
  sync_error: null,
  created_by_user_id: "7",
  created_at: 0,
  updated_at: 0,
  deleted_at: null,
};

function g(id: string, kind: "user" | "team", subject: string, at: number): VaultGrant {
  return {
    id,
    vault_id: "100",
    kind,
    subject_id: subject,
    role: "READER",
    granted_at: at,
    granted_by_user_id: "7",
    updated_at: at,
  };
}

const state: VaultState = {
  vault,
  grants: new Map(
    [
      g("1", "user", "7", 10),
      g("2", "user", "8", 10),
      g("3", "user", "8", 50),
      g("4", "team", "9", 10),
    ].map((x) => [x.id, x]),
  ),
};
const env = { now: 100, newId: () => "555", userId: "" };

describe("purges", () => {
  test("purgeUser: every grant of a non-member, only earlier ones of a member who rejoined", () => {
    const out = new TurnOutput();
    const gone = purgeUserGrants(
      state,
      { orgId: "1", userId: "8", before: 20, isMember: false },
      out,
    );
    expect(gone.reply).toEqual({ removed: 2 });
    expect([...gone.state.grants.keys()].sort()).toEqual(["1", "4"]);
    expect(out.audit.map((a) => a.event_type)).toEqual([
      "vault_user_grant_deleted",
      "vault_user_grant_deleted",
    ]);
    const rejoined = purgeUserGrants(
      state,
      { orgId: "1", userId: "8", before: 20, isMember: true },
      new TurnOutput(),
    );
    expect([...rejoined.state.grants.keys()].sort()).toEqual(["1", "3", "4"]);
    // Idempotent: a second run removes nothing and writes nothing.
    const again = new TurnOutput();
    const r = purgeUserGrants(
      gone.state,
      { orgId: "1", userId: "8", before: 20, isMember: false },
      again,
    );
    expect(r.reply).toEqual({ removed: 0 });
    expect(again.writes).toEqual([]);
  });

  test("purgeTeam and another organization's vault", () => {
    const t = purgeTeamGrants(state, { orgId: "1", teamId: "9" }, new TurnOutput());
    expect([...t.state.grants.keys()].sort()).toEqual(["1", "2", "3"]);
    const other = new TurnOutput();
    expect(purgeTeamGrants(state, { orgId: "2", teamId: "9" }, other).reply).toEqual({
      removed: 0,
    });
    expect(other.writes).toEqual([]);
  });

  test("purgeOrg: only for a deleted organization; tombstone, grants cleared, once", () => {
    const live = new TurnOutput();
    expect(purgeOrgVault(state, { orgId: "1", orgDeleted: false }, env, live).reply).toEqual({
      removed: 0,
    });
    expect(live.writes).toEqual([]);
    const out = new TurnOutput();
    const done = purgeOrgVault(state, { orgId: "1", orgDeleted: true }, env, out);
    expect(done.state.vault?.deleted_at).toBe(100);
    expect(done.state.grants.size).toBe(0);
    expect(out.audit.map((a) => a.event_type)).toEqual(["vault_deleted"]);
    const again = new TurnOutput();
    purgeOrgVault(done.state, { orgId: "1", orgDeleted: true }, env, again);
    expect(again.writes).toEqual([]);
  });
});

describe("recordCascade", () => {
  const org = { id: "1" } as Organization;
  const entry = { id: "100" } as OrgVaultEntry;
  test("nothing without vaults; one record listing every vault otherwise", () => {
    const none = new TurnOutput();
    recordCascade({ ...EMPTY_ORG_STATE, org }, "user", "8", env, none);
    expect(none.writes).toEqual([]);
    const s: OrgState = { ...EMPTY_ORG_STATE, org, vaults: new Map([["100", entry]]) };
    const out = new TurnOutput();
    recordCascade(s, "team", "9", env, out);
    expect(out.writes.length).toBe(1);
    const w = out.writes[0]!;
    if (w.op !== "set") throw new Error("expected a set");
    expect(VaultCascadeCodec.decode(w.value)).toEqual({
      id: "555",
      org_id: "1",
      kind: "team",
      subject_id: "9",
      vault_ids: ["100"],
      created_at: 100,
    });
  });
});
