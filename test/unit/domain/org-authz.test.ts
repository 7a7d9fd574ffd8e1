/**
 * `can()` against the authorization table (src/domain/authz/table.ts) for every caller kind, plus
 * the A8 rules one by one: owner-only actions, ADMIN up to ADMIN, delegation through team
 * permissions (CLIENT_MANAGE implies the client permissions, OWNER_ACTIONS is never delegated),
 * team-level roles limited to their team.
 */
import { describe, expect, test } from "bun:test";
import { can, type PrincipalContext, principalOf } from "../../../src/domain/authz/can.ts";
import {
  ALL_ACTIONS,
  ORG_PERMISSIONS,
  type OrgPermission,
  OWNER_ONLY,
} from "../../../src/domain/authz/permissions.ts";
import { AUTHZ_TABLE, CALLER_KINDS, type CallerKind } from "../../../src/domain/authz/table.ts";

const TARGET = "9001";

function principalFor(kind: CallerKind): PrincipalContext | undefined {
  switch (kind) {
    case "owner":
      return principalOf("1", "OWNER");
    case "admin":
      return principalOf("2", "ADMIN");
    case "member":
      return principalOf("3", "MEMBER");
    case "team_manager":
      return {
        ...principalOf("4", "MEMBER"),
        teams: new Set([TARGET]),
        managerOf: new Set([TARGET]),
      };
    case "other_org":
    case "anonymous":
      return undefined;
    default: {
      const perm = kind.slice("perm:".length) as OrgPermission;
      return {
        ...principalOf("5", "MEMBER"),
        permissions: new Set([perm]),
        teams: new Set(["77"]),
      };
    }
  }
}

describe("can() agrees with the authorization table", () => {
  for (const row of AUTHZ_TABLE) {
    for (const kind of CALLER_KINDS) {
      const p = principalFor(kind);
      if (!p) continue;
      const expected = row.allowed.includes(kind);
      test(`${row.op} as ${kind} → ${expected ? "allowed" : "denied"}`, () => {
        const resource = {
          ...(row.onTargetTeam ? { teamId: TARGET } : {}),
          ...(row.roles ? { roles: row.roles } : {}),
        };
        expect(can(p, row.action, resource)).toBe(expected);
      });
    }
  }

  test("outsiders are allowed nowhere in the table", () => {
    for (const row of AUTHZ_TABLE) {
      expect(row.allowed).not.toContain("other_org");
      expect(row.allowed).not.toContain("anonymous");
    }
  });
});

describe("A8 rules", () => {
  const owner = principalOf("1", "OWNER");
  const admin = principalOf("2", "ADMIN");
  const member = principalOf("3", "MEMBER");

  test("an OWNER may do everything", () => {
    for (const a of ALL_ACTIONS) expect(can(owner, a, { roles: ["OWNER"] })).toBe(true);
  });

  test("an ADMIN may do nothing that is OWNER-only", () => {
    for (const a of OWNER_ONLY) expect(can(admin, a)).toBe(false);
    for (const a of ALL_ACTIONS.filter((x) => !OWNER_ONLY.includes(x)))
      expect(can(admin, a)).toBe(true);
  });

  test("only an OWNER makes, unmakes, removes or invites an OWNER", () => {
    for (const action of ["member:update", "member:remove", "invitation:create"] as const) {
      expect(can(admin, action, { roles: ["MEMBER", "OWNER"] })).toBe(false);
      expect(can(admin, action, { roles: ["OWNER", "ADMIN"] })).toBe(false);
      expect(can(owner, action, { roles: ["MEMBER", "OWNER"] })).toBe(true);
    }
  });

  test("an ADMIN manages members up to ADMIN", () => {
    expect(can(admin, "member:update", { roles: ["MEMBER", "ADMIN"] })).toBe(true);
    expect(can(admin, "member:update", { roles: ["ADMIN", "MEMBER"] })).toBe(true);
    expect(can(admin, "member:remove", { roles: ["ADMIN"] })).toBe(true);
  });

  test("a MEMBER only reads", () => {
    expect(can(member, "organization:read")).toBe(true);
    expect(can(member, "member:read")).toBe(true);
    expect(can(member, "team:read")).toBe(true);
    expect(can(member, "organization:update")).toBe(false);
    expect(can(member, "invitation:read")).toBe(false);
    expect(can(member, "client:read")).toBe(false);
  });

  test("ORG_PERM_CLIENT_MANAGE implies every client permission", () => {
    const p = { ...member, permissions: new Set<OrgPermission>(["ORG_PERM_CLIENT_MANAGE"]) };
    for (const a of [
      "client:create",
      "client:read",
      "client:revoke",
      "client:delete",
      "client:update",
    ] as const) {
      expect(can(p, a)).toBe(true);
    }
    expect(can(p, "vault:create")).toBe(false);
  });

  test("ORG_PERM_OWNER_ACTIONS is never delegated", () => {
    const p = { ...member, permissions: new Set<OrgPermission>(["ORG_PERM_OWNER_ACTIONS"]) };
    for (const a of ALL_ACTIONS) {
      expect(can(p, a)).toBe(can(member, a));
    }
  });

  test("no team permission lets a MEMBER touch ADMIN or OWNER roles", () => {
    const p = { ...member, permissions: new Set<OrgPermission>(ORG_PERMISSIONS) };
    expect(can(p, "invitation:create", { roles: ["MEMBER"] })).toBe(true);
    expect(can(p, "invitation:create", { roles: ["ADMIN"] })).toBe(false);
    expect(can(p, "invitation:create", { roles: ["OWNER"] })).toBe(false);
    expect(can(p, "member:update", { roles: ["MEMBER", "MEMBER"] })).toBe(false);
    for (const a of OWNER_ONLY) expect(can(p, a)).toBe(false);
  });

  test("team-level roles apply to their own team only", () => {
    const manager = { ...member, teams: new Set(["10"]), managerOf: new Set(["10"]) };
    expect(can(manager, "team:update", { teamId: "10" })).toBe(true);
    expect(can(manager, "team_member:add", { teamId: "10" })).toBe(true);
    expect(can(manager, "team:update", { teamId: "11" })).toBe(false);
    expect(can(manager, "team_member:add", { teamId: "11" })).toBe(false);
    expect(can(manager, "team:delete", { teamId: "10" })).toBe(false);
    const plain = { ...member, teams: new Set(["10"]) };
    expect(can(plain, "team_permission:read", { teamId: "10" })).toBe(true);
    expect(can(plain, "team:update", { teamId: "10" })).toBe(false);
    expect(can(plain, "team_permission:read", { teamId: "11" })).toBe(false);
  });
});
