/**
 * The account and organization services over a real gRPC socket: a full journey (register →
 * verification mail in the SMTP sink → verify → login → GetMe → create organization → invite →
 * accept as a second user → members → teams → audit log → logout), with parity checks that HTTP
 * and gRPC answer the same data for the same objects, idempotent creates through
 * `idempotency-key` metadata, and the per-IP registration limit applied to the gRPC peer.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { status } from "@grpc/grpc-js";
import { createTestServer, type TestServer } from "../../support/server.ts";
import {
  asProto,
  bearer,
  GrpcClients,
  type GrpcUser,
  http,
  signUpGrpc,
  tokenIn,
} from "./grpc-harness.ts";

let server: TestServer;
let g: GrpcClients;

beforeAll(async () => {
  server = await createTestServer({ smtp: true });
  g = new GrpcClients(server.grpcAddress);
});
afterAll(async () => {
  g.close();
  await server.close();
});

/** An audit event from HTTP in the proto's shape (`event_data` JSON-encoded). */
function auditAsProto(e: Record<string, unknown>) {
  const { event_data, ...rest } = e;
  return asProto(
    event_data == null ? rest : { ...rest, event_data_json: JSON.stringify(event_data) },
  );
}

describe("gRPC journey", () => {
  let alice: GrpcUser;
  let bob: GrpcUser;
  let orgId: string;

  test("register via gRPC sends the verification mail; verify; login; GetMe", async () => {
    const email = "alice-journey@example.com";
    const reg = await g.ok("AuthService", "Register", {
      name: "Alice Ünïcødé",
      email,
      password: "correct horse battery staple",
    });
    expect(reg.email).toBe(email);
    expect(reg.name).toBe("Alice Ünïcødé");
    expect(reg.user_id).toMatch(/^[1-9]\d*$/);
    expect(reg.session_token).toStartWith(`${reg.session_id as string}.`);

    const mail = await server.smtp!.waitForMail((m) => m.to.includes(email));
    expect(mail.subject).toMatch(/verify/i);
    const verified = await g.ok("AuthService", "VerifyEmail", { token: tokenIn(mail) });
    expect(verified).toEqual({ message: "Email verified successfully", email });
    // A token is single-use.
    const again = await g.call("AuthService", "VerifyEmail", { token: tokenIn(mail) });
    expect(again.err?.code).toBe(status.INVALID_ARGUMENT);
    expect(again.err?.metadata.get("x-error-code")).toEqual(["INVALID_VERIFICATION_TOKEN"]);

    const login = await g.ok("AuthService", "LoginPassword", {
      email,
      password: "correct horse battery staple",
    });
    expect(login.user_id).toBe(reg.user_id);
    expect(login.session_id).not.toBe(reg.session_id);
    alice = { id: login.user_id as string, email, token: login.session_token as string };

    const me = await g.ok("UserService", "GetMe", {}, bearer(alice.token));
    expect(me.user).toMatchObject({ id: alice.id, name: "Alice Ünïcødé" });
    // Same user over HTTP with the credential gRPC issued.
    const viaHttp = await http(server, "GET", "/v1/users/me", alice.token);
    expect(viaHttp.status).toBe(200);
    expect(me.user).toEqual(asProto(viaHttp.body.user) as Record<string, unknown>);
  });

  test("profile, sessions and emails agree with HTTP", async () => {
    const md = bearer(alice.token);
    const upd = await g.ok("UserService", "UpdateMe", { name: "Alice" }, md);
    expect((upd.user as { name: string }).name).toBe("Alice");

    const sessions = await g.ok("UserService", "ListSessions", {}, md);
    expect(sessions.count).toBe(2);
    const hs = await http(server, "GET", "/v1/users/sessions", alice.token);
    expect(sessions.sessions).toEqual(asProto(hs.body.sessions) as unknown[]);
    const current = (sessions.sessions as { current: boolean; user_agent?: string }[]).find(
      (s) => s.current,
    );
    expect(current?.user_agent).toContain("grpc");

    const added = await g.ok("UserService", "AddEmail", { email: "alice-2@example.com" }, md);
    expect(added.email).toMatchObject({ email: "alice-2@example.com", is_verified: false });
    const emails = await g.ok("UserService", "ListEmails", { limit: 1 }, md);
    expect(emails.pagination).toEqual({
      total: 2,
      count: 1,
      offset: 0,
      limit: 1,
      has_more: true,
    });
    const he = await http(server, "GET", "/v1/users/emails?limit=1", alice.token);
    expect(emails).toEqual(asProto(he.body) as Record<string, unknown>);
    const id = (added.email as { id: string }).id;
    await g.ok("UserService", "DeleteEmail", { email_id: id }, md);
    const gone = await g.call("UserService", "DeleteEmail", { email_id: id }, md);
    expect(gone.err?.code).toBe(status.NOT_FOUND);
  });

  test("create an organization; HTTP and gRPC return the same organization", async () => {
    const created = await g.ok(
      "OrganizationService",
      "Create",
      { name: "Acme 組織" },
      bearer(alice.token),
    );
    const org = created.organization as Record<string, unknown>;
    expect(org).toMatchObject({ name: "Acme 組織", role: "OWNER", suspended: false });
    orgId = org.id as string;
    const got = await g.ok(
      "OrganizationService",
      "Get",
      { organization_id: orgId },
      bearer(alice.token),
    );
    const viaHttp = await http(server, "GET", `/v1/organizations/${orgId}`, alice.token);
    expect(viaHttp.status).toBe(200);
    expect(got).toEqual(asProto(viaHttp.body) as Record<string, unknown>);
    const list = await g.ok("OrganizationService", "List", {}, bearer(alice.token));
    const hl = await http(server, "GET", "/v1/organizations", alice.token);
    expect(list).toEqual(asProto(hl.body) as Record<string, unknown>);
  });

  test("invite a second user, who accepts; members agree with HTTP", async () => {
    bob = await signUpGrpc(g, server, "Bob");
    const inv = await g.ok(
      "OrganizationService",
      "CreateInvitation",
      { organization_id: orgId, email: bob.email, role: "ADMIN" },
      bearer(alice.token),
    );
    const invitation = inv.invitation as { id: string; role: string };
    expect(invitation.role).toBe("ADMIN");

    const inbox = await g.ok("OrganizationService", "ListMyInvitations", {}, bearer(bob.token));
    expect(inbox.invitations).toEqual([
      expect.objectContaining({ id: invitation.id, organization_name: "Acme 組織" }),
    ]);
    const hi = await http(server, "GET", "/v1/users/invitations", bob.token);
    expect(inbox).toEqual(asProto(hi.body) as Record<string, unknown>);

    const mail = await server.smtp!.waitForMail(
      (m) => m.to.includes(bob.email) && m.text.includes(`token=${invitation.id}.`),
    );
    const accepted = await g.ok(
      "OrganizationService",
      "AcceptInvitation",
      { token: tokenIn(mail) },
      bearer(bob.token),
    );
    expect(accepted.organization).toMatchObject({ id: orgId, role: "ADMIN" });

    const members = await g.ok(
      "OrganizationService",
      "ListMembers",
      { organization_id: orgId },
      bearer(alice.token),
    );
    const list = members.members as { user_id: string; role: string }[];
    expect(list.map((m) => [m.user_id, m.role]).sort()).toEqual(
      [
        [alice.id, "OWNER"],
        [bob.id, "ADMIN"],
      ].sort(),
    );
    const hm = await http(server, "GET", `/v1/organizations/${orgId}/members`, alice.token);
    expect(members).toEqual(asProto(hm.body) as Record<string, unknown>);
  });

  test("teams, team members and permissions agree with HTTP", async () => {
    const md = bearer(alice.token);
    const t = await g.ok(
      "TeamService",
      "CreateTeam",
      { organization_id: orgId, name: "Platform", description: "runs things" },
      md,
    );
    const teamId = (t.team as { id: string }).id;
    const tm = await g.ok(
      "TeamService",
      "AddTeamMember",
      { organization_id: orgId, team_id: teamId, user_id: bob.id, manager: true },
      md,
    );
    expect(tm.member).toMatchObject({ team_id: teamId, user_id: bob.id, manager: true });
    const demoted = await g.ok(
      "TeamService",
      "UpdateTeamMember",
      {
        organization_id: orgId,
        team_id: teamId,
        member_id: (tm.member as { id: string }).id,
        manager: false,
      },
      md,
    );
    expect(demoted.member).toMatchObject({ user_id: bob.id, manager: false });
    const memberId = (tm.member as { id: string }).id;
    const one = await g.ok(
      "TeamService",
      "GetTeamMember",
      { organization_id: orgId, team_id: teamId, member_id: memberId },
      md,
    );
    const oneHttp = await http(
      server,
      "GET",
      `/v1/organizations/${orgId}/teams/${teamId}/members/${memberId}`,
      alice.token,
    );
    expect(oneHttp.status).toBe(200);
    expect(one).toEqual(asProto(oneHttp.body) as Record<string, unknown>);
    await g.ok(
      "TeamService",
      "GrantTeamPermission",
      { organization_id: orgId, team_id: teamId, permission: "ORG_PERM_CLIENT_CREATE" },
      md,
    );
    const base = `/v1/organizations/${orgId}/teams/${teamId}`;
    for (const [method, path] of [
      ["GetTeam", base],
      ["ListTeamMembers", `${base}/members`],
      ["ListTeamPermissions", `${base}/permissions`],
      ["ListTeams", `/v1/organizations/${orgId}/teams`],
    ] as const) {
      const viaGrpc = await g.ok(
        "TeamService",
        method,
        { organization_id: orgId, team_id: teamId },
        md,
      );
      const viaHttp = await http(server, "GET", path, alice.token);
      expect(viaHttp.status).toBe(200);
      expect(viaGrpc).toEqual(asProto(viaHttp.body) as Record<string, unknown>);
    }
    const upd = await g.ok(
      "TeamService",
      "UpdateTeam",
      { organization_id: orgId, team_id: teamId, name: "Platform 2" },
      md,
    );
    expect(upd.team).toMatchObject({ name: "Platform 2", description: "runs things" });
  });

  test("the audit log lists the journey and agrees with HTTP", async () => {
    const logs = await g.ok(
      "OrganizationService",
      "ListAuditLogs",
      { organization_id: orgId, limit: 100 },
      bearer(alice.token),
    );
    const types = (logs.audit_logs as { event_type: string }[]).map((e) => e.event_type);
    for (const t of ["organization_created", "invitation_created", "organization_member_added"]) {
      expect(types).toContain(t);
    }
    const created = (logs.audit_logs as Record<string, unknown>[]).find(
      (e) => e.event_type === "organization_created",
    );
    expect(JSON.parse(created?.event_data_json as string)).toEqual({ name: "Acme 組織" });
    const viaHttp = await http(
      server,
      "GET",
      `/v1/organizations/${orgId}/audit-logs?limit=100`,
      alice.token,
    );
    expect(logs.audit_logs).toEqual(
      (viaHttp.body.audit_logs as Record<string, unknown>[]).map(auditAsProto),
    );
    // OWNER only: the ADMIN gets PERMISSION_DENIED with the stable code in trailers.
    const denied = await g.call(
      "OrganizationService",
      "ListAuditLogs",
      { organization_id: orgId },
      bearer(bob.token),
    );
    expect(denied.err?.code).toBe(status.PERMISSION_DENIED);
    expect(denied.err?.metadata.get("x-error-code")[0]).toBeString();
  });

  test("an idempotency-key makes Create answer the same organization twice", async () => {
    const md = () => bearer(alice.token, { "idempotency-key": "grpc-create-1" });
    const a = await g.ok("OrganizationService", "Create", { name: "Once" }, md());
    const b = await g.ok("OrganizationService", "Create", { name: "Once" }, md());
    expect((b.organization as { id: string }).id).toBe((a.organization as { id: string }).id);
  });

  test("logout ends the session: the credential no longer authenticates", async () => {
    const out = await g.ok("AuthService", "Logout", {}, bearer(alice.token));
    expect(out.message).toBe("Logged out successfully");
    const me = await g.call("UserService", "GetMe", {}, bearer(alice.token));
    expect(me.err?.code).toBe(status.UNAUTHENTICATED);
    expect(me.err?.metadata.get("x-error-code")).toEqual(["INVALID_SESSION"]);
    const viaHttp = await http(server, "GET", "/v1/users/me", alice.token);
    expect(viaHttp.status).toBe(401);
  });
});

describe("gRPC rate limits", () => {
  test("registrations per IP are limited for the gRPC peer like for HTTP", async () => {
    const limited = await createTestServer({
      config: { rate_limiting: { enabled: true, registrations_per_ip_per_day: 1 } },
    });
    const c = new GrpcClients(limited.grpcAddress);
    try {
      const body = (n: number) => ({
        name: "Rate",
        email: `rate-${n}@example.com`,
        password: "correct horse battery staple",
      });
      expect((await c.call("AuthService", "Register", body(1))).res?.user_id).toBeString();
      const second = await c.call("AuthService", "Register", body(2));
      expect(second.err?.code).toBe(status.RESOURCE_EXHAUSTED);
      expect(second.err?.metadata.get("x-error-code")).toEqual(["RATE_LIMITED"]);
      expect(Number(second.err?.metadata.get("retry-after")[0])).toBeGreaterThan(0);
      // The same limiter: HTTP from the same address is over the limit too.
      const viaHttp = await http(limited, "POST", "/v1/auth/register", undefined, body(3));
      expect(viaHttp.status).toBe(429);
    } finally {
      c.close();
      await limited.close();
    }
  });
});
