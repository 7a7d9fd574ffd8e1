/**
 * Organization flows over real sockets with a real SMTP sink: create/list/get/update, invitation
 * end to end (invite → mail → accept → member), inbox and decline, roles and ownership transfer,
 * teams with members and permissions, suspend/resume, leave, delete with its cascade, idempotent
 * create. Checks A4 shapes and A2 timestamps.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import {
  addMember,
  call,
  createOrg,
  type OrgEnv,
  signUp,
  startOrgEnv,
  tokenIn,
  type User,
} from "./org-harness.ts";

const RFC3339_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
let env: OrgEnv;
let owner: User;

beforeAll(async () => {
  env = await startOrgEnv();
  owner = await signUp(env, "Owner");
});
afterAll(() => env.close());

describe("organizations", () => {
  test("create, list, get, update: A4 shapes, string ids, RFC 3339 times", async () => {
    const c = await call(env, "POST", "/v1/organizations", {
      token: owner.token,
      body: { name: "  Initech " },
    });
    expect(c.status).toBe(201);
    const org = c.body.organization as Record<string, unknown>;
    expect(org).toMatchObject({
      name: "Initech",
      tier: "TIER_DEV_V1",
      role: "OWNER",
      suspended: false,
    });
    expect(typeof org.id).toBe("string");
    expect(org.created_at).toMatch(RFC3339_MS);

    const list = await call(env, "GET", "/v1/organizations?limit=1", { token: owner.token });
    expect(list.status).toBe(200);
    expect(list.body.pagination).toMatchObject({ limit: 1, offset: 0, count: 1 });
    const ids = (await call(env, "GET", "/v1/organizations", { token: owner.token })).body
      .organizations as { id: string }[];
    expect(ids.map((o) => o.id)).toContain(org.id as string);

    const u = await call(env, "PATCH", `/v1/organizations/${org.id}`, {
      token: owner.token,
      body: { name: "Initrode" },
    });
    expect(u.status).toBe(200);
    expect((u.body.organization as { name: string }).name).toBe("Initrode");
    const g = await call(env, "GET", `/v1/organizations/${org.id}`, { token: owner.token });
    expect((g.body.organization as { name: string }).name).toBe("Initrode");
  });

  test("a create retried with the same Idempotency-Key answers the first outcome", async () => {
    const u = await signUp(env, "Retrier");
    const send = () =>
      call(env, "POST", "/v1/organizations", {
        token: u.token,
        body: { name: "Once" },
        headers: { "idempotency-key": "create-once-1" },
      });
    const [a, b] = [await send(), await send()];
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect((b.body.organization as { id: string }).id).toBe(
      (a.body.organization as { id: string }).id,
    );
    const other = await call(env, "POST", "/v1/organizations", {
      token: u.token,
      body: { name: "Twice" },
      headers: { "idempotency-key": "create-once-2" },
    });
    expect((other.body.organization as { id: string }).id).not.toBe(
      (a.body.organization as { id: string }).id,
    );
    const mine = await call(env, "GET", "/v1/organizations", { token: u.token });
    // The two, and the default organization made at registration.
    expect(mine.body.pagination).toMatchObject({ total: 3 });
  });

  test("a retry from another client (User-Agent) replays the first outcome; another body is refused", async () => {
    const u = await signUp(env, "Roamer");
    const org = await call(env, "POST", "/v1/organizations", {
      token: u.token,
      body: { name: "Roaming" },
    });
    const orgId = (org.body.organization as { id: string }).id;
    const send = (ua: string, name: string) =>
      call(env, "POST", `/v1/organizations/${orgId}/teams`, {
        token: u.token,
        body: { name },
        headers: { "idempotency-key": "team-once", "user-agent": ua },
      });
    const first = await send("curl/8.5", "Ops");
    const again = await send("inferadb-cli/1.0 (through another proxy)", "Ops");
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    const teams = await call(env, "GET", `/v1/organizations/${orgId}/teams`, { token: u.token });
    expect(teams.body.pagination).toMatchObject({ total: 1 });
    const other = await send("curl/8.5", "Dev");
    expect(other.status).toBe(422);
    expect(other.body.code).toBe("IDEMPOTENCY_KEY_REUSED");
    // The origin still reaches the audit log, beside the message rather than inside it.
    const log = await call(env, "GET", `/v1/organizations/${orgId}/audit-logs`, { token: u.token });
    const created = (log.body.audit_logs as { event_type: string; user_agent: string }[]).filter(
      (e) => e.event_type === "team_created",
    );
    expect(created.map((e) => e.user_agent)).toEqual(["curl/8.5"]);
  });

  test("an invitation retried with the same Idempotency-Key answers the first invitation, one mail", async () => {
    const u = await signUp(env, "Inviter");
    const o = await call(env, "POST", "/v1/organizations", {
      token: u.token,
      body: { name: "Inv once" },
    });
    const orgId = (o.body.organization as { id: string }).id;
    const email = `once-${orgId}@example.com`;
    const send = (ua: string, role = "MEMBER") =>
      call(env, "POST", `/v1/organizations/${orgId}/invitations`, {
        token: u.token,
        body: { email, role },
        headers: { "idempotency-key": "invite-once", "user-agent": ua },
      });
    const first = await send("curl/8.5");
    const again = await send("another client");
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    await env.smtp.waitForMail((m) => m.to.includes(email));
    await Bun.sleep(200); // a (wrong) second mail would arrive by now
    expect(env.smtp.mails.filter((m) => m.to.includes(email))).toHaveLength(1);
    const other = await send("curl/8.5", "ADMIN");
    expect(other.status).toBe(422);
    expect(other.body.code).toBe("IDEMPOTENCY_KEY_REUSED");
  });

  test("an unverified user cannot create an organization", async () => {
    const u = await signUp(env, "Unverified", false);
    const r = await call(env, "POST", "/v1/organizations", {
      token: u.token,
      body: { name: "Nope" },
    });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe("EMAIL_NOT_VERIFIED");
  });

  test("a user belongs to at most 10 organizations", async () => {
    const u = await signUp(env, "Collector");
    // The default organization made at registration counts: 9 more reach the limit.
    for (let i = 0; i < 9; i++) await createOrg(env, u, `org ${i}`);
    const r = await call(env, "POST", "/v1/organizations", {
      token: u.token,
      body: { name: "eleventh" },
    });
    expect(r.status).toBe(402);
    expect(r.body.code).toBe("USER_ORG_LIMIT");
  });
});

describe("invitations end to end", () => {
  test("invite → mail (token only there) → accept → member; the inviter never sees the token", async () => {
    const orgId = await createOrg(env, owner, "Mailers");
    const invitee = await signUp(env, "Invitee");
    const r = await call(env, "POST", `/v1/organizations/${orgId}/invitations`, {
      token: owner.token,
      body: { email: invitee.email.toUpperCase(), role: "ADMIN" },
    });
    expect(r.status).toBe(201);
    const inv = r.body.invitation as Record<string, unknown>;
    expect(inv).toMatchObject({ email: invitee.email, role: "ADMIN", organization_id: orgId });
    expect(JSON.stringify(r.body)).not.toContain("token");
    expect(inv.expires_at).toMatch(RFC3339_MS);

    const mail = await env.smtp.waitForMail(
      (m) => m.to.includes(invitee.email) && /invited/i.test(m.subject),
    );
    expect(mail.subject).toContain("Mailers");
    const token = tokenIn(mail);

    const inbox = await call(env, "GET", "/v1/users/invitations", { token: invitee.token });
    expect((inbox.body.invitations as { id: string }[]).map((i) => i.id)).toEqual([
      inv.id as string,
    ]);

    const stranger = await signUp(env, "Stranger");
    const wrong = await call(env, "POST", "/v1/organizations/invitations/accept", {
      token: stranger.token,
      body: { token },
    });
    expect(wrong.status).toBe(403);
    expect(wrong.body.code).toBe("INVITATION_EMAIL_MISMATCH");
    const forged = await call(env, "POST", "/v1/organizations/invitations/accept", {
      token: invitee.token,
      body: { token: `${inv.id}.${"A".repeat(43)}` },
    });
    expect(forged.status).toBe(404);
    expect(forged.body.code).toBe("INVITATION_INVALID");

    const ok = await call(env, "POST", "/v1/organizations/invitations/accept", {
      token: invitee.token,
      body: { token },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.organization).toMatchObject({ id: orgId, role: "ADMIN", tier: "TIER_DEV_V1" });
    const again = await call(env, "POST", "/v1/organizations/invitations/accept", {
      token: invitee.token,
      body: { token },
    });
    expect(again.status).toBe(404);

    const members = await call(env, "GET", `/v1/organizations/${orgId}/members`, {
      token: invitee.token,
    });
    expect(
      (members.body.members as { user_id: string; role: string }[]).find(
        (m) => m.user_id === invitee.id,
      )?.role,
    ).toBe("ADMIN");
    const dup = await call(env, "POST", `/v1/organizations/${orgId}/invitations`, {
      token: owner.token,
      body: { email: invitee.email, role: "MEMBER" },
    });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe("ALREADY_MEMBER");
  });

  test("duplicate pending invitations are refused; decline removes; delete removes", async () => {
    const orgId = await createOrg(env, owner, "Decliners");
    const invitee = await signUp(env, "Decliner");
    const body = { email: invitee.email, role: "MEMBER" };
    const first = await call(env, "POST", `/v1/organizations/${orgId}/invitations`, {
      token: owner.token,
      body,
    });
    expect(first.status).toBe(201);
    const dup = await call(env, "POST", `/v1/organizations/${orgId}/invitations`, {
      token: owner.token,
      body,
    });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe("INVITATION_EXISTS");
    const id = (first.body.invitation as { id: string }).id;
    const d = await call(env, "POST", `/v1/users/invitations/${id}/decline`, {
      token: invitee.token,
    });
    expect(d.status).toBe(200);
    const list = await call(env, "GET", `/v1/organizations/${orgId}/invitations`, {
      token: owner.token,
    });
    expect(list.body.invitations).toEqual([]);
    expect(list.body.pagination).toMatchObject({ total: 0, count: 0, has_more: false });

    const second = await call(env, "POST", `/v1/organizations/${orgId}/invitations`, {
      token: owner.token,
      body,
    });
    const id2 = (second.body.invitation as { id: string }).id;
    const del = await call(env, "DELETE", `/v1/organizations/${orgId}/invitations/${id2}`, {
      token: owner.token,
    });
    expect(del.status).toBe(204);
    const gone = await call(env, "DELETE", `/v1/organizations/${orgId}/invitations/${id2}`, {
      token: owner.token,
    });
    expect(gone.status).toBe(404);
  });
});

describe("roles, ownership, teams, lifecycle", () => {
  test("ownership transfer is atomic; the last owner cannot leave; members can", async () => {
    const orgId = await createOrg(env, owner, "Heirs");
    const heir = await signUp(env, "Heir");
    await addMember(env, orgId, owner, heir);
    const lastOwner = await call(env, "DELETE", `/v1/organizations/${orgId}/members/me`, {
      token: owner.token,
    });
    expect(lastOwner.status).toBe(400);
    expect(lastOwner.body.code).toBe("LAST_OWNER");
    const t = await call(env, "POST", `/v1/organizations/${orgId}/transfer-ownership`, {
      token: owner.token,
      body: { new_owner_user_id: heir.id },
    });
    expect(t.status).toBe(200);
    const members = (
      await call(env, "GET", `/v1/organizations/${orgId}/members`, { token: heir.token })
    ).body.members as { user_id: string; role: string }[];
    expect(members.find((m) => m.user_id === heir.id)?.role).toBe("OWNER");
    expect(members.find((m) => m.user_id === owner.id)?.role).toBe("ADMIN");
    const leave = await call(env, "DELETE", `/v1/organizations/${orgId}/members/me`, {
      token: owner.token,
    });
    expect(leave.status).toBe(204);
    const after = await call(env, "GET", `/v1/organizations/${orgId}`, { token: owner.token });
    expect(after.status).toBe(404);
  });

  test("teams: CRUD, members with manager, permissions enforced for a MEMBER", async () => {
    const orgId = await createOrg(env, owner, "Teamsters");
    const m = await signUp(env, "TeamMember");
    await addMember(env, orgId, owner, m);
    const base = `/v1/organizations/${orgId}/teams`;
    const c = await call(env, "POST", base, {
      token: owner.token,
      body: { name: "Platform", description: "infra" },
    });
    expect(c.status).toBe(201);
    const team = c.body.team as { id: string };
    expect(c.body.team).toMatchObject({
      name: "Platform",
      description: "infra",
      organization_id: orgId,
    });
    const add = await call(env, "POST", `${base}/${team.id}/members`, {
      token: owner.token,
      body: { user_id: m.id, manager: true },
    });
    expect(add.status).toBe(201);
    expect(add.body.member).toMatchObject({ user_id: m.id, manager: true, team_id: team.id });
    const tmId = (add.body.member as { id: string }).id;
    // As manager, m may update the team but not create teams or invite.
    expect(
      (
        await call(env, "PATCH", `${base}/${team.id}`, {
          token: m.token,
          body: { name: "Platform 2" },
        })
      ).status,
    ).toBe(200);
    expect((await call(env, "POST", base, { token: m.token, body: { name: "Mine" } })).status).toBe(
      403,
    );
    const invite = { email: `friend-${Date.now()}@example.com`, role: "MEMBER" };
    expect(
      (
        await call(env, "POST", `/v1/organizations/${orgId}/invitations`, {
          token: m.token,
          body: invite,
        })
      ).status,
    ).toBe(403);
    const grant = await call(env, "POST", `${base}/${team.id}/permissions`, {
      token: owner.token,
      body: { permission: "ORG_PERM_INVITE_USERS" },
    });
    expect(grant.status).toBe(201);
    expect(
      (
        await call(env, "POST", `/v1/organizations/${orgId}/invitations`, {
          token: m.token,
          body: invite,
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await call(env, "POST", `/v1/organizations/${orgId}/invitations`, {
          token: m.token,
          body: { ...invite, email: `a-${invite.email}`, role: "ADMIN" },
        })
      ).status,
    ).toBe(403);
    const perms = await call(env, "GET", `${base}/${team.id}/permissions`, { token: m.token });
    expect((perms.body.permissions as { permission: string }[]).map((p) => p.permission)).toEqual([
      "ORG_PERM_INVITE_USERS",
    ]);
    const upd = await call(env, "PATCH", `${base}/${team.id}/members/${tmId}`, {
      token: owner.token,
      body: { manager: false },
    });
    expect(upd.body.member).toMatchObject({ manager: false });
    expect(
      (await call(env, "PATCH", `${base}/${team.id}`, { token: m.token, body: { name: "Nope" } }))
        .status,
    ).toBe(403);
    expect((await call(env, "DELETE", `${base}/${team.id}`, { token: owner.token })).status).toBe(
      204,
    );
    expect((await call(env, "GET", `${base}/${team.id}`, { token: owner.token })).status).toBe(404);
    expect(
      (
        await call(env, "POST", `/v1/organizations/${orgId}/invitations`, {
          token: m.token,
          body: { ...invite, email: `b-${invite.email}` },
        })
      ).status,
    ).toBe(403);
  });

  test("suspend blocks writes but not reads; resume restores; delete cascades", async () => {
    const orgId = await createOrg(env, owner, "Sleepers");
    const m = await signUp(env, "Sleeper");
    await addMember(env, orgId, owner, m, "ADMIN");
    expect(
      (await call(env, "POST", `/v1/organizations/${orgId}/suspend`, { token: m.token })).status,
    ).toBe(403);
    const s = await call(env, "POST", `/v1/organizations/${orgId}/suspend`, { token: owner.token });
    expect(s.status).toBe(200);
    expect(s.body.organization).toMatchObject({ suspended: true });
    const w = await call(env, "PATCH", `/v1/organizations/${orgId}`, {
      token: m.token,
      body: { name: "x" },
    });
    expect(w.status).toBe(403);
    expect(w.body.code).toBe("ORG_SUSPENDED");
    expect(
      (await call(env, "GET", `/v1/organizations/${orgId}/members`, { token: m.token })).status,
    ).toBe(200);
    expect(
      (await call(env, "POST", `/v1/organizations/${orgId}/resume`, { token: owner.token })).status,
    ).toBe(200);
    expect(
      (
        await call(env, "PATCH", `/v1/organizations/${orgId}`, {
          token: m.token,
          body: { name: "x" },
        })
      ).status,
    ).toBe(200);

    expect(
      (await call(env, "DELETE", `/v1/organizations/${orgId}`, { token: m.token })).status,
    ).toBe(403);
    expect(
      (await call(env, "DELETE", `/v1/organizations/${orgId}`, { token: owner.token })).status,
    ).toBe(204);
    for (const u of [owner, m]) {
      expect(
        (await call(env, "GET", `/v1/organizations/${orgId}`, { token: u.token })).status,
      ).toBe(404);
      const mine = (await call(env, "GET", "/v1/organizations?limit=100", { token: u.token })).body
        .organizations as { id: string }[];
      expect(mine.map((o) => o.id)).not.toContain(orgId);
    }
  });
});
