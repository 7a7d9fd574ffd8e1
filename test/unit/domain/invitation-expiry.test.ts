/**
 * Invitation expiry in the domain (src/domain/invitations/expiry.ts, `expireInvitation`): which
 * reminders a turn schedules and cancels, what the expiry turn deletes and records, and that it
 * leaves an accepted, a deleted or a not-yet-expired invitation alone.
 */
import { describe, expect, test } from "bun:test";
import {
  EXPIRY_RETRY_MS,
  expiryReminder,
  expiryRetry,
  reminderChanges,
} from "../../../src/domain/invitations/expiry.ts";
import * as inv from "../../../src/domain/invitations/ops.ts";
import { INVITATION_TTL_MS } from "../../../src/domain/invitations/types.ts";
import { OrgKeys } from "../../../src/domain/organizations/keys.ts";
import * as org from "../../../src/domain/organizations/ops.ts";
import type { OrgState } from "../../../src/domain/organizations/state.ts";
import { TurnOutput } from "../../../src/domain/organizations/turn.ts";
import { env, fixture, LIVE_ACCOUNT, ORG, Replay } from "./org-fixtures.ts";

const T0 = 1_000_000;
const EMAIL = "invitee@example.com";

function invite(s: OrgState, invitationId: string, now = T0, out = new TurnOutput()) {
  return inv.createInvitation(
    s,
    {
      invitationId,
      email: EMAIL,
      role: "MEMBER",
      token: "t",
      secretHash: "h",
      existingUserId: undefined,
    },
    env("1", now),
    out,
  ).state;
}

describe("reminderChanges", () => {
  test("a created invitation is scheduled at its expiry; removed ones are cancelled", () => {
    const base = fixture();
    const created = invite(base, "7001");
    expect(reminderChanges(base.invitations, created.invitations)).toEqual({
      schedule: [created.invitations.get("7001")!],
      cancel: [],
    });
    expect(created.invitations.get("7001")!.expires_at).toBe(T0 + INVITATION_TTL_MS);

    const accepted = inv.acceptInvitation(
      created,
      {
        invitationId: "7001",
        secretMatches: () => true,
        verifiedEmails: [EMAIL],
        userOrgCount: 0,
        account: LIVE_ACCOUNT,
      },
      env("9", T0 + 1),
      new TurnOutput(),
    ).state;
    expect(reminderChanges(created.invitations, accepted.invitations)).toEqual({
      schedule: [],
      cancel: ["7001"],
    });

    const deletedOrg = org.deleteOrg(created, env("1", T0 + 1), new TurnOutput()).state;
    expect(reminderChanges(created.invitations, deletedOrg.invitations).cancel).toEqual(["7001"]);
  });

  test("re-inviting an address whose invitation expired swaps the reminders", () => {
    const first = invite(fixture(), "7001");
    const again = invite(first, "7002", T0 + INVITATION_TTL_MS);
    const c = reminderChanges(first.invitations, again.invitations);
    expect(c.schedule.map((i) => i.id)).toEqual(["7002"]);
    expect(c.cancel).toEqual(["7001"]);
  });

  test("a turn that leaves invitations alone changes no reminder", () => {
    const s = invite(fixture(), "7001");
    const renamed = org.updateOrg(s, { name: "New" }, env("1"), new TurnOutput()).state;
    expect(reminderChanges(s.invitations, renamed.invitations)).toEqual({
      schedule: [],
      cancel: [],
    });
  });
});

describe("expireInvitation", () => {
  test("deletes an expired invitation with its indexes and records invitation_expired", () => {
    const kv = new Replay();
    const setup = new TurnOutput();
    const s = invite(fixture({}, kv), "7001", T0, setup);
    kv.apply(setup.writes);
    const hex = (k: Uint8Array) => Buffer.from(k).toString("hex");
    const stored = () => new Set([...kv.rows.values()].map((r) => hex(r.key)));
    const keys = [
      OrgKeys.invitation(ORG, "7001"),
      OrgKeys.invitationLocator("7001"),
      OrgKeys.inbox(EMAIL, "7001"),
    ].map(hex);
    for (const k of keys) expect(stored().has(k)).toBe(true);
    const out = new TurnOutput();
    const r = inv.expireInvitation(s, { invitationId: "7001" }, T0 + INVITATION_TTL_MS, out);
    expect(r.reply).toEqual({ expired: true });
    expect(r.state.invitations.has("7001")).toBe(false);
    kv.apply(out.writes);
    for (const k of keys) expect(stored().has(k)).toBe(false);
    expect(stored().has(hex(OrgKeys.org(ORG)))).toBe(true);
    expect(out.audit).toEqual([
      {
        event_type: "invitation_expired",
        resource_type: "invitation",
        resource_id: "7001",
        data: { email: EMAIL },
      },
    ]);
  });

  test("does nothing for an invitation not yet expired, accepted or gone", () => {
    const s = invite(fixture(), "7001");
    for (const [id, now] of [
      ["7001", T0 + INVITATION_TTL_MS - 1],
      ["7999", T0 + INVITATION_TTL_MS],
    ] as const) {
      const out = new TurnOutput();
      const r = inv.expireInvitation(s, { invitationId: id }, now, out);
      expect(r.reply).toEqual({ expired: false });
      expect(r.state).toBe(s);
      expect(out.writes).toEqual([]);
      expect(out.audit).toEqual([]);
    }
    const accepted = inv.acceptInvitation(
      s,
      {
        invitationId: "7001",
        secretMatches: () => true,
        verifiedEmails: [EMAIL],
        userOrgCount: 0,
        account: LIVE_ACCOUNT,
      },
      env("9", T0 + 1),
      new TurnOutput(),
    ).state;
    const out = new TurnOutput();
    const r = inv.expireInvitation(accepted, { invitationId: "7001" }, T0 + INVITATION_TTL_MS, out);
    expect(r.state).toBe(accepted);
    expect(r.state.members.has("9")).toBe(true);
    expect(out.writes).toEqual([]);
  });
});

describe("expiry reminders", () => {
  test("the retry after an early delivery is due strictly after the delivered one", () => {
    const s = invite(fixture(), "7001");
    const i = s.invitations.get("7001")!;
    const first = expiryReminder(i.id, i.expires_at);
    expect(first.message).toEqual({
      type: "invitations.expire",
      invitationId: "7001",
      at: i.expires_at,
    });
    const retry = expiryRetry(i, first.at, i.expires_at - 5_000);
    expect(retry.name).toBe(first.name);
    expect(retry.at).toBe(i.expires_at + EXPIRY_RETRY_MS);
    // A retry delivered early again moves on again.
    expect(expiryRetry(i, retry.at, i.expires_at - 1).at).toBe(retry.at + EXPIRY_RETRY_MS);
  });
});
