/**
 * Team operations as pure functions (tier limit, names, managers, enforced permissions) and the
 * store round trip: what the operations write reloads into the same state (keys and codecs agree
 * with `stateFromRows`), and deletion leaves only the tombstone.
 */
import { describe, expect, test } from "bun:test";
import * as inv from "../../../src/domain/invitations/ops.ts";
import { OrgKeys } from "../../../src/domain/organizations/keys.ts";
import * as org from "../../../src/domain/organizations/ops.ts";
import { type OrgState, stateFromRows } from "../../../src/domain/organizations/state.ts";
import { TurnOutput } from "../../../src/domain/organizations/turn.ts";
import * as teams from "../../../src/domain/teams/ops.ts";
import { codeOf, env, fixture, ORG, Replay } from "./org-fixtures.ts";

describe("teams", () => {
  test("tier limit (DEV: 3), case-insensitive unique names, names free again after delete", () => {
    let s = fixture();
    const ids: string[] = [];
    for (const name of ["a", "b", "c"]) {
      const r = teams.createTeam(s, { name }, env("1"), new TurnOutput());
      s = r.state;
      ids.push(r.reply.team.id);
    }
    expect(codeOf(() => teams.createTeam(s, { name: "d" }, env("1"), new TurnOutput()))).toBe(
      "TEAM_LIMIT",
    );
    s = teams.deleteTeam(s, { teamId: ids[0]! }, env("1"), new TurnOutput()).state;
    expect(codeOf(() => teams.createTeam(s, { name: "B" }, env("1"), new TurnOutput()))).toBe(
      "TEAM_NAME_TAKEN",
    );
    expect(codeOf(() => teams.createTeam(s, { name: "a" }, env("1"), new TurnOutput()))).toBe("OK");
    expect(
      codeOf(() => teams.createTeam(s, { name: "bad/name" }, env("1"), new TurnOutput())),
    ).toBe("TEAM_NAME_INVALID");
  });

  test("team members must belong to the organization; managers manage their team only", () => {
    let s = fixture({ "2": "MEMBER", "3": "MEMBER" });
    const a = teams.createTeam(s, { name: "a" }, env("1"), new TurnOutput());
    s = a.state;
    const b = teams.createTeam(s, { name: "b" }, env("1"), new TurnOutput());
    s = b.state;
    const A = a.reply.team.id;
    const B = b.reply.team.id;
    expect(
      codeOf(() =>
        teams.addTeamMember(
          s,
          { teamId: A, userId: "99", manager: false },
          env("1"),
          new TurnOutput(),
        ),
      ),
    ).toBe("TEAM_MEMBER_NOT_ORG_MEMBER");
    s = teams.addTeamMember(
      s,
      { teamId: A, userId: "2", manager: true },
      env("1"),
      new TurnOutput(),
    ).state;
    expect(
      codeOf(() =>
        teams.addTeamMember(
          s,
          { teamId: A, userId: "2", manager: false },
          env("1"),
          new TurnOutput(),
        ),
      ),
    ).toBe("TEAM_MEMBER_EXISTS");
    expect(
      codeOf(() =>
        teams.addTeamMember(
          s,
          { teamId: A, userId: "3", manager: false },
          env("2"),
          new TurnOutput(),
        ),
      ),
    ).toBe("OK");
    expect(
      codeOf(() =>
        teams.addTeamMember(
          s,
          { teamId: B, userId: "3", manager: false },
          env("2"),
          new TurnOutput(),
        ),
      ),
    ).toBe("ORG_FORBIDDEN");
    expect(codeOf(() => teams.getTeam(s, { teamId: "123" }, env("2")))).toBe("TEAM_NOT_FOUND");
  });

  test("granted permissions are enforced and go away with the team", () => {
    let s = fixture({ "2": "MEMBER" });
    const t = teams.createTeam(s, { name: "inviters" }, env("1"), new TurnOutput());
    s = t.state;
    const T = t.reply.team.id;
    s = teams.addTeamMember(
      s,
      { teamId: T, userId: "2", manager: false },
      env("1"),
      new TurnOutput(),
    ).state;
    const invite = (st: OrgState) => () =>
      inv.createInvitation(
        st,
        {
          invitationId: "7100",
          email: "z@example.com",
          role: "MEMBER",
          token: "t",
          secretHash: "h",
          existingUserId: undefined,
        },
        env("2"),
        new TurnOutput(),
      );
    expect(codeOf(invite(s))).toBe("ORG_FORBIDDEN");
    expect(
      codeOf(() =>
        teams.grantTeamPermission(
          s,
          { teamId: T, permission: "ORG_PERM_INVITE_USERS" },
          env("2"),
          new TurnOutput(),
        ),
      ),
    ).toBe("ORG_FORBIDDEN");
    const g = teams.grantTeamPermission(
      s,
      { teamId: T, permission: "ORG_PERM_INVITE_USERS" },
      env("1"),
      new TurnOutput(),
    );
    s = g.state;
    expect(codeOf(invite(s))).toBe("OK");
    expect(
      codeOf(() =>
        teams.grantTeamPermission(
          s,
          { teamId: T, permission: "ORG_PERM_INVITE_USERS" },
          env("1"),
          new TurnOutput(),
        ),
      ),
    ).toBe("TEAM_PERMISSION_EXISTS");
    const revoked = teams.revokeTeamPermission(
      s,
      { teamId: T, permissionId: g.reply.permission.id },
      env("1"),
      new TurnOutput(),
    ).state;
    expect(codeOf(invite(revoked))).toBe("ORG_FORBIDDEN");
    const deleted = teams.deleteTeam(s, { teamId: T }, env("1"), new TurnOutput()).state;
    expect(codeOf(invite(deleted))).toBe("ORG_FORBIDDEN");
  });
});

describe("store round trip", () => {
  test("writes reload into the same state; deletion leaves only the tombstone and clears indexes", () => {
    const kv = new Replay();
    let s = fixture({ "2": "ADMIN" }, kv);
    const out = new TurnOutput();
    const t = teams.createTeam(s, { name: "Ops", description: "on call" }, env("1"), out);
    s = t.state;
    s = teams.addTeamMember(
      s,
      { teamId: t.reply.team.id, userId: "2", manager: true },
      env("1"),
      out,
    ).state;
    s = teams.grantTeamPermission(
      s,
      { teamId: t.reply.team.id, permission: "ORG_PERM_VAULT_CREATE" },
      env("1"),
      out,
    ).state;
    s = inv.createInvitation(
      s,
      {
        invitationId: "7200",
        email: "p@example.com",
        role: "ADMIN",
        token: "t",
        secretHash: "h",
        existingUserId: undefined,
      },
      env("1"),
      out,
    ).state;
    kv.apply(out.writes);
    const reloaded = stateFromRows(ORG, kv.range(OrgKeys.orgRange(ORG)));
    expect(reloaded).toEqual(s);
    const del = new TurnOutput();
    org.deleteOrg(s, env("1"), del);
    kv.apply(del.writes);
    const rows = kv.range(OrgKeys.orgRange(ORG));
    expect(rows).toHaveLength(1);
    expect(stateFromRows(ORG, rows).org?.deleted_at).not.toBeNull();
    expect(kv.range(OrgKeys.userMemberships("1"))).toHaveLength(0);
    expect(kv.range(OrgKeys.inboxRange("p@example.com"))).toHaveLength(0);
  });
});
