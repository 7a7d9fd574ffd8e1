/**
 * Client grants (A16, docs/vaults.md#client-grants) over HTTP: `…/vaults/{vault}/client-grants`
 * with the shape and rules of team grants, where the client must be a live client of the
 * organization. Service clients do not exist yet (the token issue builds them): until something
 * writes a client record every create answers 400 `GRANT_CLIENT_NOT_FOUND`; this test writes the
 * records straight to where that issue keeps them (`ClientKeys.client`, src/domain/clients/keys.ts)
 * to show the port reads that key, for this organization only, at the moment of the grant.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { ClientKeys } from "../../../src/domain/clients/keys.ts";
import {
  addMember,
  call,
  createOrg,
  expectA3,
  type OrgEnv,
  signUp,
  startOrgEnv,
  type User,
} from "./org-harness.ts";

let env: OrgEnv;
let owner: User;
let manager: User;
let orgId: string;
let otherOrgId: string;
let vaultId: string;

const CLIENT = "900000000000000011";
const OTHER_ORG_CLIENT = "900000000000000012";
const G = () => `/v1/organizations/${orgId}/vaults/${vaultId}/client-grants`;

async function putClient(org: string, client: string) {
  await env.server.node.kv.transact(async (tx) =>
    tx.set(ClientKeys.client(org, client), new TextEncoder().encode("{}")),
  );
}
async function dropClient(org: string, client: string) {
  await env.server.node.kv.transact(async (tx) => tx.clear(ClientKeys.client(org, client)));
}

beforeAll(async () => {
  env = await startOrgEnv();
  owner = await signUp(env, "Owner");
  orgId = await createOrg(env, owner, "Clients");
  const other = await signUp(env, "Other");
  otherOrgId = await createOrg(env, other, "Other clients");
  manager = await signUp(env, "Manager");
  await addMember(env, orgId, owner, manager);
  const v = await call(env, "POST", `/v1/organizations/${orgId}/vaults`, {
    token: owner.token,
    body: { name: "with clients" },
  });
  expect(v.status).toBe(201);
  vaultId = (v.body.vault as { id: string }).id;
  const mg = await call(env, "POST", `/v1/organizations/${orgId}/vaults/${vaultId}/user-grants`, {
    token: owner.token,
    body: { user_id: manager.id, role: "MANAGER" },
  });
  expect(mg.status).toBe(201);
}, 30_000);
afterAll(() => env.close());

describe("client grants (A16)", () => {
  test("no client exists yet: every create answers 400 GRANT_CLIENT_NOT_FOUND", async () => {
    const r = await call(env, "POST", G(), {
      token: owner.token,
      body: { client_id: CLIENT, role: "READER" },
    });
    expectA3(r, 400, "GRANT_CLIENT_NOT_FOUND");
    const list = await call(env, "GET", G(), { token: owner.token });
    expect(list.status).toBe(200);
    expect(list.body.grants).toEqual([]);
  });

  test("a client of another organization is not a client of this one", async () => {
    await putClient(otherOrgId, OTHER_ORG_CLIENT);
    const r = await call(env, "POST", G(), {
      token: owner.token,
      body: { client_id: OTHER_ORG_CLIENT, role: "READER" },
    });
    expectA3(r, 400, "GRANT_CLIENT_NOT_FOUND");
  });

  test("a live client: create, duplicate 409, get, list, update, delete, audited", async () => {
    await putClient(orgId, CLIENT);
    const c = await call(env, "POST", G(), {
      token: owner.token,
      body: { client_id: CLIENT, role: "WRITER" },
    });
    expect(c.status).toBe(201);
    const grant = c.body.grant as Record<string, string>;
    expect(Object.keys(grant).sort()).toEqual(
      [
        "client_id",
        "granted_at",
        "granted_by_user_id",
        "id",
        "role",
        "updated_at",
        "vault_id",
      ].sort(),
    );
    expect(grant).toMatchObject({
      vault_id: vaultId,
      client_id: CLIENT,
      role: "WRITER",
      granted_by_user_id: owner.id,
    });
    expectA3(
      await call(env, "POST", G(), {
        token: owner.token,
        body: { client_id: CLIENT, role: "READER" },
      }),
      409,
      "CLIENT_GRANT_EXISTS",
    );
    const one = await call(env, "GET", `${G()}/${grant.id}`, { token: owner.token });
    expect(one.status).toBe(200);
    expect(one.body.grant).toEqual(grant);
    const list = await call(env, "GET", G(), { token: owner.token });
    expect(list.body.grants).toEqual([grant]);
    expect(list.body.pagination).toMatchObject({ total: 1, count: 1, has_more: false });
    // The grant id is not a team or user grant id.
    for (const family of ["team", "user"]) {
      const cross = await call(
        env,
        "GET",
        `/v1/organizations/${orgId}/vaults/${vaultId}/${family}-grants/${grant.id}`,
        { token: owner.token },
      );
      expectA3(cross, 404, "GRANT_NOT_FOUND");
    }
    // A vault MANAGER manages client grants up to MANAGER, not ADMIN (the team grant rules).
    const up = await call(env, "PATCH", `${G()}/${grant.id}`, {
      token: manager.token,
      body: { role: "MANAGER" },
    });
    expect(up.status).toBe(200);
    expect(up.body.grant).toMatchObject({ role: "MANAGER", client_id: CLIENT });
    expectA3(
      await call(env, "PATCH", `${G()}/${grant.id}`, {
        token: manager.token,
        body: { role: "ADMIN" },
      }),
      403,
      "VAULT_FORBIDDEN",
    );
    const del = await call(env, "DELETE", `${G()}/${grant.id}`, { token: owner.token });
    expect(del.status).toBe(204);
    expectA3(
      await call(env, "GET", `${G()}/${grant.id}`, { token: owner.token }),
      404,
      "GRANT_NOT_FOUND",
    );
    const audit = await call(env, "GET", `/v1/organizations/${orgId}/audit-logs?limit=100`, {
      token: owner.token,
    });
    const types = (audit.body.audit_logs as { event_type: string; resource_id: string }[])
      .filter((e) => e.resource_id === grant.id)
      .map((e) => e.event_type)
      .sort();
    expect(types).toEqual([
      "vault_client_grant_created",
      "vault_client_grant_deleted",
      "vault_client_grant_updated",
    ]);
  });

  test("a deleted client (its record cleared) can no longer be granted", async () => {
    await putClient(orgId, CLIENT);
    await dropClient(orgId, CLIENT);
    expectA3(
      await call(env, "POST", G(), {
        token: owner.token,
        body: { client_id: CLIENT, role: "READER" },
      }),
      400,
      "GRANT_CLIENT_NOT_FOUND",
    );
  });

  test("bad input: typed 4xx, never a 500", async () => {
    const cases: [string, string, unknown, number][] = [
      ["POST", G(), { client_id: "c1", role: "READER" }, 422],
      ["POST", G(), { client_id: CLIENT }, 422],
      ["POST", G(), { client_id: CLIENT, role: "ROOT" }, 422],
      ["POST", G(), { client_id: CLIENT, role: "READER", extra: 1 }, 422],
      ["GET", `${G()}?limit=-1`, undefined, 400],
      ["PATCH", `${G()}/1`, {}, 422],
      ["PATCH", `${G()}/1`, { role: "READER" }, 404],
      ["DELETE", `${G()}/1.5`, undefined, 400],
      ["GET", `${G()}/abc`, undefined, 400],
    ];
    const got: string[] = [];
    for (const [method, path, body] of cases) {
      const r = await call(env, method, path, { token: owner.token, body });
      got.push(`${method} ${path} ${r.status}`);
    }
    expect(got).toEqual(cases.map(([m, p, , want]) => `${m} ${p} ${want}`));
  });
});
