/**
 * Vault cascades (A9, src/domain/organizations/cascades.ts) end to end: removing a member, a
 * member leaving, deleting an account remove their vault grants; deleting a team removes its
 * grants; deleting an organization deletes its vaults (404, records tombstoned, grants gone).
 * Then the crash between the two actors: the organization's turn commits (the cascade recorded)
 * but nothing runs it; access is already refused, and the `vault-cascades` leader job completes
 * it once the record is older than its grace period (wall clock moved forward). Last, many
 * grant creations racing member removals never leave a grant for a non-member.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { CASCADE_GRACE_MS, VaultCascadeCodec } from "../../../src/domain/organizations/cascades.ts";
import { OrgKeys } from "../../../src/domain/organizations/keys.ts";
import { VaultCodec, VaultGrantCodec } from "../../../src/domain/vaults/codecs.ts";
import { VaultKeys } from "../../../src/domain/vaults/keys.ts";
import { orgActors } from "../../../src/services/organizations/ask.ts";
import { ShiftedClock } from "../../support/shifted-clock.ts";
import {
  addMember,
  call,
  createOrg,
  deleteOwnOrgs,
  expectA3,
  type OrgEnv,
  signUp,
  startOrgEnv,
  type User,
} from "./org-harness.ts";

const clock = new ShiftedClock();
let env: OrgEnv;
let owner: User;

beforeAll(async () => {
  env = await startOrgEnv({ clock });
  owner = await signUp(env, "Owner");
});
afterAll(() => env.close());

const O = (o: string) => `/v1/organizations/${o}`;
const V = (o: string) => `${O(o)}/vaults`;

async function newVault(o: string, name: string): Promise<string> {
  const r = await call(env, "POST", V(o), { token: owner.token, body: { name } });
  expect(r.status).toBe(201);
  return (r.body.vault as { id: string }).id;
}

async function grant(
  o: string,
  v: string,
  kind: "user" | "team",
  subject: string,
  role = "WRITER",
) {
  return call(env, "POST", `${V(o)}/${v}/${kind}-grants`, {
    token: owner.token,
    body: { [`${kind}_id`]: subject, role },
  });
}

async function grantSubjects(o: string, v: string, kind: "user" | "team"): Promise<string[]> {
  const r = await call(env, "GET", `${V(o)}/${v}/${kind}-grants?limit=100`, {
    token: owner.token,
  });
  expect(r.status).toBe(200);
  return (r.body.grants as Record<string, string>[]).map((g) => g[`${kind}_id`]!);
}

async function newTeam(o: string, name: string): Promise<string> {
  const r = await call(env, "POST", `${O(o)}/teams`, { token: owner.token, body: { name } });
  expect(r.status).toBe(201);
  return (r.body.team as { id: string }).id;
}

/** What the store holds of a vault: its record and the subjects of its grants. */
function stored(vaultId: string) {
  return env.server.node.kv.transact(async (tx) => {
    const raw = await tx.snapshot.get(VaultKeys.record(vaultId));
    const [b, e] = VaultKeys.grants(vaultId);
    const grants = (await tx.snapshot.getRange(b, e)).map((r) => VaultGrantCodec.decode(r.value));
    const [ib, ie] = VaultKeys.orgIndexRange(raw ? VaultCodec.decode(raw).org_id : "0");
    const listed = (await tx.snapshot.getRange(ib, ie)).length;
    return {
      record: raw ? VaultCodec.decode(raw) : undefined,
      subjects: grants.map((g) => g.subject_id).sort(),
      listed,
    };
  });
}

function pendingCascades(o: string) {
  return env.server.node.kv.transact(async (tx) => {
    const [b, e] = OrgKeys.orgCascades(o);
    return (await tx.snapshot.getRange(b, e)).map((r) => VaultCascadeCodec.decode(r.value));
  });
}

async function until(cond: () => Promise<boolean>, ms = 15_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await cond()) return;
    await Bun.sleep(50);
  }
  throw new Error("condition not met in time");
}

describe("cascades", () => {
  test("removing a member and a member leaving remove their grants in every vault", async () => {
    const o = await createOrg(env, owner, "Casc members");
    const [alice, bob, carol] = await Promise.all([
      signUp(env, "Alice"),
      signUp(env, "Bob"),
      signUp(env, "Carol"),
    ]);
    const aliceM = await addMember(env, o, owner, alice);
    await addMember(env, o, owner, bob);
    await addMember(env, o, owner, carol);
    const v1 = await newVault(o, "one");
    const v2 = await newVault(o, "two");
    for (const v of [v1, v2]) {
      for (const u of [alice, bob, carol])
        expect((await grant(o, v, "user", u.id)).status).toBe(201);
    }
    expect((await call(env, "GET", `${V(o)}/${v1}`, { token: alice.token })).status).toBe(200);

    expect(
      (await call(env, "DELETE", `${O(o)}/members/${aliceM}`, { token: owner.token })).status,
    ).toBe(204);
    expect((await call(env, "DELETE", `${O(o)}/members/me`, { token: bob.token })).status).toBe(
      204,
    );
    for (const v of [v1, v2]) {
      expect((await grantSubjects(o, v, "user")).sort()).toEqual([owner.id, carol.id].sort());
      expect((await stored(v)).subjects).toEqual([owner.id, carol.id].sort());
    }
    expectA3(await call(env, "GET", `${V(o)}/${v1}`, { token: alice.token }), 404, "ORG_NOT_FOUND");
    expect(await pendingCascades(o)).toEqual([]);

    // Rejoining gives no old grant back; a new grant is kept by nothing stale.
    await addMember(env, o, owner, alice);
    expect(await grantSubjects(o, v1, "user")).not.toContain(alice.id);
    expect((await grant(o, v1, "user", alice.id)).status).toBe(201);
    expect(await grantSubjects(o, v1, "user")).toContain(alice.id);
  }, 60_000);

  test("deleting an account removes its grants", async () => {
    const o = await createOrg(env, owner, "Casc account");
    const dave = await signUp(env, "Dave");
    await addMember(env, o, owner, dave);
    const v = await newVault(o, "acct");
    expect((await grant(o, v, "user", dave.id, "MANAGER")).status).toBe(201);
    await deleteOwnOrgs(env, dave);
    const del = await call(env, "DELETE", "/v1/users/me", { token: dave.token });
    expect(del.status).toBe(204);
    expect(await grantSubjects(o, v, "user")).toEqual([owner.id]);
    expect((await stored(v)).subjects).toEqual([owner.id]);
    expect(await pendingCascades(o)).toEqual([]);
  }, 60_000);

  test("deleting a team removes its grants, other teams' stay", async () => {
    const o = await createOrg(env, owner, "Casc teams");
    const [t1, t2] = [await newTeam(o, "ops"), await newTeam(o, "dev")];
    const v1 = await newVault(o, "t-one");
    const v2 = await newVault(o, "t-two");
    for (const v of [v1, v2]) {
      expect((await grant(o, v, "team", t1)).status).toBe(201);
      expect((await grant(o, v, "team", t2, "READER")).status).toBe(201);
    }
    expect((await call(env, "DELETE", `${O(o)}/teams/${t1}`, { token: owner.token })).status).toBe(
      204,
    );
    for (const v of [v1, v2]) {
      expect(await grantSubjects(o, v, "team")).toEqual([t2]);
      expect((await stored(v)).subjects).toEqual([owner.id, t2].sort());
    }
    expect(await pendingCascades(o)).toEqual([]);
  }, 60_000);

  test("deleting an organization deletes its vaults and their grants", async () => {
    const o = await createOrg(env, owner, "Casc org");
    const t = await newTeam(o, "all");
    const ids = [await newVault(o, "o-one"), await newVault(o, "o-two")];
    for (const v of ids) expect((await grant(o, v, "team", t)).status).toBe(201);
    expect((await call(env, "DELETE", O(o), { token: owner.token })).status).toBe(204);
    for (const v of ids) {
      expectA3(await call(env, "GET", `${V(o)}/${v}`, { token: owner.token }), 404);
      const s = await stored(v);
      expect(s.record?.deleted_at).not.toBeNull();
      expect(s.subjects).toEqual([]);
      expect(s.listed).toBe(0);
    }
    expectA3(await call(env, "GET", V(o), { token: owner.token }), 404, "ORG_NOT_FOUND");
    expect(await pendingCascades(o)).toEqual([]);
  }, 60_000);
});

describe("a cascade interrupted between the two actors", () => {
  test("member removal: access refused at once, the leader job removes the grants", async () => {
    const o = await createOrg(env, owner, "Casc crash one");
    const erin = await signUp(env, "Erin");
    const memberId = await addMember(env, o, owner, erin);
    const v = await newVault(o, "crash-m");
    expect((await grant(o, v, "user", erin.id, "ADMIN")).status).toBe(201);

    // Only the organization's turn (what the service does before running the cascade).
    await orgActors(env.server.node.actors).ask(
      o,
      "members.remove",
      { memberId },
      { principal: { userId: owner.id } },
    );
    expect((await pendingCascades(o)).map((c) => c.kind)).toEqual(["user"]);
    expect((await stored(v)).subjects).toContain(erin.id); // still stored...
    // ...but inert: the removed member reads no vault and no grant.
    expectA3(await call(env, "GET", `${V(o)}/${v}`, { token: erin.token }), 404, "ORG_NOT_FOUND");
    expectA3(
      await call(env, "GET", `${V(o)}/${v}/user-grants`, { token: erin.token }),
      404,
      "ORG_NOT_FOUND",
    );

    clock.offset += CASCADE_GRACE_MS + 1_000;
    await until(async () => (await pendingCascades(o)).length === 0);
    expect((await stored(v)).subjects).toEqual([owner.id]);
    expect(await grantSubjects(o, v, "user")).toEqual([owner.id]);
  }, 60_000);

  test("organization and team deletion: the leader job completes both", async () => {
    const o = await createOrg(env, owner, "Casc crash two");
    const t = await newTeam(o, "gone");
    const v = await newVault(o, "crash-t");
    expect((await grant(o, v, "team", t)).status).toBe(201);
    const orgs = orgActors(env.server.node.actors);
    const p = { principal: { userId: owner.id } };
    await orgs.ask(o, "teams.delete", { teamId: t }, p);
    expect((await stored(v)).subjects).toContain(t);

    const o2 = await createOrg(env, owner, "Casc crash three");
    const v2 = await newVault(o2, "crash-o");
    await orgs.ask(o2, "delete", {}, p);
    expectA3(await call(env, "GET", `${V(o2)}/${v2}`, { token: owner.token }), 404);
    expect((await stored(v2)).record?.deleted_at).toBeNull();

    clock.offset += CASCADE_GRACE_MS + 1_000;
    await until(
      async () => (await pendingCascades(o)).length + (await pendingCascades(o2)).length === 0,
    );
    expect((await stored(v)).subjects).toEqual([owner.id]);
    const s2 = await stored(v2);
    expect(s2.record?.deleted_at).not.toBeNull();
    expect(s2.subjects).toEqual([]);
  }, 60_000);

  test("a re-run of a finished cascade changes nothing (idempotent)", async () => {
    const o = await createOrg(env, owner, "Casc rerun");
    const v = await newVault(o, "rerun");
    const vaults = (await import("../../../src/services/vaults/ask.ts")).vaultActors(
      env.server.node.actors,
    );
    const sys = { principal: { system: true } };
    const r1 = await vaults.ask(
      v,
      "grants.purgeUser",
      { orgId: o, userId: owner.id, before: 0 },
      sys,
    );
    // The owner is a member: only grants given up to `before` (none) go.
    expect(r1).toEqual({ removed: 0 });
    expect((await stored(v)).subjects).toEqual([owner.id]);
    // A live organization's vault is never purged; a user cannot send cascade messages.
    expect(await vaults.ask(v, "vault.purgeOrg", { orgId: o }, sys)).toEqual({ removed: 0 });
    const denied = await vaults
      .ask(v, "vault.purgeOrg", { orgId: o }, { principal: { userId: owner.id } })
      .then(
        () => "ok",
        (e: { status?: number; code?: string }) => e.code,
      );
    expect(denied).not.toBe("ok");
    expect((await call(env, "GET", `${V(o)}/${v}`, { token: owner.token })).status).toBe(200);
  }, 30_000);
});

describe("concurrency", () => {
  test("grant creations racing member removals never leave a grant for a non-member", async () => {
    const o = await createOrg(env, owner, "Casc race");
    await env.server.node.services.organizations.setTier(o, "TIER_PRO_V1");
    const users = await Promise.all(Array.from({ length: 12 }, (_, i) => signUp(env, `R${i}`)));
    const memberIds: string[] = [];
    for (const u of users) memberIds.push(await addMember(env, o, owner, u));
    const v = await newVault(o, "race");
    const outcomes = await Promise.all(
      users.map(async (u, i) => {
        const [g, r] = await Promise.all([
          grant(o, v, "user", u.id),
          // Staggered by 0-3 ms so that both orders (grant first, removal first) occur.
          Bun.sleep(i % 4).then(() =>
            call(env, "DELETE", `${O(o)}/members/${memberIds[i]}`, { token: owner.token }),
          ),
        ]);
        expect(r.status).toBe(204);
        expect([201, 400]).toContain(g.status);
        return g.status;
      }),
    );
    expect(outcomes.length).toBe(users.length);
    await until(async () => (await pendingCascades(o)).length === 0);
    expect(await grantSubjects(o, v, "user")).toEqual([owner.id]);
    expect((await stored(v)).subjects).toEqual([owner.id]);
  }, 120_000);
});
