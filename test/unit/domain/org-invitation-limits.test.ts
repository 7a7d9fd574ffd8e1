/**
 * Invitation bounds and the other organization rules of issue 9 as pure domain operations:
 * the pending cap (twice the tier's member limit) that also bounds the actor's invitation map,
 * the mail budgets spent in the invitation's write set (429 with Retry-After when exhausted),
 * withdrawing an invitation touching its role, leaving a suspended organization, an acceptance by
 * an account being deleted, and reading one team member.
 */
import { describe, expect, test } from "bun:test";
import { maxPendingInvitations, spendMailBudgets } from "../../../src/domain/invitations/limits.ts";
import * as inv from "../../../src/domain/invitations/ops.ts";
import { INVITATION_TTL_MS } from "../../../src/domain/invitations/types.ts";
import { DELETION_MARK_TTL_MS } from "../../../src/domain/organizations/deletion.ts";
import * as org from "../../../src/domain/organizations/ops.ts";
import type { OrgState } from "../../../src/domain/organizations/state.ts";
import { TurnOutput } from "../../../src/domain/organizations/turn.ts";
import type { OrgRole } from "../../../src/domain/organizations/types.ts";
import type { RateLimitRule } from "../../../src/domain/ratelimit/counters.ts";
import * as teams from "../../../src/domain/teams/ops.ts";
import { isAppError } from "../../../src/lib/errors.ts";
import { codeOf, env, fixture, LIVE_ACCOUNT } from "./org-fixtures.ts";

let nextInv = 80_000;

function invite(
  s: OrgState,
  email: string,
  opts: { role?: OrgRole; by?: string; now?: number; out?: TurnOutput } = {},
) {
  return inv.createInvitation(
    s,
    {
      invitationId: String(nextInv++),
      email,
      role: opts.role ?? "MEMBER",
      token: "t",
      secretHash: "h",
      existingUserId: undefined,
    },
    env(opts.by ?? "1", opts.now),
    opts.out ?? new TurnOutput(),
  );
}

describe("pending invitations are capped by the tier", () => {
  test("DEV holds at most 10 pending invitations; the 11th is 402 INVITATION_LIMIT", () => {
    expect(maxPendingInvitations("TIER_DEV_V1")).toBe(10);
    expect(maxPendingInvitations("TIER_PRO_V1")).toBe(100);
    let s = fixture();
    for (let i = 0; i < 10; i++) s = invite(s, `p${i}@example.com`).state;
    let err: unknown;
    try {
      invite(s, "one-more@example.com");
    } catch (e) {
      err = e;
    }
    expect(isAppError(err) && { code: err.code, status: err.httpStatus }).toEqual({
      code: "INVITATION_LIMIT",
      status: 402,
    });
    // A higher tier raises the cap.
    s = org.setTier(s, "TIER_PRO_V1", new TurnOutput()).state;
    expect(codeOf(() => invite(s, "one-more@example.com"))).toBe("OK");
  });

  test("expired invitations are dropped by the next create, so the map stays within the cap", () => {
    let s = fixture();
    for (let i = 0; i < 10; i++) s = invite(s, `old${i}@example.com`).state;
    const later = 1_000_000 + INVITATION_TTL_MS;
    const out = new TurnOutput();
    s = invite(s, "fresh@example.com", { now: later, out }).state;
    expect([...s.invitations.values()].map((i) => i.email)).toEqual(["fresh@example.com"]);
    expect(out.audit.filter((a) => a.event_type === "invitation_expired")).toHaveLength(10);
  });
});

describe("invitation mail budgets", () => {
  const rule: RateLimitRule = { category: "invitation_address", limit: 2, windowSec: 86400 };
  const now = 1_000_000;

  test("a budget with units left is spent in the write set", () => {
    const writes = spendMailBudgets([{ rule, identifier: "a@example.com", used: 1 }], now);
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatchObject({ op: "atomicAdd", delta: 1 });
  });

  test("an exhausted budget refuses the invitation with 429 and Retry-After, spending nothing", () => {
    let s = fixture();
    const out = new TurnOutput();
    let err: unknown;
    try {
      inv.createInvitation(
        s,
        {
          invitationId: String(nextInv++),
          email: "a@example.com",
          role: "MEMBER",
          token: "t",
          secretHash: "h",
          existingUserId: undefined,
          mailBudgets: [
            { rule: { ...rule, category: "invitation_org" }, identifier: "1000", used: 0 },
            { rule, identifier: "a@example.com", used: 2 },
          ],
        },
        env("1", now),
        out,
      );
    } catch (e) {
      err = e;
    }
    expect(isAppError(err) && err.code).toBe("INVITATION_RATE_LIMITED");
    expect(isAppError(err) && err.httpStatus).toBe(429);
    expect(isAppError(err) && (err.retryAfterSeconds ?? 0) > 0).toBe(true);
    expect(out.writes.filter((w) => w.op === "atomicAdd")).toHaveLength(0);
    s = invite(s, "b@example.com").state; // no budgets: nothing to spend
    expect(s.invitations.size).toBe(1);
  });
});

describe("withdrawing an invitation touches its role (A8)", () => {
  test("an ADMIN cannot delete an OWNER invitation; an OWNER can; ADMIN invitations need an ADMIN", () => {
    let s = fixture({ "2": "ADMIN" });
    const owner = invite(s, "o@example.com", { role: "OWNER" });
    s = owner.state;
    const admin = invite(s, "a@example.com", { role: "ADMIN", by: "2" });
    s = admin.state;
    const del = (id: string, by: string) => () =>
      inv.deleteInvitation(s, { invitationId: id }, env(by), new TurnOutput());
    expect(codeOf(del(owner.reply.invitation.id, "2"))).toBe("ORG_FORBIDDEN");
    expect(codeOf(del(admin.reply.invitation.id, "2"))).toBe("OK");
    expect(codeOf(del(owner.reply.invitation.id, "1"))).toBe("OK");
    expect(codeOf(del("99999", "2"))).toBe("INVITATION_NOT_FOUND");
  });
});

describe("leaving a suspended organization", () => {
  test("a member leaves while it is suspended; other writes stay refused", () => {
    let s = fixture({ "2": "MEMBER" });
    s = org.suspendOrg(s, true, env("1"), new TurnOutput()).state;
    const left = org.leaveOrg(s, env("2"), new TurnOutput());
    expect(left.state.members.has("2")).toBe(false);
    expect(codeOf(() => org.updateOrg(s, { name: "n" }, env("1"), new TurnOutput()))).toBe(
      "ORG_SUSPENDED",
    );
  });
});

describe("an acceptance by an account being deleted", () => {
  const now = 1_000_000;
  function accept(account: { exists: boolean; deletionStartedAt: number | null }, at = now) {
    const s = invite(fixture(), "joiner@example.com").state;
    const id = [...s.invitations.keys()][0]!;
    const out = new TurnOutput();
    return {
      out,
      code: codeOf(() =>
        inv.acceptInvitation(
          s,
          {
            invitationId: id,
            secretMatches: () => true,
            verifiedEmails: ["joiner@example.com"],
            userOrgCount: 0,
            account,
          },
          env("7", at),
          out,
        ),
      ),
    };
  }

  test("is refused while the deletion runs, and refused once the account is gone", () => {
    expect(accept(LIVE_ACCOUNT).code).toBe("OK");
    expect(accept({ exists: true, deletionStartedAt: now - 1000 }).code).toBe(
      "ACCOUNT_BEING_DELETED",
    );
    expect(accept({ exists: false, deletionStartedAt: null }).code).toBe("UNAUTHENTICATED");
    expect(accept({ exists: false, deletionStartedAt: now - 1000 }).code).toBe("UNAUTHENTICATED");
  });

  test("an abandoned deletion's mark is ignored and cleared", () => {
    const r = accept({ exists: true, deletionStartedAt: now - DELETION_MARK_TTL_MS - 1 });
    expect(r.code).toBe("OK");
    expect(r.out.writes.some((w) => w.op === "clear")).toBe(true);
  });
});

describe("one team member", () => {
  test("any member reads a team member by its team membership id; unknown ids are 404", () => {
    let s = fixture({ "2": "MEMBER", "3": "MEMBER" });
    s = teams.createTeam(s, { name: "Core" }, env("1"), new TurnOutput()).state;
    const teamId = [...s.teams.keys()][0]!;
    const added = teams.addTeamMember(
      s,
      { teamId, userId: "2", manager: true },
      env("1"),
      new TurnOutput(),
    );
    s = added.state;
    const got = teams.getTeamMember(s, { teamId, memberId: added.reply.member.id }, env("3"));
    expect(got.reply.member).toEqual(added.reply.member);
    expect(codeOf(() => teams.getTeamMember(s, { teamId, memberId: "424242" }, env("3")))).toBe(
      "TEAM_MEMBER_NOT_FOUND",
    );
    expect(
      codeOf(() => teams.getTeamMember(s, { teamId, memberId: added.reply.member.id }, env("99"))),
    ).toBe("ORG_NOT_FOUND");
  });
});
