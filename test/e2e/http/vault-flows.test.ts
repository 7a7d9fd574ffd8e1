/**
 * Vaults end to end over real sockets (standalone engine mode): CRUD, names, the tier limit under
 * 20 parallel creations, user and team grants with their referential checks, suspension,
 * isolation between organizations (B's vault, grant, team, user and client ids in A's URLs and
 * bodies), bad input, and the audit events.
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
let member: User;
let outsider: User;
let orgId: string;
let otherOrg: string;

const V = (o = orgId) => `/v1/organizations/${o}/vaults`;

beforeAll(async () => {
  env = await startOrgEnv();
  [owner, member, outsider] = await Promise.all([
    signUp(env, "Owner"),
    signUp(env, "Member"),
    signUp(env, "Outsider"),
  ]);
  orgId = await createOrg(env, owner, "Vaulted");
  otherOrg = await createOrg(env, outsider, "Other");
  await addMember(env, orgId, owner, member);
});
afterAll(() => env.close());

async function newVault(name: string, o = orgId, u = owner) {
  const r = await call(env, "POST", V(o), { token: u.token, body: { name } });
  expect(r.status).toBe(201);
  return r.body.vault as { id: string; name: string; sync_status: string };
}

describe("vault CRUD", () => {
  test("create → 201 SYNCED (standalone), creator ADMIN grant, get, list, update, delete", async () => {
    const r = await call(env, "POST", V(), {
      token: owner.token,
      body: { name: "Prod policies", description: "main" },
    });
    expect(r.status).toBe(201);
    const v = r.body.vault as Record<string, unknown>;
    expect(v).toMatchObject({
      name: "Prod policies",
      description: "main",
      organization_id: orgId,
      sync_status: "SYNCED",
      sync_error: null,
      deleted_at: null,
    });
    const id = v.id as string;
    const grants = await call(env, "GET", `${V()}/${id}/user-grants`, { token: owner.token });
    expect(grants.status).toBe(200);
    expect(grants.body.grants).toEqual([
      expect.objectContaining({ user_id: owner.id, role: "ADMIN", granted_by_user_id: owner.id }),
    ]);
    const got = await call(env, "GET", `${V()}/${id}`, { token: member.token });
    expect(got.status).toBe(200);
    expect((got.body.vault as { id: string }).id).toBe(id);
    const list = await call(env, "GET", V(), { token: member.token });
    expect((list.body.vaults as { id: string }[]).map((x) => x.id)).toContain(id);
    expect(list.body.pagination).toMatchObject({ offset: 0, limit: 50 });

    const up = await call(env, "PATCH", `${V()}/${id}`, {
      token: owner.token,
      body: { name: "Prod-2", description: "moved" },
    });
    expect(up.status).toBe(200);
    expect(up.body.vault).toMatchObject({ name: "Prod-2", description: "moved" });
    // The old name is free again, the new one is taken.
    const again = await newVault("Prod policies");
    const taken = await call(env, "POST", V(), { token: owner.token, body: { name: "PROD-2" } });
    expectA3(taken, 409, "VAULT_NAME_TAKEN");

    expect((await call(env, "DELETE", `${V()}/${id}`, { token: owner.token })).status).toBe(204);
    expectA3(
      await call(env, "GET", `${V()}/${id}`, { token: owner.token }),
      404,
      "VAULT_NOT_FOUND",
    );
    expectA3(await call(env, "DELETE", `${V()}/${id}`, { token: owner.token }), 404);
    expectA3(
      await call(env, "GET", `${V()}/${id}/user-grants`, { token: owner.token }),
      404,
      "VAULT_NOT_FOUND",
    );
    const after = await call(env, "GET", V(), { token: owner.token });
    expect((after.body.vaults as { id: string }[]).map((x) => x.id)).not.toContain(id);
    // A deleted vault keeps its name (§6.11: unique including soft-deleted vaults), for a create
    // and for a rename, in any case; its tier slot is free.
    expectA3(
      await call(env, "POST", V(), { token: owner.token, body: { name: "prod-2" } }),
      409,
      "VAULT_NAME_TAKEN",
    );
    const renamed = await call(env, "PATCH", `${V()}/${again.id}`, {
      token: owner.token,
      body: { name: "PROD-2" },
    });
    expectA3(renamed, 409, "VAULT_NAME_TAKEN");
    expect(renamed.body.error).toBe("A vault named 'PROD-2' already exists in this organization");
    const kept = await call(env, "GET", `${V()}/${again.id}`, { token: owner.token });
    expect(kept.body.vault).toMatchObject({ name: "Prod policies" });
    expect((await call(env, "DELETE", `${V()}/${again.id}`, { token: owner.token })).status).toBe(
      204,
    );
  });

  test("names: §6.11 rules (400), case-insensitive uniqueness (409), renaming to a taken name", async () => {
    for (const name of ["", "a/b", "x".repeat(101), "é".repeat(51)]) {
      expectA3(
        await call(env, "POST", V(), { token: owner.token, body: { name } }),
        400,
        "VAULT_NAME_INVALID",
      );
    }
    const a = await newVault("Alpha one");
    const b = await newVault("   ");
    expectA3(
      await call(env, "POST", V(), { token: owner.token, body: { name: "alpha ONE" } }),
      409,
    );
    expectA3(
      await call(env, "PATCH", `${V()}/${b.id}`, {
        token: owner.token,
        body: { name: "ALPHA one" },
      }),
      409,
      "VAULT_NAME_TAKEN",
    );
    // A case-only rename of itself is fine.
    const self = await call(env, "PATCH", `${V()}/${a.id}`, {
      token: owner.token,
      body: { name: "ALPHA ONE" },
    });
    expect(self.status).toBe(200);
    for (const x of [a, b]) await call(env, "DELETE", `${V()}/${x.id}`, { token: owner.token });
  });

  test("a caller who may not rename gets 403 before any name check, and holds no rename", async () => {
    const a = await newVault("Rename guard A");
    const b = await newVault("Rename guard B");
    const reader = await call(env, "POST", `${V()}/${a.id}/user-grants`, {
      token: owner.token,
      body: { user_id: member.id, role: "READER" },
    });
    expect(reader.status).toBe(201);
    // A taken name and an invalid one: still 403, never 409 / 400 (which would leak names).
    for (const name of ["Rename guard B", "bad/name", "Fresh name"]) {
      expectA3(
        await call(env, "PATCH", `${V()}/${a.id}`, { token: member.token, body: { name } }),
        403,
        "VAULT_FORBIDDEN",
      );
    }
    // Nothing was reserved: the owner renames the vault to the name the reader tried at once.
    const ok = await call(env, "PATCH", `${V()}/${a.id}`, {
      token: owner.token,
      body: { name: "Fresh name" },
    });
    expect(ok.status).toBe(200);
    for (const x of [a, b]) await call(env, "DELETE", `${V()}/${x.id}`, { token: owner.token });
  });
});

describe("tier limit", () => {
  test("20 parallel creations in a DEV organization make exactly 5 vaults", async () => {
    const o = await createOrg(env, owner, "Limits");
    const rs = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        call(env, "POST", V(o), { token: owner.token, body: { name: `v${i}` } }),
      ),
    );
    expect(rs.filter((r) => r.status === 201).length).toBe(5);
    expect(rs.filter((r) => r.status === 402).length).toBe(15);
    for (const r of rs.filter((x) => x.status === 402)) expect(r.body.code).toBe("VAULT_LIMIT");
    const list = await call(env, "GET", V(o), { token: owner.token });
    expect((list.body.vaults as unknown[]).length).toBe(5);
    expect(list.body.pagination).toMatchObject({ total: 5 });
    // Pages cut the same list; the total counts every vault, not the page.
    const ids = (list.body.vaults as { id: string }[]).map((v) => v.id);
    const p2 = await call(env, "GET", `${V(o)}?limit=2&offset=2`, { token: owner.token });
    expect((p2.body.vaults as { id: string }[]).map((v) => v.id)).toEqual(ids.slice(2, 4));
    expect(p2.body.pagination).toMatchObject({ total: 5, count: 2, offset: 2, limit: 2 });
    const past = await call(env, "GET", `${V(o)}?offset=9`, { token: owner.token });
    expect(past.body.vaults).toEqual([]);
    expect(past.body.pagination).toMatchObject({ total: 5, count: 0 });
    // Deleting one frees a slot, not its name (retired names count towards nothing else).
    const first = (list.body.vaults as { id: string; name: string }[])[0]!;
    expect((await call(env, "DELETE", `${V(o)}/${first.id}`, { token: owner.token })).status).toBe(
      204,
    );
    expectA3(
      await call(env, "POST", V(o), {
        token: owner.token,
        body: { name: first.name.toUpperCase() },
      }),
      409,
      "VAULT_NAME_TAKEN",
    );
    await newVault("after delete", o);
    expectA3(await call(env, "POST", V(o), { token: owner.token, body: { name: "sixth" } }), 402);
  }, 30_000);
});

describe("grants", () => {
  test("user and team grants: create, list, get, update, delete; duplicates 409; integrity 400", async () => {
    const v = await newVault("Granted");
    const G = `${V()}/${v.id}`;
    const ug = await call(env, "POST", `${G}/user-grants`, {
      token: owner.token,
      body: { user_id: member.id, role: "READER" },
    });
    expect(ug.status).toBe(201);
    const grant = ug.body.grant as { id: string };
    expect(ug.body.grant).toMatchObject({ vault_id: v.id, user_id: member.id, role: "READER" });
    expectA3(
      await call(env, "POST", `${G}/user-grants`, {
        token: owner.token,
        body: { user_id: member.id, role: "WRITER" },
      }),
      409,
      "USER_GRANT_EXISTS",
    );
    expectA3(
      await call(env, "POST", `${G}/user-grants`, {
        token: owner.token,
        body: { user_id: outsider.id, role: "READER" },
      }),
      400,
      "GRANT_USER_NOT_MEMBER",
    );
    const one = await call(env, "GET", `${G}/user-grants/${grant.id}`, { token: member.token });
    expect(one.status).toBe(200);
    expect(one.body.grant).toMatchObject({ id: grant.id, role: "READER" });
    const up = await call(env, "PATCH", `${G}/user-grants/${grant.id}`, {
      token: owner.token,
      body: { role: "WRITER" },
    });
    expect(up.body.grant).toMatchObject({ id: grant.id, role: "WRITER" });

    const team = await call(env, "POST", `/v1/organizations/${orgId}/teams`, {
      token: owner.token,
      body: { name: "Ops" },
    });
    const teamId = (team.body.team as { id: string }).id;
    const tg = await call(env, "POST", `${G}/team-grants`, {
      token: owner.token,
      body: { team_id: teamId, role: "MANAGER" },
    });
    expect(tg.status).toBe(201);
    const tgId = (tg.body.grant as { id: string }).id;
    expect(tg.body.grant).toMatchObject({ team_id: teamId, role: "MANAGER" });
    expectA3(
      await call(env, "POST", `${G}/team-grants`, {
        token: owner.token,
        body: { team_id: teamId, role: "READER" },
      }),
      409,
      "TEAM_GRANT_EXISTS",
    );
    // A user grant id is not a team grant id, and the other way round.
    expectA3(
      await call(env, "GET", `${G}/team-grants/${grant.id}`, { token: owner.token }),
      404,
      "GRANT_NOT_FOUND",
    );
    expectA3(
      await call(env, "DELETE", `${G}/user-grants/${tgId}`, { token: owner.token }),
      404,
      "GRANT_NOT_FOUND",
    );
    const tl = await call(env, "GET", `${G}/team-grants`, { token: owner.token });
    expect(tl.body.pagination).toMatchObject({ total: 1 });

    expect(
      (await call(env, "DELETE", `${G}/team-grants/${tgId}`, { token: owner.token })).status,
    ).toBe(204);
    expect(
      (await call(env, "DELETE", `${G}/user-grants/${grant.id}`, { token: owner.token })).status,
    ).toBe(204);
    expectA3(await call(env, "GET", `${G}/user-grants/${grant.id}`, { token: owner.token }), 404);
    // A deleted team cannot be granted.
    await call(env, "DELETE", `/v1/organizations/${orgId}/teams/${teamId}`, { token: owner.token });
    expectA3(
      await call(env, "POST", `${G}/team-grants`, {
        token: owner.token,
        body: { team_id: teamId, role: "READER" },
      }),
      400,
      "GRANT_TEAM_NOT_FOUND",
    );
    await call(env, "DELETE", G, { token: owner.token });
  });

  test("effective role = highest of the direct grant and team grants", async () => {
    const v = await newVault("Effective");
    const G = `${V()}/${v.id}`;
    const team = await call(env, "POST", `/v1/organizations/${orgId}/teams`, {
      token: owner.token,
      body: { name: "Eff" },
    });
    const teamId = (team.body.team as { id: string }).id;
    await call(env, "POST", `/v1/organizations/${orgId}/teams/${teamId}/members`, {
      token: owner.token,
      body: { user_id: member.id },
    });
    // No grant: reads the vault, not its grants.
    expect((await call(env, "GET", G, { token: member.token })).status).toBe(200);
    expectA3(
      await call(env, "GET", `${G}/user-grants`, { token: member.token }),
      403,
      "VAULT_FORBIDDEN",
    );
    await call(env, "POST", `${G}/user-grants`, {
      token: owner.token,
      body: { user_id: member.id, role: "READER" },
    });
    expectA3(
      await call(env, "POST", `${G}/team-grants`, {
        token: member.token,
        body: { team_id: teamId, role: "READER" },
      }),
      403,
    );
    // The team's MANAGER grant is higher than the direct READER: the member may now manage grants.
    await call(env, "POST", `${G}/team-grants`, {
      token: owner.token,
      body: { team_id: teamId, role: "MANAGER" },
    });
    const list = await call(env, "GET", `${G}/user-grants`, { token: member.token });
    expect(list.status).toBe(200);
    const ownerGrant = (list.body.grants as { id: string; user_id: string }[]).find(
      (g) => g.user_id === owner.id,
    )!;
    // ...but not an ADMIN grant.
    expectA3(
      await call(env, "PATCH", `${G}/user-grants/${ownerGrant.id}`, {
        token: member.token,
        body: { role: "READER" },
      }),
      403,
    );
    expectA3(await call(env, "PATCH", G, { token: member.token, body: { name: "nope" } }), 403);
    // Leaving the team drops the MANAGER role at once.
    const tms = await call(env, "GET", `/v1/organizations/${orgId}/teams/${teamId}/members`, {
      token: owner.token,
    });
    const tm = (tms.body.members as { id: string; user_id: string }[]).find(
      (m) => m.user_id === member.id,
    )!;
    await call(env, "DELETE", `/v1/organizations/${orgId}/teams/${teamId}/members/${tm.id}`, {
      token: owner.token,
    });
    expect((await call(env, "GET", `${G}/user-grants`, { token: member.token })).status).toBe(200);
    expectA3(
      await call(env, "POST", `${G}/team-grants`, {
        token: member.token,
        body: { team_id: teamId, role: "READER" },
      }),
      403,
    );
    await call(env, "DELETE", G, { token: owner.token });
    await call(env, "DELETE", `/v1/organizations/${orgId}/teams/${teamId}`, { token: owner.token });
  });
});

describe("suspension, isolation, audit", () => {
  test("a suspended organization refuses vault writes and serves reads", async () => {
    const o = await createOrg(env, owner, "Frozen");
    const v = await newVault("cold", o);
    expect(
      (await call(env, "POST", `/v1/organizations/${o}/suspend`, { token: owner.token })).status,
    ).toBe(200);
    expectA3(
      await call(env, "POST", V(o), { token: owner.token, body: { name: "x" } }),
      403,
      "ORG_SUSPENDED",
    );
    expectA3(
      await call(env, "PATCH", `${V(o)}/${v.id}`, { token: owner.token, body: { name: "y" } }),
      403,
      "ORG_SUSPENDED",
    );
    expectA3(
      await call(env, "DELETE", `${V(o)}/${v.id}`, { token: owner.token }),
      403,
      "ORG_SUSPENDED",
    );
    expect((await call(env, "GET", `${V(o)}/${v.id}`, { token: owner.token })).status).toBe(200);
    expect(
      (await call(env, "GET", `${V(o)}/${v.id}/user-grants`, { token: owner.token })).status,
    ).toBe(200);
  });

  test("another organization's ids never give a 2xx, and its data stays unchanged", async () => {
    // Clients do not exist yet (the token issue builds them): one live client per organization is
    // written straight to the key the client-grant check reads (ClientKeys.client).
    const myClient = "910000000000000001";
    const theirClient = "910000000000000002";
    await env.server.node.kv.transact(async (tx) => {
      tx.set(ClientKeys.client(orgId, myClient), new TextEncoder().encode("{}"));
      tx.set(ClientKeys.client(otherOrg, theirClient), new TextEncoder().encode("{}"));
    });
    const mine = await newVault("Mine");
    const theirs = await newVault("Theirs", otherOrg, outsider);
    const asThem = (method: string, path: string, body?: unknown) =>
      call(env, method, path, { token: outsider.token, body });
    const idOf = (r: { body: Record<string, unknown> }, k: string) =>
      (r.body[k] as { id: string }).id;
    // B: a member besides its owner, a team, and a grant of each family on its vault.
    const theirMember = await signUp(env, "B member");
    await addMember(env, otherOrg, outsider, theirMember);
    const theirTeamId = idOf(
      await asThem("POST", `/v1/organizations/${otherOrg}/teams`, { name: "B team" }),
      "team",
    );
    const TG = `${V(otherOrg)}/${theirs.id}`;
    const theirUserGrant = idOf(
      await asThem("POST", `${TG}/user-grants`, { user_id: theirMember.id, role: "READER" }),
      "grant",
    );
    const theirTeamGrant = idOf(
      await asThem("POST", `${TG}/team-grants`, { team_id: theirTeamId, role: "WRITER" }),
      "grant",
    );
    const theirClientGrant = idOf(
      await asThem("POST", `${TG}/client-grants`, { client_id: theirClient, role: "READER" }),
      "grant",
    );
    // A: grants of each family on its own vault too, so a lookup that ignored the vault would find
    // something.
    const MG = `${V()}/${mine.id}`;
    const myTeamId = idOf(
      await call(env, "POST", `/v1/organizations/${orgId}/teams`, {
        token: owner.token,
        body: { name: "A iso team" },
      }),
      "team",
    );
    for (const [family, body] of [
      ["user", { user_id: member.id, role: "READER" }],
      ["team", { team_id: myTeamId, role: "READER" }],
      ["client", { client_id: myClient, role: "READER" }],
    ] as const) {
      const r = await call(env, "POST", `${MG}/${family}-grants`, { token: owner.token, body });
      expect({ family, status: r.status }).toEqual({ family, status: 201 });
    }

    const snapshot = async () => ({
      vaults: (await asThem("GET", `${V(otherOrg)}?limit=100`)).body,
      vault: (await asThem("GET", TG)).body,
      user: (await asThem("GET", `${TG}/user-grants?limit=100`)).body,
      team: (await asThem("GET", `${TG}/team-grants?limit=100`)).body,
      client: (await asThem("GET", `${TG}/client-grants?limit=100`)).body,
    });
    const before = await snapshot();
    expect((before.user.grants as unknown[]).length).toBe(2);
    expect((before.team.grants as unknown[]).length).toBe(1);
    expect((before.client.grants as unknown[]).length).toBe(1);

    const grantIds = { user: theirUserGrant, team: theirTeamGrant, client: theirClientGrant };
    const attempts: [string, string, unknown?][] = [
      // B's vault id in A's URLs.
      ["GET", `${V()}/${theirs.id}`],
      ["PATCH", `${V()}/${theirs.id}`, { name: "hijack" }],
      ["DELETE", `${V()}/${theirs.id}`],
      // A's org and vault ids in B's URLs.
      ["GET", `${V(otherOrg)}/${mine.id}`],
      ["GET", `${V(otherOrg)}/${theirs.id}`],
      ["PATCH", `${V(otherOrg)}/${theirs.id}`, { name: "hijack" }],
      ["DELETE", `${V(otherOrg)}/${theirs.id}`],
      ["GET", V(otherOrg)],
      ["POST", V(otherOrg), { name: "planted" }],
    ];
    for (const family of ["user", "team", "client"] as const) {
      const own = grantIds[family];
      const subject = { user: owner.id, team: myTeamId, client: myClient }[family];
      attempts.push(
        // B's vault, with A's subjects and with B's own grant ids, under A's organization.
        ["GET", `${V()}/${theirs.id}/${family}-grants`],
        [
          "POST",
          `${V()}/${theirs.id}/${family}-grants`,
          { [`${family}_id`]: subject, role: "ADMIN" },
        ],
        ["GET", `${V()}/${theirs.id}/${family}-grants/${own}`],
        ["PATCH", `${V()}/${theirs.id}/${family}-grants/${own}`, { role: "ADMIN" }],
        ["DELETE", `${V()}/${theirs.id}/${family}-grants/${own}`],
        // B's grant ids under A's vault, of every family (a team grant id in the user route too).
        ...(["user", "team", "client"] as const).flatMap((route): [string, string, unknown?][] => [
          ["GET", `${MG}/${route}-grants/${own}`],
          ["PATCH", `${MG}/${route}-grants/${own}`, { role: "ADMIN" }],
          ["DELETE", `${MG}/${route}-grants/${own}`],
        ]),
        // B's grant ids and vault under B's organization, with A's token.
        ["GET", `${TG}/${family}-grants`],
        ["PATCH", `${TG}/${family}-grants/${own}`, { role: "ADMIN" }],
        ["DELETE", `${TG}/${family}-grants/${own}`],
        ["POST", `${TG}/${family}-grants`, { [`${family}_id`]: subject, role: "ADMIN" }],
      );
    }
    // B's subjects in the bodies of A's grant creations.
    for (const user of [outsider.id, theirMember.id])
      attempts.push(["POST", `${MG}/user-grants`, { user_id: user, role: "ADMIN" }]);
    attempts.push(
      ["POST", `${MG}/team-grants`, { team_id: theirTeamId, role: "ADMIN" }],
      ["POST", `${MG}/client-grants`, { client_id: theirClient, role: "ADMIN" }],
    );
    const leaks: string[] = [];
    for (const [method, path, body] of attempts) {
      const r = await call(env, method, path, { token: owner.token, body });
      if ((r.status >= 200 && r.status < 300) || r.status >= 500)
        leaks.push(`${method} ${path} ${JSON.stringify(body ?? null)}: ${r.status}`);
    }
    expect(leaks).toEqual([]);
    // B's subjects are refused as not found in A, not for some unrelated reason.
    const refusals: [string, unknown, string][] = [
      ["user-grants", { user_id: theirMember.id, role: "READER" }, "GRANT_USER_NOT_MEMBER"],
      ["team-grants", { team_id: theirTeamId, role: "READER" }, "GRANT_TEAM_NOT_FOUND"],
      ["client-grants", { client_id: theirClient, role: "READER" }, "GRANT_CLIENT_NOT_FOUND"],
    ];
    for (const [route, body, code] of refusals)
      expectA3(await call(env, "POST", `${MG}/${route}`, { token: owner.token, body }), 400, code);
    expect(await snapshot()).toEqual(before);
    // A's own grants were not touched either: still one of each family.
    for (const family of ["user", "team", "client"] as const) {
      const r = await call(env, "GET", `${MG}/${family}-grants`, { token: owner.token });
      const n = (r.body.grants as unknown[]).length;
      expect({ family, n }).toEqual({ family, n: family === "user" ? 2 : 1 });
    }
    await call(env, "DELETE", MG, { token: owner.token });
    await call(env, "DELETE", `/v1/organizations/${orgId}/teams/${myTeamId}`, {
      token: owner.token,
    });
    await env.server.node.kv.transact(async (tx) => {
      tx.clear(ClientKeys.client(orgId, myClient));
      tx.clear(ClientKeys.client(otherOrg, theirClient));
    });
  });

  test("vault and grant changes are audited (A11)", async () => {
    const o = await createOrg(env, owner, "Audited");
    const v = await newVault("audited", o);
    await call(env, "PATCH", `${V(o)}/${v.id}`, {
      token: owner.token,
      body: { name: "audited 2" },
    });
    const g = await call(env, "POST", `${V(o)}/${v.id}/user-grants`, {
      token: owner.token,
      body: { user_id: owner.id, role: "READER" },
    });
    expect(g.status).toBe(409);
    await call(env, "DELETE", `${V(o)}/${v.id}`, { token: owner.token });
    const log = await call(env, "GET", `/v1/organizations/${o}/audit-logs?limit=100`, {
      token: owner.token,
    });
    const types = (log.body.audit_logs as { event_type: string }[]).map((e) => e.event_type);
    for (const t of [
      "vault_created",
      "vault_user_grant_created",
      "vault_updated",
      "vault_deleted",
    ]) {
      expect(types).toContain(t);
    }
  });
});

describe("bad input: typed 4xx, never 500", () => {
  test("every vault route", async () => {
    const v = await newVault("Inputs");
    const G = `${V()}/${v.id}`;
    const cases: [string, string, unknown, number][] = [
      ["POST", V(), { name: 5 }, 422],
      ["POST", V(), { name: "ok", extra: 1 }, 422],
      ["POST", V(), {}, 422],
      ["POST", V(), "{not json", 400],
      ["POST", "/v1/organizations/abc/vaults", { name: "x" }, 400],
      ["GET", `${V()}/12x`, undefined, 400],
      ["GET", `${V()}?limit=-5`, undefined, 400],
      ["PATCH", G, { name: ["x"] }, 422],
      ["PATCH", G, { description: 5 }, 422],
      ["DELETE", `${V()}/0`, undefined, 400],
      ["POST", `${G}/user-grants`, { user_id: owner.id, role: "OWNER" }, 422],
      ["POST", `${G}/user-grants`, { user_id: "x", role: "READER" }, 422],
      ["POST", `${G}/user-grants`, { team_id: "1", role: "READER" }, 422],
      ["GET", `${G}/user-grants/nope`, undefined, 400],
      ["PATCH", `${G}/user-grants/1`, { role: "reader" }, 422],
      ["DELETE", `${G}/user-grants/-1`, undefined, 400],
      ["POST", `${G}/team-grants`, { team_id: owner.id }, 422],
      ["GET", `${G}/team-grants?offset=-1`, undefined, 400],
      ["PATCH", `${G}/team-grants/1`, {}, 422],
      ["DELETE", `${G}/team-grants/1.5`, undefined, 400],
      ["PATCH", `${G}/team-grants/1`, { role: "READER" }, 404],
      ["GET", `${V()}/1`, undefined, 404],
    ];
    for (const [method, path, body, status] of cases) {
      const r = await call(env, method, path, { token: owner.token, body });
      expect({ method, path, status: r.status }).toEqual({ method, path, status });
      expectA3(r, status);
    }
    await call(env, "DELETE", G, { token: owner.token });
  });
});
