/**
 * The organization domain operations as pure functions: organizations (limits, suspension,
 * deletion), members and owners (last-owner rules, atomic transfer, purge), invitations.
 */
import { describe, expect, test } from "bun:test";
import * as inv from "../../../src/domain/invitations/ops.ts";
import { INVITATION_TTL_MS } from "../../../src/domain/invitations/types.ts";
import { OrgKeys } from "../../../src/domain/organizations/keys.ts";
import * as org from "../../../src/domain/organizations/ops.ts";
import { EMPTY_ORG_STATE, stateFromRows } from "../../../src/domain/organizations/state.ts";
import { TurnOutput } from "../../../src/domain/organizations/turn.ts";
import type { OrgRole } from "../../../src/domain/organizations/types.ts";
import * as teams from "../../../src/domain/teams/ops.ts";
import { codeOf, env, fixture, LIVE_ACCOUNT, ORG, Replay } from "./org-fixtures.ts";

describe("organizations", () => {
  test("the creator becomes OWNER; the name is trimmed", () => {
    const s = fixture();
    expect(s.org?.name).toBe("Acme");
    expect(s.members.get("1")?.role).toBe("OWNER");
  });

  test("creation needs a verified email and respects the per-user and global limits", () => {
    const base = {
      orgId: ORG,
      name: "x",
      creatorVerified: true,
      creatorOrgCount: 0,
    };
    const run = (over: object) => () =>
      org.createOrg(EMPTY_ORG_STATE, { ...base, ...over }, env("1"), new TurnOutput());
    expect(codeOf(run({ creatorVerified: false }))).toBe("EMAIL_NOT_VERIFIED");
    expect(codeOf(run({ creatorOrgCount: 10 }))).toBe("USER_ORG_LIMIT");
    expect(codeOf(run({ creatorOrgCount: 9 }))).toBe("OK");
    expect(codeOf(run({ name: "   " }))).toBe("ORG_NAME_INVALID");
    expect(codeOf(run({ name: "a\u0000b" }))).toBe("ORG_NAME_INVALID");
    expect(codeOf(run({ name: "é".repeat(51) }))).toBe("ORG_NAME_INVALID");
  });

  test("non-members get ORG_NOT_FOUND, members of a deleted organization too", () => {
    const s = fixture({ "2": "MEMBER" });
    expect(codeOf(() => org.getOrg(s, env("99")))).toBe("ORG_NOT_FOUND");
    const gone = org.deleteOrg(s, env("1"), new TurnOutput()).state;
    expect(codeOf(() => org.getOrg(gone, env("1")))).toBe("ORG_NOT_FOUND");
    expect(codeOf(() => org.getOrg(gone, env("2")))).toBe("ORG_NOT_FOUND");
  });

  test("a suspended organization refuses writes but serves reads; the owner resumes it", () => {
    let s = fixture({ "2": "ADMIN" });
    expect(codeOf(() => org.suspendOrg(s, true, env("2"), new TurnOutput()))).toBe("ORG_FORBIDDEN");
    s = org.suspendOrg(s, true, env("1"), new TurnOutput()).state;
    expect(codeOf(() => org.updateOrg(s, { name: "n" }, env("2"), new TurnOutput()))).toBe(
      "ORG_SUSPENDED",
    );
    expect(codeOf(() => teams.createTeam(s, { name: "t" }, env("1"), new TurnOutput()))).toBe(
      "ORG_SUSPENDED",
    );
    expect(codeOf(() => org.getOrg(s, env("2")))).toBe("OK");
    expect(codeOf(() => org.suspendOrg(s, true, env("1"), new TurnOutput()))).toBe(
      "ORG_ALREADY_SUSPENDED",
    );
    s = org.suspendOrg(s, false, env("1"), new TurnOutput()).state;
    expect(codeOf(() => org.updateOrg(s, { name: "n" }, env("2"), new TurnOutput()))).toBe("OK");
  });
});

describe("members and owners", () => {
  test("the last owner can be neither demoted, removed, nor leave", () => {
    const s = fixture({ "2": "ADMIN" });
    const ownerId = s.members.get("1")!.id;
    expect(
      codeOf(() =>
        org.changeMemberRole(s, { memberId: ownerId, role: "ADMIN" }, env("1"), new TurnOutput()),
      ),
    ).toBe("LAST_OWNER");
    expect(
      codeOf(() => org.removeMember(s, { memberId: ownerId }, env("1"), new TurnOutput())),
    ).toBe("LAST_OWNER");
    expect(codeOf(() => org.leaveOrg(s, env("1"), new TurnOutput()))).toBe("LAST_OWNER");
  });

  test("an ADMIN cannot promote to OWNER nor act on owners; an OWNER can", () => {
    const s = fixture({ "2": "ADMIN", "3": "MEMBER", "4": "OWNER" });
    const m3 = s.members.get("3")!.id;
    const m4 = s.members.get("4")!.id;
    expect(
      codeOf(() =>
        org.changeMemberRole(s, { memberId: m3, role: "OWNER" }, env("2"), new TurnOutput()),
      ),
    ).toBe("ORG_FORBIDDEN");
    expect(
      codeOf(() =>
        org.changeMemberRole(s, { memberId: m4, role: "MEMBER" }, env("2"), new TurnOutput()),
      ),
    ).toBe("ORG_FORBIDDEN");
    expect(codeOf(() => org.removeMember(s, { memberId: m4 }, env("2"), new TurnOutput()))).toBe(
      "ORG_FORBIDDEN",
    );
    expect(
      codeOf(() =>
        org.changeMemberRole(s, { memberId: m3, role: "ADMIN" }, env("2"), new TurnOutput()),
      ),
    ).toBe("OK");
    expect(
      codeOf(() =>
        org.changeMemberRole(s, { memberId: m4, role: "MEMBER" }, env("1"), new TurnOutput()),
      ),
    ).toBe("OK");
  });

  test("an unknown membership id is MEMBER_NOT_FOUND", () => {
    const s = fixture();
    expect(
      codeOf(() => org.removeMember(s, { memberId: "424242" }, env("1"), new TurnOutput())),
    ).toBe("MEMBER_NOT_FOUND");
  });

  test("removing a member removes their team memberships (A9) in state and store", () => {
    const kv = new Replay();
    let s = fixture({ "2": "MEMBER" }, kv);
    const out = new TurnOutput();
    const t = teams.createTeam(s, { name: "Core" }, env("1"), out);
    s = t.state;
    s = teams.addTeamMember(
      s,
      { teamId: t.reply.team.id, userId: "2", manager: true },
      env("1"),
      out,
    ).state;
    s = org.removeMember(s, { memberId: s.members.get("2")!.id }, env("1"), out).state;
    kv.apply(out.writes);
    expect(s.teamMembers.get(t.reply.team.id)?.has("2")).toBe(false);
    const reloaded = stateFromRows(ORG, kv.range(OrgKeys.orgRange(ORG)));
    expect(reloaded.members.has("2")).toBe(false);
    expect(reloaded.teamMembers.get(t.reply.team.id)?.has("2") ?? false).toBe(false);
    expect(kv.range(OrgKeys.userMemberships("2"))).toHaveLength(0);
  });

  test("ownership transfer swaps roles in one turn", () => {
    const s = fixture({ "2": "MEMBER" });
    expect(
      codeOf(() => org.transferOwnership(s, { newOwnerUserId: "1" }, env("1"), new TurnOutput())),
    ).toBe("TRANSFER_TO_SELF");
    expect(
      codeOf(() => org.transferOwnership(s, { newOwnerUserId: "77" }, env("1"), new TurnOutput())),
    ).toBe("TRANSFER_TARGET_NOT_MEMBER");
    const out = new TurnOutput();
    const next = org.transferOwnership(s, { newOwnerUserId: "2" }, env("1"), out).state;
    expect(next.members.get("2")?.role).toBe("OWNER");
    expect(next.members.get("1")?.role).toBe("ADMIN");
    expect(out.audit.map((a) => a.event_type)).toEqual(["organization_ownership_transferred"]);
  });

  test("purging a deleted user removes the membership, never the last owner", () => {
    const s = fixture({ "2": "MEMBER" });
    expect(
      codeOf(() => org.purgeUser(fixture(), { userId: "1" }, env("1"), new TurnOutput())),
    ).toBe("LAST_OWNER");
    expect(codeOf(() => org.purgeUser(s, { userId: "2" }, env("1"), new TurnOutput()))).toBe(
      "ORG_FORBIDDEN",
    );
    expect(
      org.purgeUser(s, { userId: "2" }, env("2"), new TurnOutput()).state.members.has("2"),
    ).toBe(false);
    expect(org.purgeUser(s, { userId: "9" }, env("9"), new TurnOutput()).state).toBe(s);
  });
});

describe("invitations", () => {
  const base = {
    email: "new@example.com",
    role: "MEMBER" as OrgRole,
    token: "t",
    secretHash: "h",
    existingUserId: undefined,
  };

  test("duplicates and existing members are refused; expired duplicates are replaced", () => {
    let s = fixture({ "2": "MEMBER" });
    s = inv.createInvitation(
      s,
      { ...base, invitationId: "7001" },
      env("1"),
      new TurnOutput(),
    ).state;
    expect(
      codeOf(() =>
        inv.createInvitation(
          s,
          { ...base, invitationId: "7002", email: " NEW@example.com" },
          env("1"),
          new TurnOutput(),
        ),
      ),
    ).toBe("INVITATION_EXISTS");
    expect(
      codeOf(() =>
        inv.createInvitation(
          s,
          { ...base, invitationId: "7003", email: "x@example.com", existingUserId: "2" },
          env("1"),
          new TurnOutput(),
        ),
      ),
    ).toBe("ALREADY_MEMBER");
    const later = env("1", 1_000_000 + INVITATION_TTL_MS);
    const r = inv.createInvitation(s, { ...base, invitationId: "7004" }, later, new TurnOutput());
    expect([...r.state.invitations.keys()]).toEqual(["7004"]);
  });

  test("invalid addresses are refused", () => {
    const s = fixture();
    for (const email of ["", "no-at", "a@b", "a b@c.d", `${"x".repeat(250)}@e.com`]) {
      expect(
        codeOf(() =>
          inv.createInvitation(
            s,
            { ...base, invitationId: "7010", email },
            env("1"),
            new TurnOutput(),
          ),
        ),
      ).toBe("INVITATION_EMAIL_INVALID");
    }
  });

  test("accepting needs the right secret, a verified matching address, an unexpired invitation", () => {
    const s = inv.createInvitation(
      fixture(),
      { ...base, invitationId: "7020" },
      env("1"),
      new TurnOutput(),
    ).state;
    const accept =
      (over: object, e = env("9")) =>
      () =>
        inv.acceptInvitation(
          s,
          {
            invitationId: "7020",
            secretMatches: (h) => h === "h",
            verifiedEmails: ["new@example.com"],
            userOrgCount: 0,
            account: LIVE_ACCOUNT,
            ...over,
          },
          e,
          new TurnOutput(),
        );
    expect(codeOf(accept({ secretMatches: () => false }))).toBe("INVITATION_INVALID");
    expect(codeOf(accept({ invitationId: "7999" }))).toBe("INVITATION_INVALID");
    expect(codeOf(accept({ verifiedEmails: ["other@example.com"] }))).toBe(
      "INVITATION_EMAIL_MISMATCH",
    );
    expect(codeOf(accept({}, env("9", 1_000_000 + INVITATION_TTL_MS)))).toBe("INVITATION_INVALID");
    expect(codeOf(accept({ userOrgCount: 10 }))).toBe("USER_ORG_LIMIT");
    expect(codeOf(accept({}, env("1")))).toBe("ALREADY_MEMBER");
    expect(codeOf(accept({}))).toBe("OK");
  });

  test("the member limit of the tier holds (DEV: 5)", () => {
    const s = fixture({ "2": "MEMBER", "3": "MEMBER", "4": "MEMBER", "5": "MEMBER" });
    expect(
      codeOf(() =>
        inv.createInvitation(s, { ...base, invitationId: "7030" }, env("1"), new TurnOutput()),
      ),
    ).toBe("MEMBER_LIMIT");
  });

  test("declining is for the invitee only", () => {
    const s = inv.createInvitation(
      fixture(),
      { ...base, invitationId: "7040" },
      env("1"),
      new TurnOutput(),
    ).state;
    expect(
      codeOf(() =>
        inv.declineInvitation(
          s,
          { invitationId: "7040", verifiedEmails: ["x@example.com"] },
          new TurnOutput(),
        ),
      ),
    ).toBe("INVITATION_NOT_FOUND");
    expect(
      inv.declineInvitation(
        s,
        { invitationId: "7040", verifiedEmails: ["new@example.com"] },
        new TurnOutput(),
      ).state.invitations.size,
    ).toBe(0);
  });
});
