/**
 * Tenant isolation: an OWNER of organization A can neither read nor change anything of
 * organization B through any route, neither with B's id in the URL nor with ids of B's members,
 * teams, team members, permissions and invitations guessed into A's URLs. B is unchanged after.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
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
let attacker: User;
let victim: User;
let a: string;
let b: string;
let teamA: string;
const B = { member: "", memberUser: "", team: "", teamMember: "", permission: "", invitation: "" };

async function snapshotOfB() {
  const t = victim.token;
  const get = async (p: string) =>
    (await call(env, "GET", `/v1/organizations/${b}${p}`, { token: t })).body;
  return {
    org: await get(""),
    members: await get("/members"),
    invitations: await get("/invitations"),
    teams: await get("/teams"),
    teamMembers: await get(`/teams/${B.team}/members`),
    permissions: await get(`/teams/${B.team}/permissions`),
  };
}

beforeAll(async () => {
  env = await startOrgEnv();
  attacker = await signUp(env, "Attacker");
  victim = await signUp(env, "Victim");
  a = await createOrg(env, attacker, "A");
  b = await createOrg(env, victim, "B");
  teamA = (
    (
      await call(env, "POST", `/v1/organizations/${a}/teams`, {
        token: attacker.token,
        body: { name: "TA" },
      })
    ).body.team as { id: string }
  ).id;
  const bm = await signUp(env, "BMember");
  B.member = await addMember(env, b, victim, bm);
  B.memberUser = bm.id;
  const vt = { token: victim.token };
  B.team = (
    (await call(env, "POST", `/v1/organizations/${b}/teams`, { ...vt, body: { name: "TB" } })).body
      .team as { id: string }
  ).id;
  B.teamMember = (
    (
      await call(env, "POST", `/v1/organizations/${b}/teams/${B.team}/members`, {
        ...vt,
        body: { user_id: bm.id, manager: true },
      })
    ).body.member as { id: string }
  ).id;
  B.permission = (
    (
      await call(env, "POST", `/v1/organizations/${b}/teams/${B.team}/permissions`, {
        ...vt,
        body: { permission: "ORG_PERM_TEAM_CREATE" },
      })
    ).body.permission as { id: string }
  ).id;
  B.invitation = (
    (
      await call(env, "POST", `/v1/organizations/${b}/invitations`, {
        ...vt,
        body: { email: "guest@example.com", role: "ADMIN" },
      })
    ).body.invitation as { id: string }
  ).id;
}, 60_000);
afterAll(() => env.close());

describe("isolation between organizations", () => {
  test("every route on B's URL answers 404 to A's owner, and B is unchanged", async () => {
    const before = await snapshotOfB();
    const o = `/v1/organizations/${b}`;
    const attempts: [string, string, unknown?][] = [
      ["GET", o],
      ["PATCH", o, { name: "pwned" }],
      ["DELETE", o],
      ["POST", `${o}/suspend`],
      ["POST", `${o}/resume`],
      ["GET", `${o}/members`],
      ["PATCH", `${o}/members/${B.member}`, { role: "MEMBER" }],
      ["DELETE", `${o}/members/${B.member}`],
      ["DELETE", `${o}/members/me`],
      ["POST", `${o}/invitations`, { email: "x@example.com", role: "OWNER" }],
      ["GET", `${o}/invitations`],
      ["DELETE", `${o}/invitations/${B.invitation}`],
      ["POST", `${o}/transfer-ownership`, { new_owner_user_id: attacker.id }],
      ["GET", `${o}/audit-logs`],
      ["POST", `${o}/teams`, { name: "evil" }],
      ["GET", `${o}/teams`],
      ["GET", `${o}/teams/${B.team}`],
      ["PATCH", `${o}/teams/${B.team}`, { name: "evil" }],
      ["DELETE", `${o}/teams/${B.team}`],
      ["POST", `${o}/teams/${B.team}/members`, { user_id: attacker.id, manager: true }],
      ["GET", `${o}/teams/${B.team}/members`],
      ["PATCH", `${o}/teams/${B.team}/members/${B.teamMember}`, { manager: false }],
      ["DELETE", `${o}/teams/${B.team}/members/${B.teamMember}`],
      ["POST", `${o}/teams/${B.team}/permissions`, { permission: "ORG_PERM_INVITE_USERS" }],
      ["GET", `${o}/teams/${B.team}/permissions`],
      ["DELETE", `${o}/teams/${B.team}/permissions/${B.permission}`],
    ];
    const wrong: string[] = [];
    for (const [method, path, body] of attempts) {
      const r = await call(env, method, path, { token: attacker.token, body });
      if (r.status !== 404) wrong.push(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    }
    expect(wrong).toEqual([]);
    expect(await snapshotOfB()).toEqual(before);
  });

  test("B's ids guessed into A's URLs are not found in A; B is unchanged", async () => {
    const before = await snapshotOfB();
    const o = `/v1/organizations/${a}`;
    const attempts: [string, string, unknown, number][] = [
      ["PATCH", `${o}/members/${B.member}`, { role: "ADMIN" }, 404],
      ["DELETE", `${o}/members/${B.member}`, undefined, 404],
      ["DELETE", `${o}/invitations/${B.invitation}`, undefined, 404],
      ["GET", `${o}/teams/${B.team}`, undefined, 404],
      ["PATCH", `${o}/teams/${B.team}`, { name: "evil" }, 404],
      ["DELETE", `${o}/teams/${B.team}`, undefined, 404],
      ["GET", `${o}/teams/${B.team}/members`, undefined, 404],
      ["POST", `${o}/teams/${B.team}/members`, { user_id: attacker.id, manager: true }, 404],
      ["GET", `${o}/teams/${B.team}/permissions`, undefined, 404],
      ["POST", `${o}/teams/${B.team}/permissions`, { permission: "ORG_PERM_INVITE_USERS" }, 404],
      ["DELETE", `${o}/teams/${B.team}/permissions/${B.permission}`, undefined, 404],
      ["PATCH", `${o}/teams/${teamA}/members/${B.teamMember}`, { manager: true }, 404],
      ["DELETE", `${o}/teams/${teamA}/members/${B.teamMember}`, undefined, 404],
      ["DELETE", `${o}/teams/${teamA}/permissions/${B.permission}`, undefined, 404],
      ["POST", `${o}/teams/${teamA}/members`, { user_id: B.memberUser, manager: false }, 400],
      ["POST", `${o}/transfer-ownership`, { new_owner_user_id: B.memberUser }, 404],
      ["POST", `/v1/users/invitations/${B.invitation}/decline`, undefined, 404],
      [
        "POST",
        "/v1/organizations/invitations/accept",
        { token: `${B.invitation}.${"x".repeat(43)}` },
        404,
      ],
    ];
    const wrong: string[] = [];
    for (const [method, path, body, want] of attempts) {
      const r = await call(env, method, path, { token: attacker.token, body });
      if (r.status !== want) wrong.push(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    }
    expect(wrong).toEqual([]);
    expect(await snapshotOfB()).toEqual(before);
  });

  test("lists and the audit log of A show nothing of B", async () => {
    const mine = (await call(env, "GET", "/v1/organizations", { token: attacker.token })).body
      .organizations as { id: string }[];
    // A and the attacker's own default organization (made at registration), nothing of B.
    expect(mine.map((o) => o.id)).toContain(a);
    expect(mine.map((o) => o.id)).not.toContain(b);
    expect(mine).toHaveLength(2);
    const audit = (
      await call(env, "GET", `/v1/organizations/${a}/audit-logs?limit=100`, {
        token: attacker.token,
      })
    ).body.audit_logs as { organization_id: string }[];
    expect(audit.length).toBeGreaterThan(0);
    expect(audit.every((e) => e.organization_id === a)).toBe(true);
    const inbox = (await call(env, "GET", "/v1/users/invitations", { token: attacker.token })).body
      .invitations;
    expect(inbox).toEqual([]);
  });
});
