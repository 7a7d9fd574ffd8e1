/**
 * The authorization matrix: every organization-scoped route of the table in
 * src/domain/authz/table.ts, called over HTTP by every kind of caller (OWNER, ADMIN, MEMBER, a
 * MEMBER holding each delegated permission through a team, a team manager, an OWNER of another
 * organization, anonymous). Allowed callers get a 2xx, denied members 403, outsiders 404,
 * anonymous 401; each answer is checked against the table, so the table, `can()` and the routes
 * must agree. Destructive operations prepare a fresh target per call and restore the fixture.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { ORG_PERMISSIONS } from "../../../src/domain/authz/permissions.ts";
import { AUTHZ_TABLE, CALLER_KINDS, type CallerKind } from "../../../src/domain/authz/table.ts";
import {
  addMember,
  call,
  createOrg,
  type OrgEnv,
  signUp,
  startOrgEnv,
  type User,
} from "./org-harness.ts";

let env: OrgEnv;
let orgId: string;
let owner: User;
let target: User; // an ordinary member the operations act on
let targetTeam: string; // managed by the team_manager
const callers = new Map<CallerKind, User | undefined>();
let seq = 0;

const O = () => `/v1/organizations/${orgId}`;
const asOwner = (method: string, path: string, body?: unknown) =>
  call(env, method, path, { token: owner.token, body });

async function ok<T = Record<string, unknown>>(
  p: Promise<{ status: number; body: Record<string, unknown> }>,
): Promise<T> {
  const r = await p;
  if (r.status >= 300)
    throw new Error(`fixture step failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as T;
}

async function suspended(): Promise<boolean> {
  return (await ok<{ organization: { suspended: boolean } }>(asOwner("GET", O()))).organization
    .suspended;
}

async function membershipOf(userId: string): Promise<{ id: string; role: string } | undefined> {
  const list = (
    await ok<{ members: { id: string; user_id: string; role: string }[] }>(
      asOwner("GET", `${O()}/members?limit=100`),
    )
  ).members;
  return list.find((m) => m.user_id === userId);
}

async function teamMemberOf(teamId: string, userId: string): Promise<string | undefined> {
  const list = (
    await ok<{ members: { id: string; user_id: string }[] }>(
      asOwner("GET", `${O()}/teams/${teamId}/members?limit=100`),
    )
  ).members;
  return list.find((m) => m.user_id === userId)?.id;
}

beforeAll(async () => {
  env = await startOrgEnv();
  owner = await signUp(env, "Owner");
  orgId = await createOrg(env, owner, "Matrix");
  await env.server.node.services.organizations.setTier(orgId, "TIER_MAX_V1");
  callers.set("owner", owner);
  const admin = await signUp(env, "Admin");
  await addMember(env, orgId, owner, admin, "ADMIN");
  callers.set("admin", admin);
  const member = await signUp(env, "Member");
  await addMember(env, orgId, owner, member);
  callers.set("member", member);
  target = await signUp(env, "Target");
  await addMember(env, orgId, owner, target);

  const manager = await signUp(env, "Manager");
  await addMember(env, orgId, owner, manager);
  targetTeam = (
    await ok<{ team: { id: string } }>(asOwner("POST", `${O()}/teams`, { name: "Target" }))
  ).team.id;
  await ok(
    asOwner("POST", `${O()}/teams/${targetTeam}/members`, { user_id: manager.id, manager: true }),
  );
  callers.set("team_manager", manager);

  for (const perm of ORG_PERMISSIONS) {
    const u = await signUp(env, perm);
    await addMember(env, orgId, owner, u);
    const team = (
      await ok<{ team: { id: string } }>(asOwner("POST", `${O()}/teams`, { name: perm }))
    ).team.id;
    await ok(asOwner("POST", `${O()}/teams/${team}/members`, { user_id: u.id, manager: false }));
    await ok(asOwner("POST", `${O()}/teams/${team}/permissions`, { permission: perm }));
    callers.set(`perm:${perm}`, u);
  }
  const outsider = await signUp(env, "Outsider");
  await createOrg(env, outsider, "Elsewhere");
  callers.set("other_org", outsider);
  callers.set("anonymous", undefined);
}, 120_000);
afterAll(() => env.close());

interface Req {
  method: string;
  path: string;
  body?: unknown;
}

/** The target's membership id in the target team, adding them first when needed. */
async function targetInTeam(): Promise<string> {
  const existing = await teamMemberOf(targetTeam, target.id);
  if (existing) return existing;
  const add = asOwner("POST", `${O()}/teams/${targetTeam}/members`, {
    user_id: target.id,
    manager: false,
  });
  return (await ok<{ member: { id: string } }>(add)).member.id;
}

/** Promotes the target member to `role`; restores them to MEMBER after a success. */
function promoteTarget(role: string) {
  const targetPath = async () => `${O()}/members/${(await membershipOf(target.id))!.id}`;
  return {
    prepare: async (): Promise<Req> => ({
      method: "PATCH",
      path: await targetPath(),
      body: { role },
    }),
    restore: async () => void (await ok(asOwner("PATCH", await targetPath(), { role: "MEMBER" }))),
  };
}

/** Withdraws a fresh invitation with `role` (made by the OWNER). */
function deleteInvitationOf(role: string) {
  return {
    prepare: async (): Promise<Req> => {
      const inv = await ok<{ invitation: { id: string } }>(
        asOwner("POST", `${O()}/invitations`, { email: `d${++seq}@example.com`, role }),
      );
      return { method: "DELETE", path: `${O()}/invitations/${inv.invitation.id}` };
    },
  };
}

/** Builds the request of `op` (preparing its target), and restores the fixture after a success. */
const OPS: Record<string, { prepare(): Promise<Req>; restore?(): Promise<void> }> = {
  "org.get": { prepare: async () => ({ method: "GET", path: O() }) },
  "org.update": { prepare: async () => ({ method: "PATCH", path: O(), body: { name: "Matrix" } }) },
  "org.suspend": {
    prepare: async () => ({ method: "POST", path: `${O()}/suspend` }),
    restore: async () => void (await ok(asOwner("POST", `${O()}/resume`))),
  },
  "org.resume": {
    prepare: async () => {
      if (!(await suspended())) await ok(asOwner("POST", `${O()}/suspend`));
      return { method: "POST", path: `${O()}/resume` };
    },
    restore: async () => {
      if (await suspended()) await ok(asOwner("POST", `${O()}/resume`));
    },
  },
  "org.delete": { prepare: async () => ({ method: "DELETE", path: O() }) },
  "members.list": { prepare: async () => ({ method: "GET", path: `${O()}/members` }) },
  "members.promote_admin": promoteTarget("ADMIN"),
  "members.promote_owner": promoteTarget("OWNER"),
  "members.remove": {
    prepare: async () => {
      if (!(await membershipOf(target.id))) await addMember(env, orgId, owner, target);
      return { method: "DELETE", path: `${O()}/members/${(await membershipOf(target.id))!.id}` };
    },
    restore: async () => void (await addMember(env, orgId, owner, target)),
  },
  "invitations.create": {
    prepare: async () => ({
      method: "POST",
      path: `${O()}/invitations`,
      body: { email: `m${++seq}@example.com`, role: "MEMBER" },
    }),
  },
  "invitations.create_admin": {
    prepare: async () => ({
      method: "POST",
      path: `${O()}/invitations`,
      body: { email: `a${++seq}@example.com`, role: "ADMIN" },
    }),
  },
  "invitations.create_owner": {
    prepare: async () => ({
      method: "POST",
      path: `${O()}/invitations`,
      body: { email: `o${++seq}@example.com`, role: "OWNER" },
    }),
  },
  "invitations.list": { prepare: async () => ({ method: "GET", path: `${O()}/invitations` }) },
  "invitations.delete": deleteInvitationOf("MEMBER"),
  "invitations.delete_admin": deleteInvitationOf("ADMIN"),
  "invitations.delete_owner": deleteInvitationOf("OWNER"),
  "ownership.transfer": {
    prepare: async () => ({
      method: "POST",
      path: `${O()}/transfer-ownership`,
      body: { new_owner_user_id: target.id },
    }),
    restore: async () => {
      await ok(
        call(env, "POST", `${O()}/transfer-ownership`, {
          token: target.token,
          body: { new_owner_user_id: owner.id },
        }),
      );
      await ok(
        asOwner("PATCH", `${O()}/members/${(await membershipOf(target.id))!.id}`, {
          role: "MEMBER",
        }),
      );
    },
  },
  "audit.list": { prepare: async () => ({ method: "GET", path: `${O()}/audit-logs` }) },
  "teams.create": {
    prepare: async () => ({
      method: "POST",
      path: `${O()}/teams`,
      body: { name: `team ${++seq}` },
    }),
  },
  "teams.list": { prepare: async () => ({ method: "GET", path: `${O()}/teams` }) },
  "teams.get": { prepare: async () => ({ method: "GET", path: `${O()}/teams/${targetTeam}` }) },
  "teams.update": {
    prepare: async () => ({
      method: "PATCH",
      path: `${O()}/teams/${targetTeam}`,
      body: { description: `d${++seq}` },
    }),
  },
  "teams.delete": {
    prepare: async () => {
      // A throwaway team the team manager also manages: managers may not delete their team.
      const t = (
        await ok<{ team: { id: string } }>(
          asOwner("POST", `${O()}/teams`, { name: `doomed ${++seq}` }),
        )
      ).team.id;
      await ok(
        asOwner("POST", `${O()}/teams/${t}/members`, {
          user_id: callers.get("team_manager")!.id,
          manager: true,
        }),
      );
      return { method: "DELETE", path: `${O()}/teams/${t}` };
    },
  },
  "team_members.list": {
    prepare: async () => ({ method: "GET", path: `${O()}/teams/${targetTeam}/members` }),
  },
  "team_members.get": {
    prepare: async () => ({
      method: "GET",
      path: `${O()}/teams/${targetTeam}/members/${await targetInTeam()}`,
    }),
  },
  "team_members.add": {
    prepare: async () => {
      const tm = await teamMemberOf(targetTeam, target.id);
      if (tm) await ok(asOwner("DELETE", `${O()}/teams/${targetTeam}/members/${tm}`));
      return {
        method: "POST",
        path: `${O()}/teams/${targetTeam}/members`,
        body: { user_id: target.id, manager: false },
      };
    },
  },
  "team_members.update": {
    prepare: async () => ({
      method: "PATCH",
      path: `${O()}/teams/${targetTeam}/members/${await targetInTeam()}`,
      body: { manager: false },
    }),
  },
  "team_members.remove": {
    prepare: async () => ({
      method: "DELETE",
      path: `${O()}/teams/${targetTeam}/members/${await targetInTeam()}`,
    }),
  },
  "team_permissions.list": {
    prepare: async () => ({ method: "GET", path: `${O()}/teams/${targetTeam}/permissions` }),
  },
  "team_permissions.grant": {
    prepare: async () => ({
      method: "POST",
      path: `${O()}/teams/${targetTeam}/permissions`,
      body: { permission: "ORG_PERM_VAULT_CREATE" },
    }),
    restore: async () => {
      const list = (
        await ok<{ permissions: { id: string }[] }>(
          asOwner("GET", `${O()}/teams/${targetTeam}/permissions`),
        )
      ).permissions;
      for (const p of list)
        await ok(asOwner("DELETE", `${O()}/teams/${targetTeam}/permissions/${p.id}`));
    },
  },
  "team_permissions.revoke": {
    prepare: async () => {
      const g = await asOwner("POST", `${O()}/teams/${targetTeam}/permissions`, {
        permission: "ORG_PERM_VAULT_DELETE",
      });
      const list = (
        await ok<{ permissions: { id: string; permission: string }[] }>(
          asOwner("GET", `${O()}/teams/${targetTeam}/permissions`),
        )
      ).permissions;
      expect([201, 409]).toContain(g.status);
      const id = list.find((p) => p.permission === "ORG_PERM_VAULT_DELETE")!.id;
      return { method: "DELETE", path: `${O()}/teams/${targetTeam}/permissions/${id}` };
    },
  },
};

function expectedStatus(kind: CallerKind, allowed: boolean): string {
  if (kind === "anonymous") return "401";
  if (kind === "other_org") return "404";
  return allowed ? "2xx" : "403";
}

// Destructive org.delete runs last; within a row, denied callers go first, the allowed ones after.
const rows = [...AUTHZ_TABLE].sort(
  (a, b) => Number(a.op === "org.delete") - Number(b.op === "org.delete"),
);

describe("self-service: leaving", () => {
  test("anonymous 401, outsider 404, member 204, the last owner 400", async () => {
    const path = `${O()}/members/me`;
    expect((await call(env, "DELETE", path)).status).toBe(401);
    expect(
      (await call(env, "DELETE", path, { token: callers.get("other_org")!.token })).status,
    ).toBe(404);
    const leaver = await signUp(env, "Leaver");
    await addMember(env, orgId, owner, leaver);
    expect((await call(env, "DELETE", path, { token: leaver.token })).status).toBe(204);
    expect((await call(env, "GET", O(), { token: leaver.token })).status).toBe(404);
    const last = await call(env, "DELETE", path, { token: owner.token });
    expect(last.status).toBe(400);
    expect(last.body.code).toBe("LAST_OWNER");
  });
});

describe("authorization matrix (HTTP) against the table next to can()", () => {
  test("every table row has a request builder", () => {
    for (const row of AUTHZ_TABLE) expect(OPS[row.op]).toBeDefined();
  });

  for (const row of rows) {
    test(row.op, async () => {
      const op = OPS[row.op]!;
      const kinds = [...CALLER_KINDS].sort(
        (a, b) => Number(row.allowed.includes(a)) - Number(row.allowed.includes(b)),
      );
      const mismatches: string[] = [];
      for (const kind of kinds) {
        const allowed = row.allowed.includes(kind);
        const req = await op.prepare();
        const r = await call(env, req.method, req.path, {
          token: callers.get(kind)?.token,
          body: req.body,
        });
        const got = r.status >= 200 && r.status < 300 ? "2xx" : String(r.status);
        const want = expectedStatus(kind, allowed);
        if (got !== want)
          mismatches.push(`${kind}: expected ${want}, got ${r.status} ${JSON.stringify(r.body)}`);
        if (got === "2xx" && op.restore) await op.restore();
      }
      if (row.op === "org.resume" && (await suspended()))
        await ok(asOwner("POST", `${O()}/resume`));
      expect(mismatches).toEqual([]);
    }, 60_000);
  }
});
