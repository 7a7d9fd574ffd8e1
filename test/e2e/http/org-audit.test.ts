/**
 * The audit log over HTTP (OWNER only; events written by every action; filters; cursor
 * pagination) and account deletion through the organizations' `OrgMembershipPort` (sole owners
 * are refused; a member's deletion removes memberships and team memberships).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import {
  addMember,
  call,
  createOrg,
  deleteOwnOrgs,
  type OrgEnv,
  signUp,
  startOrgEnv,
  type User,
} from "./org-harness.ts";

let env: OrgEnv;
let owner: User;

beforeAll(async () => {
  env = await startOrgEnv();
  owner = await signUp(env, "Owner");
});
afterAll(() => env.close());

describe("account deletion (OrgMembershipPort)", () => {
  test("a sole owner cannot delete their account; a member's deletion removes their memberships", async () => {
    const soleOwner = await signUp(env, "Sole");
    const orgId = await createOrg(env, soleOwner, "Solo");
    const member = await signUp(env, "Leaving");
    await addMember(env, orgId, soleOwner, member);
    const team = (
      (
        await call(env, "POST", `/v1/organizations/${orgId}/teams`, {
          token: soleOwner.token,
          body: { name: "Crew" },
        })
      ).body.team as { id: string }
    ).id;
    await call(env, "POST", `/v1/organizations/${orgId}/teams/${team}/members`, {
      token: soleOwner.token,
      body: { user_id: member.id, manager: false },
    });

    const refused = await call(env, "DELETE", "/v1/users/me", { token: soleOwner.token });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe("USER_IS_LAST_OWNER");

    await deleteOwnOrgs(env, member); // its default organization, made at registration
    expect((await call(env, "DELETE", "/v1/users/me", { token: member.token })).status).toBe(204);
    const members = (
      await call(env, "GET", `/v1/organizations/${orgId}/members`, { token: soleOwner.token })
    ).body.members as { user_id: string }[];
    expect(members.map((m) => m.user_id)).toEqual([soleOwner.id]);
    const teamMembers = (
      await call(env, "GET", `/v1/organizations/${orgId}/teams/${team}/members`, {
        token: soleOwner.token,
      })
    ).body.members;
    expect(teamMembers).toEqual([]);
  });
});

describe("audit log", () => {
  test("OWNER only; events of every action; filters; cursor pagination", async () => {
    const orgId = await createOrg(env, owner, "Audited");
    const admin = await signUp(env, "Auditor");
    await addMember(env, orgId, owner, admin, "ADMIN");
    for (let i = 0; i < 3; i++) {
      await call(env, "POST", `/v1/organizations/${orgId}/teams`, {
        token: admin.token,
        body: { name: `team ${i}` },
      });
    }
    const denied = await call(env, "GET", `/v1/organizations/${orgId}/audit-logs`, {
      token: admin.token,
    });
    expect(denied.status).toBe(403);
    const all = await call(env, "GET", `/v1/organizations/${orgId}/audit-logs?limit=100`, {
      token: owner.token,
    });
    expect(all.status).toBe(200);
    const types = (all.body.audit_logs as { event_type: string }[]).map((e) => e.event_type);
    expect(types).toEqual([
      "team_created",
      "team_created",
      "team_created",
      "organization_member_added",
      "invitation_accepted",
      "invitation_created",
      "organization_created",
    ]);
    expect(all.body.next_cursor).toBeNull();

    const byAdmin = await call(
      env,
      "GET",
      `/v1/organizations/${orgId}/audit-logs?actor=${admin.id}&action=team_created`,
      { token: owner.token },
    );
    expect((byAdmin.body.audit_logs as unknown[]).length).toBe(3);
    const byType = await call(
      env,
      "GET",
      `/v1/organizations/${orgId}/audit-logs?resource_type=invitation`,
      { token: owner.token },
    );
    expect((byType.body.audit_logs as unknown[]).length).toBe(2);
    const future = await call(
      env,
      "GET",
      `/v1/organizations/${orgId}/audit-logs?start_date=2999-01-01T00:00:00Z`,
      { token: owner.token },
    );
    expect(future.body.audit_logs).toEqual([]);
    const bad = await call(
      env,
      "GET",
      `/v1/organizations/${orgId}/audit-logs?start_date=yesterday`,
      { token: owner.token },
    );
    expect(bad.status).toBe(400);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = cursor ? `&cursor=${cursor}` : "";
      const page = await call(env, "GET", `/v1/organizations/${orgId}/audit-logs?limit=2${q}`, {
        token: owner.token,
      });
      expect(page.status).toBe(200);
      for (const e of page.body.audit_logs as { id: string }[]) seen.push(e.id);
      cursor = page.body.next_cursor as string | null;
    } while (cursor);
    expect(seen).toEqual((all.body.audit_logs as { id: string }[]).map((e) => e.id));
    // A page of exactly what is left ends the log; one short of it has a next page of one (an
    // unfiltered page reads one event more than it answers).
    const exact = await call(env, "GET", `/v1/organizations/${orgId}/audit-logs?limit=7`, {
      token: owner.token,
    });
    expect((exact.body.audit_logs as unknown[]).length).toBe(7);
    expect(exact.body.next_cursor).toBeNull();
    const short = await call(env, "GET", `/v1/organizations/${orgId}/audit-logs?limit=6`, {
      token: owner.token,
    });
    expect((short.body.audit_logs as unknown[]).length).toBe(6);
    expect(short.body.next_cursor).toBeString();
    const rest = await call(
      env,
      "GET",
      `/v1/organizations/${orgId}/audit-logs?limit=6&cursor=${short.body.next_cursor}`,
      { token: owner.token },
    );
    expect((rest.body.audit_logs as { id: string }[]).map((e) => e.id)).toEqual([seen[6]!]);
    expect(rest.body.next_cursor).toBeNull();
    const forged = await call(
      env,
      "GET",
      `/v1/organizations/${orgId}/audit-logs?cursor=bm90LWEtY3Vyc29y`,
      { token: owner.token },
    );
    expect(forged.status).toBe(400);
  });
});
