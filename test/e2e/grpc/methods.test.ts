/**
 * Every method of the gRPC account and organization services succeeds over a real socket and
 * changes what HTTP then sees: password reset through the mailed token, session revocation,
 * a second address (resend, verify, make primary), organization rename, suspend/resume, member
 * roles, invitation delete/decline, ownership transfer, leave, remove member, team member and
 * permission removal, deletes, and account deletion. Runs on the SQLite backend (the journey runs
 * on memory).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { status } from "@grpc/grpc-js";
import { createTestServer, type TestServer } from "../../support/server.ts";
import { bearer, GrpcClients, type GrpcUser, http, signUpGrpc, tokenIn } from "./grpc-harness.ts";

let server: TestServer;
let g: GrpcClients;
let alice: GrpcUser;
let bob: GrpcUser;
let carol: GrpcUser;

const PASSWORD = "correct horse battery staple";

beforeAll(async () => {
  server = await createTestServer({ smtp: true, sqlite: true });
  g = new GrpcClients(server.grpcAddress);
  alice = await signUpGrpc(g, server, "Alice");
  bob = await signUpGrpc(g, server, "Bob");
  carol = await signUpGrpc(g, server, "Carol");
});
afterAll(async () => {
  g.close();
  await server.close();
});

const mailTo = (to: string, subject: RegExp, n = 1) =>
  server.smtp!.waitForMail((m) => m.to.includes(to) && subject.test(m.subject) && --n === 0);

/** Invites `user` to `org` as `role` through gRPC; returns the invitation id. */
async function invite(org: string, by: GrpcUser, user: GrpcUser, role = "MEMBER") {
  const r = await g.ok(
    "OrganizationService",
    "CreateInvitation",
    { organization_id: org, email: user.email, role },
    bearer(by.token),
  );
  return (r.invitation as { id: string }).id;
}

describe("AuthService and UserService methods", () => {
  test("password reset by mail, then the new password signs in", async () => {
    const ok = await g.ok("AuthService", "RequestPasswordReset", { email: alice.email });
    expect(ok.message).toBe("If the email exists, a reset link has been sent");
    const mail = await mailTo(alice.email, /reset/i);
    const next = "another long passphrase!";
    await g.ok("AuthService", "ConfirmPasswordReset", { token: tokenIn(mail), new_password: next });
    const old = await g.call("AuthService", "LoginPassword", {
      email: alice.email,
      password: PASSWORD,
    });
    expect(old.err?.code).toBe(status.UNAUTHENTICATED);
    const login = await g.ok("AuthService", "LoginPassword", {
      email: alice.email,
      password: next,
    });
    alice = { ...alice, token: login.session_token as string };
  });

  test("revoke one session, then all others", async () => {
    const extra = await g.ok("AuthService", "LoginPassword", {
      email: bob.email,
      password: PASSWORD,
    });
    await g.ok("AuthService", "LoginPassword", { email: bob.email, password: PASSWORD });
    await g.ok("UserService", "RevokeSession", { session_id: extra.session_id }, bearer(bob.token));
    const gone = await g.call("UserService", "GetMe", {}, bearer(extra.session_token as string));
    expect(gone.err?.metadata.get("x-error-code")).toEqual(["INVALID_SESSION"]);
    const r = await g.ok("UserService", "RevokeOtherSessions", {}, bearer(bob.token));
    expect(r).toEqual({ revoked_count: 1, message: "Revoked 1 other session(s)" });
    const list = await g.ok("UserService", "ListSessions", {}, bearer(bob.token));
    expect(list.count).toBe(1);
  });

  test("a second address: resend verification, verify, make primary", async () => {
    const md = bearer(carol.token);
    const address = "carol-second@example.com";
    const added = await g.ok("UserService", "AddEmail", { email: address }, md);
    const id = (added.email as { id: string }).id;
    await mailTo(address, /verify/i);
    const resent = await g.ok("UserService", "ResendVerification", { email_id: id }, md);
    expect(resent.message).toBe("Verification email sent");
    const mail = await mailTo(address, /verify/i, 2);
    await g.ok("AuthService", "VerifyEmail", { token: tokenIn(mail) });
    const primary = await g.ok(
      "UserService",
      "SetPrimaryEmail",
      { email_id: id, is_primary: true },
      md,
    );
    expect(primary.email).toMatchObject({ id, is_primary: true, is_verified: true });
    const viaHttp = await http(server, "GET", "/v1/users/emails", carol.token);
    const emails = viaHttp.body.emails as { id: string; is_primary: boolean }[];
    expect(emails.find((e) => e.is_primary)?.id).toBe(id);
    carol = { ...carol, email: address };
  });
});

describe("OrganizationService and TeamService methods", () => {
  let org: string;

  test("rename, suspend and resume", async () => {
    const md = bearer(alice.token);
    const created = await g.ok("OrganizationService", "Create", { name: "Before" }, md);
    org = (created.organization as { id: string }).id;
    const renamed = await g.ok(
      "OrganizationService",
      "Update",
      { organization_id: org, name: "After" },
      md,
    );
    expect(renamed.organization).toMatchObject({ name: "After" });
    const s = await g.ok("OrganizationService", "Suspend", { organization_id: org }, md);
    expect(s.organization).toMatchObject({ suspended: true });
    expect((s.organization as { suspended_at?: string }).suspended_at).toBeString();
    const r = await g.ok("OrganizationService", "Resume", { organization_id: org }, md);
    expect(r.organization).toMatchObject({ suspended: false });
    expect((r.organization as { suspended_at?: string }).suspended_at).toBeUndefined();
    const viaHttp = await http(server, "GET", `/v1/organizations/${org}`, alice.token);
    expect(viaHttp.body.organization).toMatchObject({ name: "After", suspended: false });
  });

  test("member roles, invitation delete and decline", async () => {
    const md = bearer(alice.token);
    const invId = await invite(org, alice, bob);
    const mail = await server.smtp!.waitForMail((m) => m.text.includes(`token=${invId}.`));
    await g.ok(
      "OrganizationService",
      "AcceptInvitation",
      { token: tokenIn(mail) },
      bearer(bob.token),
    );
    const members = await g.ok("OrganizationService", "ListMembers", { organization_id: org }, md);
    const bobMember = (members.members as { id: string; user_id: string }[]).find(
      (m) => m.user_id === bob.id,
    );
    const role = await g.ok(
      "OrganizationService",
      "UpdateMemberRole",
      { organization_id: org, member_id: bobMember?.id, role: "ADMIN" },
      md,
    );
    expect(role.member).toMatchObject({ user_id: bob.id, role: "ADMIN" });

    const first = await invite(org, alice, carol);
    const pending = await g.ok(
      "OrganizationService",
      "ListInvitations",
      { organization_id: org },
      md,
    );
    expect((pending.invitations as { id: string }[]).map((i) => i.id)).toEqual([first]);
    await g.ok(
      "OrganizationService",
      "DeleteInvitation",
      { organization_id: org, invitation_id: first },
      md,
    );
    const second = await invite(org, alice, carol);
    const declined = await g.ok(
      "OrganizationService",
      "DeclineInvitation",
      { invitation_id: second },
      bearer(carol.token),
    );
    expect(declined.message).toBe("Invitation declined");
    const none = await http(server, "GET", `/v1/organizations/${org}/invitations`, alice.token);
    expect(none.body.invitations).toEqual([]);
  });

  test("teams: remove a member, revoke a permission, delete the team", async () => {
    const md = bearer(alice.token);
    const t = await g.ok("TeamService", "CreateTeam", { organization_id: org, name: "Ops" }, md);
    const team = (t.team as { id: string }).id;
    const ids = { organization_id: org, team_id: team };
    const m = await g.ok("TeamService", "AddTeamMember", { ...ids, user_id: bob.id }, md);
    expect(m.member).toMatchObject({ manager: false });
    await g.ok(
      "TeamService",
      "RemoveTeamMember",
      { ...ids, member_id: (m.member as { id: string }).id },
      md,
    );
    const p = await g.ok(
      "TeamService",
      "GrantTeamPermission",
      { ...ids, permission: "ORG_PERM_CLIENT_CREATE" },
      md,
    );
    await g.ok(
      "TeamService",
      "RevokeTeamPermission",
      { ...ids, permission_id: (p.permission as { id: string }).id },
      md,
    );
    const perms = await g.ok("TeamService", "ListTeamPermissions", ids, md);
    expect(perms.permissions).toEqual([]);
    const members = await g.ok("TeamService", "ListTeamMembers", ids, md);
    expect(members.members).toEqual([]);
    await g.ok("TeamService", "DeleteTeam", ids, md);
    const gone = await g.call("TeamService", "GetTeam", ids, md);
    expect(gone.err?.code).toBe(status.NOT_FOUND);
  });

  test("transfer ownership, leave, remove a member, delete", async () => {
    const t = await g.ok(
      "OrganizationService",
      "TransferOwnership",
      { organization_id: org, new_owner_user_id: bob.id },
      bearer(alice.token),
    );
    expect(t.message).toBe("Ownership transferred successfully");
    const asAlice = await g.ok(
      "OrganizationService",
      "Get",
      { organization_id: org },
      bearer(alice.token),
    );
    expect(asAlice.organization).toMatchObject({ role: "ADMIN" });
    await g.ok("OrganizationService", "Leave", { organization_id: org }, bearer(alice.token));
    const outsider = await g.call(
      "OrganizationService",
      "Get",
      { organization_id: org },
      bearer(alice.token),
    );
    expect(outsider.err?.code).toBe(status.NOT_FOUND);

    const invId = await invite(org, bob, carol);
    const mail = await server.smtp!.waitForMail((m) => m.text.includes(`token=${invId}.`));
    await g.ok(
      "OrganizationService",
      "AcceptInvitation",
      { token: tokenIn(mail) },
      bearer(carol.token),
    );
    const members = await g.ok(
      "OrganizationService",
      "ListMembers",
      { organization_id: org },
      bearer(bob.token),
    );
    const carolMember = (members.members as { id: string; user_id: string }[]).find(
      (m) => m.user_id === carol.id,
    );
    await g.ok(
      "OrganizationService",
      "RemoveMember",
      { organization_id: org, member_id: carolMember?.id },
      bearer(bob.token),
    );
    const mine = await g.ok("OrganizationService", "List", {}, bearer(carol.token));
    // Only her own default organization (made at registration) is left.
    expect((mine.organizations as { id: string }[]).map((o) => o.id)).not.toContain(org);

    await g.ok("OrganizationService", "Delete", { organization_id: org }, bearer(bob.token));
    const viaHttp = await http(server, "GET", `/v1/organizations/${org}`, bob.token);
    expect(viaHttp.status).toBe(404);
  });

  test("ChangePassword checks the current password and revokes the other sessions", async () => {
    const other = await g.ok("AuthService", "LoginPassword", {
      email: carol.email,
      password: "correct horse battery staple",
    });
    const wrong = await g.call(
      "UserService",
      "ChangePassword",
      { current_password: "not the password", new_password: "a new password for carol" },
      bearer(carol.token),
    );
    expect(wrong.err?.code).toBe(status.INVALID_ARGUMENT);
    const r = await g.ok(
      "UserService",
      "ChangePassword",
      {
        current_password: "correct horse battery staple",
        new_password: "a new password for carol",
      },
      bearer(carol.token),
    );
    expect(r.revoked_sessions).toBe(1);
    const dead = await g.call("UserService", "GetMe", {}, bearer(other.session_token as string));
    expect(dead.err?.code).toBe(status.UNAUTHENTICATED);
    await g.ok("UserService", "GetMe", {}, bearer(carol.token));
  });

  test("DeleteMe removes the account: its session stops working", async () => {
    const orgs = await g.ok("OrganizationService", "List", {}, bearer(carol.token));
    for (const o of orgs.organizations as { id: string }[]) {
      await g.ok("OrganizationService", "Delete", { organization_id: o.id }, bearer(carol.token));
    }
    await g.ok("UserService", "DeleteMe", {}, bearer(carol.token));
    const me = await g.call("UserService", "GetMe", {}, bearer(carol.token));
    expect(me.err?.code).toBe(status.UNAUTHENTICATED);
    const viaHttp = await http(server, "GET", "/v1/users/me", carol.token);
    expect(viaHttp.status).toBe(401);
  });
});
