/**
 * The organization actor on an actor worker thread (`cluster.workers: 1`): messages, replies and
 * write sets (with audit events and the invitation's outbox mail) cross the thread boundary as
 * plain data. One flow: create, invite by mail, accept, team with a member, audit log.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { addMember, call, createOrg, type OrgEnv, signUp, startOrgEnv } from "./org-harness.ts";

let env: OrgEnv;

beforeAll(async () => {
  env = await startOrgEnv({ config: { cluster: { workers: 1 } } });
});
afterAll(() => env.close());

test("a full organization flow runs on a worker", async () => {
  const owner = await signUp(env, "Owner");
  const member = await signUp(env, "Member");
  const orgId = await createOrg(env, owner, "Threaded");
  await addMember(env, orgId, owner, member, "ADMIN");
  const team = await call(env, "POST", `/v1/organizations/${orgId}/teams`, {
    token: member.token,
    body: { name: "Workers" },
  });
  expect(team.status).toBe(201);
  const teamId = (team.body.team as { id: string }).id;
  const add = await call(env, "POST", `/v1/organizations/${orgId}/teams/${teamId}/members`, {
    token: member.token,
    body: { user_id: owner.id, manager: true },
  });
  expect(add.status).toBe(201);
  const audit = await call(env, "GET", `/v1/organizations/${orgId}/audit-logs`, {
    token: owner.token,
  });
  expect((audit.body.audit_logs as { event_type: string }[]).map((e) => e.event_type)).toEqual([
    "team_member_added",
    "team_created",
    "organization_member_added",
    "invitation_accepted",
    "invitation_created",
    "organization_created",
  ]);
  expect((await call(env, "GET", `/v1/organizations/${orgId}`, { token: "nope" })).status).toBe(
    401,
  );
  expect(
    (
      await call(env, "GET", `/v1/organizations/${orgId}`, {
        token: (await signUp(env, "Stranger")).token,
      })
    ).status,
  ).toBe(404);
});
