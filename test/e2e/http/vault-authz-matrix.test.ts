/**
 * The vault authorization matrix over HTTP: every vault route (VAULT_AUTHZ_TABLE, next to
 * `canVault()`) called as every kind of caller (VAULT_CALLER_KINDS) — organization OWNER and ADMIN
 * without a grant, vault ADMIN / MANAGER / WRITER / READER by direct grant and each of them by team
 * grant, a direct READER whose team holds MANAGER, a MEMBER without any grant, an OWNER and a
 * MEMBER of another organization, anonymous. Allowed callers get a 2xx, denied members 403,
 * outsiders 404, anonymous 401: a caller kind wrongly listed (or wrongly missing) in a row of the
 * table fails that row.
 *
 * The grant-role ceiling (A8: MANAGER touches grants up to MANAGER, ADMIN every grant) is checked
 * apart, against the rule written out here rather than the table: every member kind updates an ADMIN
 * grant down, promotes a grant to ADMIN, deletes an ADMIN grant, and promotes / deletes its own
 * grants, so a wrong ceiling in `canVault()` (GRANT_CEILING, VAULT_ROLE_STATEMENTS) fails it.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import {
  VAULT_AUTHZ_TABLE,
  VAULT_CALLER_KINDS,
  VAULT_CALLER_SETUP,
  type VaultCallerKind,
} from "../../../src/domain/authz/vault-table.ts";
import { ClientKeys } from "../../../src/domain/clients/keys.ts";
import { VAULT_ROLES, type VaultRole } from "../../../src/domain/vaults/types.ts";
import {
  addMember,
  call,
  createOrg,
  type OrgEnv,
  type Reply,
  signUp,
  startOrgEnv,
  type User,
} from "./org-harness.ts";

let env: OrgEnv;
let owner: User;
let spare: User;
let orgId: string;
let spareTeam: string;
/**
 * Clients do not exist yet (the token issue builds them): the two live clients of the organization
 * are written straight to where that issue keeps them (ClientKeys.client).
 */
const FIXTURE_CLIENT = "900000000000000001";
const SPARE_CLIENT = "900000000000000002";
const teamOf = new Map<string, string>();
const callers = new Map<VaultCallerKind, User | undefined>();
let target: string;
let seq = 0;

const V = () => `/v1/organizations/${orgId}/vaults`;
const asOwner = (method: string, path: string, body?: unknown) =>
  call(env, method, path, { token: owner.token, body });

async function ok<T = Record<string, unknown>>(p: Promise<Reply>): Promise<T> {
  const r = await p;
  if (r.status < 200 || r.status >= 300)
    throw new Error(`fixture call failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as T;
}

/** A vault with the fixture's grants: each direct-grant caller and each grant team. */
async function fixtureVault(): Promise<string> {
  const id = (
    await ok<{ vault: { id: string } }>(asOwner("POST", V(), { name: `fixture ${++seq}` }))
  ).vault.id;
  for (const [kind, s] of Object.entries(VAULT_CALLER_SETUP)) {
    const u = callers.get(kind as VaultCallerKind)!;
    if (s.direct)
      await ok(asOwner("POST", `${V()}/${id}/user-grants`, { user_id: u.id, role: s.direct }));
    if (s.team) {
      await ok(
        asOwner("POST", `${V()}/${id}/team-grants`, { team_id: teamOf.get(kind)!, role: s.team }),
      );
    }
  }
  await ok(
    asOwner("POST", `${V()}/${id}/client-grants`, { client_id: FIXTURE_CLIENT, role: "READER" }),
  );
  return id;
}

beforeAll(async () => {
  env = await startOrgEnv();
  owner = await signUp(env, "Owner");
  orgId = await createOrg(env, owner, "Vault matrix");
  await env.server.node.services.organizations.setTier(orgId, "TIER_PRO_V1");
  callers.set("org_owner", owner);
  for (const kind of Object.keys(VAULT_CALLER_SETUP) as (keyof typeof VAULT_CALLER_SETUP)[]) {
    if (kind === "org_owner") continue;
    const u = await signUp(env, kind);
    await addMember(env, orgId, owner, u, VAULT_CALLER_SETUP[kind].orgRole);
    callers.set(kind, u);
    if (VAULT_CALLER_SETUP[kind].team) {
      const t = (
        await ok<{ team: { id: string } }>(
          asOwner("POST", `/v1/organizations/${orgId}/teams`, { name: `t ${kind}` }),
        )
      ).team.id;
      await ok(asOwner("POST", `/v1/organizations/${orgId}/teams/${t}/members`, { user_id: u.id }));
      teamOf.set(kind, t);
    }
  }
  spare = await signUp(env, "Spare");
  await addMember(env, orgId, owner, spare);
  spareTeam = (
    await ok<{ team: { id: string } }>(
      asOwner("POST", `/v1/organizations/${orgId}/teams`, { name: "spare" }),
    )
  ).team.id;
  await env.server.node.kv.transact(async (tx) => {
    for (const c of [FIXTURE_CLIENT, SPARE_CLIENT])
      tx.set(ClientKeys.client(orgId, c), new TextEncoder().encode("{}"));
  });
  const other = await signUp(env, "Other");
  const otherOrg = await createOrg(env, other, "Elsewhere");
  callers.set("other_org", other);
  const otherMember = await signUp(env, "Other member");
  await addMember(env, otherOrg, other, otherMember);
  callers.set("other_member", otherMember);
  callers.set("anonymous", undefined);
  target = await fixtureVault();
}, 60_000);
afterAll(() => env.close());

interface Req {
  method: string;
  path: string;
  body?: unknown;
}

type Family = "user" | "team" | "client";
const subjectOf = (kind: Family) =>
  kind === "user" ? spare.id : kind === "team" ? spareTeam : SPARE_CLIENT;
const subjectField = (kind: Family) => `${kind}_id`;

async function grantsOf(kind: Family) {
  const r = await ok<{ grants: Record<string, string>[] }>(
    asOwner("GET", `${V()}/${target}/${kind}-grants?limit=100`),
  );
  return r.grants;
}

/** The spare subject's grant on the target, made to exist with `role` (or removed with null). */
async function spareGrant(kind: Family, role: string | null): Promise<string | undefined> {
  const G = `${V()}/${target}/${kind}-grants`;
  const cur = (await grantsOf(kind)).find((g) => g[subjectField(kind)] === subjectOf(kind));
  if (role === null) {
    if (cur) await ok(asOwner("DELETE", `${G}/${cur.id}`));
    return undefined;
  }
  if (cur) {
    if (cur.role !== role) await ok(asOwner("PATCH", `${G}/${cur.id}`, { role }));
    return cur.id;
  }
  return (
    await ok<{ grant: { id: string } }>(
      asOwner("POST", G, { [subjectField(kind)]: subjectOf(kind), role }),
    )
  ).grant.id;
}

const OPS: Record<string, { prepare(): Promise<Req>; restore?(): Promise<void> }> = {
  "vaults.create": {
    prepare: async () => ({ method: "POST", path: V(), body: { name: `made ${++seq}` } }),
  },
  "vaults.list": { prepare: async () => ({ method: "GET", path: V() }) },
  "vaults.get": { prepare: async () => ({ method: "GET", path: `${V()}/${target}` }) },
  "vaults.update": {
    prepare: async () => ({
      method: "PATCH",
      path: `${V()}/${target}`,
      body: { description: `d${++seq}` },
    }),
  },
  "vaults.delete": {
    prepare: async () => ({ method: "DELETE", path: `${V()}/${await fixtureVault()}` }),
  },
};
for (const kind of ["user", "team", "client"] as const) {
  const G = () => `${V()}/${target}/${kind}-grants`;
  const fixtureGrant = async () => {
    const subject =
      kind === "user"
        ? callers.get("reader")!.id
        : kind === "team"
          ? teamOf.get("team_reader")!
          : FIXTURE_CLIENT;
    return (await grantsOf(kind)).find((g) => g[subjectField(kind)] === subject)!.id;
  };
  OPS[`${kind}_grants.list`] = { prepare: async () => ({ method: "GET", path: G() }) };
  OPS[`${kind}_grants.get`] = {
    prepare: async () => ({ method: "GET", path: `${G()}/${await fixtureGrant()}` }),
  };
  for (const [op, role] of [
    ["create", "WRITER"],
    ["create_admin", "ADMIN"],
  ] as const) {
    OPS[`${kind}_grants.${op}`] = {
      prepare: async () => {
        await spareGrant(kind, null);
        return { method: "POST", path: G(), body: { [subjectField(kind)]: subjectOf(kind), role } };
      },
    };
  }
  OPS[`${kind}_grants.update`] = {
    prepare: async () => ({
      method: "PATCH",
      path: `${G()}/${await spareGrant(kind, "READER")}`,
      body: { role: "MANAGER" },
    }),
  };
  OPS[`${kind}_grants.delete`] = {
    prepare: async () => ({ method: "DELETE", path: `${G()}/${await spareGrant(kind, "READER")}` }),
  };
}

function expectedStatus(kind: VaultCallerKind, allowed: boolean): string {
  if (kind === "anonymous") return "401";
  if (kind === "other_org" || kind === "other_member") return "404";
  return allowed ? "2xx" : "403";
}

describe("vault authorization matrix (HTTP) against the table next to canVault()", () => {
  test("the caller kinds cover every vault role by direct grant and by team grant", () => {
    const setups = Object.values(VAULT_CALLER_SETUP);
    for (const role of VAULT_ROLES) {
      const direct = setups.some((s) => s.orgRole === "MEMBER" && s.direct === role && !s.team);
      const team = setups.some((s) => s.orgRole === "MEMBER" && s.team === role && !s.direct);
      expect({ role, direct, team }).toEqual({ role, direct: true, team: true });
    }
    for (const orgRole of ["OWNER", "ADMIN", "MEMBER"] as const) {
      expect(setups.some((s) => s.orgRole === orgRole && !s.direct && !s.team)).toBe(true);
    }
    // Every kind has a caller (anonymous: none), and every row names only known kinds.
    expect([...callers.keys()].sort()).toEqual([...VAULT_CALLER_KINDS].sort());
    for (const row of VAULT_AUTHZ_TABLE)
      for (const k of row.allowed) expect(VAULT_CALLER_KINDS).toContain(k);
  });

  test("every table row has a request builder, and every vault route a row", () => {
    for (const row of VAULT_AUTHZ_TABLE) expect(OPS[row.op]).toBeDefined();
    expect(Object.keys(OPS).sort()).toEqual(VAULT_AUTHZ_TABLE.map((r) => r.op).sort());
  });

  for (const row of VAULT_AUTHZ_TABLE) {
    test(row.op, async () => {
      const op = OPS[row.op]!;
      const mismatches: string[] = [];
      for (const kind of VAULT_CALLER_KINDS) {
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
      expect(mismatches).toEqual([]);
    }, 60_000);
  }
});

type MemberKind = keyof typeof VAULT_CALLER_SETUP;
const MEMBER_KINDS = Object.keys(VAULT_CALLER_SETUP) as MemberKind[];

/** The rule (A8), written out independently of canVault(): may `kind` touch grants of `roles`? */
function mayTouch(kind: MemberKind, roles: readonly VaultRole[]): boolean {
  const s = VAULT_CALLER_SETUP[kind];
  const rank = (r: VaultRole | null) => (r === null ? -1 : VAULT_ROLES.indexOf(r));
  const eff =
    s.orgRole === "OWNER" || s.orgRole === "ADMIN"
      ? "ADMIN"
      : rank(s.direct) >= rank(s.team)
        ? s.direct
        : s.team;
  if (eff === "ADMIN") return true;
  return eff === "MANAGER" && roles.every((r) => r !== "ADMIN");
}

describe("grant-role ceiling over HTTP: MANAGER up to MANAGER, ADMIN any", () => {
  test("the rule as written here: MANAGER kinds never touch ADMIN, ADMIN kinds do", () => {
    for (const k of ["manager", "team_manager", "reader_team_manager"] as const) {
      expect(mayTouch(k, ["READER", "MANAGER"])).toBe(true);
      expect(mayTouch(k, ["ADMIN"])).toBe(false);
    }
    for (const k of ["org_owner", "org_admin", "vault_admin", "team_admin"] as const)
      expect(mayTouch(k, ["ADMIN"])).toBe(true);
    for (const k of ["writer", "reader", "team_writer", "team_reader", "member"] as const)
      expect(mayTouch(k, ["READER"])).toBe(false);
  });

  for (const family of ["user", "team", "client"] as const) {
    test(`${family} grants: an ADMIN grant changed or deleted, a grant promoted to ADMIN`, async () => {
      const G = `${V()}/${target}/${family}-grants`;
      const cases: { name: string; roles: VaultRole[]; req: () => Promise<Req> }[] = [
        {
          name: "update ADMIN → READER",
          roles: ["ADMIN", "READER"],
          req: async () => ({
            method: "PATCH",
            path: `${G}/${await spareGrant(family, "ADMIN")}`,
            body: { role: "READER" },
          }),
        },
        {
          name: "update ADMIN → MANAGER",
          roles: ["ADMIN", "MANAGER"],
          req: async () => ({
            method: "PATCH",
            path: `${G}/${await spareGrant(family, "ADMIN")}`,
            body: { role: "MANAGER" },
          }),
        },
        {
          name: "update READER → ADMIN",
          roles: ["READER", "ADMIN"],
          req: async () => ({
            method: "PATCH",
            path: `${G}/${await spareGrant(family, "READER")}`,
            body: { role: "ADMIN" },
          }),
        },
        {
          name: "delete ADMIN",
          roles: ["ADMIN"],
          req: async () => ({
            method: "DELETE",
            path: `${G}/${await spareGrant(family, "ADMIN")}`,
          }),
        },
        {
          name: "create ADMIN",
          roles: ["ADMIN"],
          req: async () => {
            await spareGrant(family, null);
            return {
              method: "POST",
              path: G,
              body: { [subjectField(family)]: subjectOf(family), role: "ADMIN" },
            };
          },
        },
      ];
      const mismatches: string[] = [];
      for (const c of cases) {
        for (const kind of MEMBER_KINDS) {
          const req = await c.req();
          const r = await call(env, req.method, req.path, {
            token: callers.get(kind)!.token,
            body: req.body,
          });
          const got = r.status >= 200 && r.status < 300 ? "2xx" : String(r.status);
          const want = mayTouch(kind, c.roles) ? "2xx" : "403";
          if (got !== want)
            mismatches.push(`${c.name} as ${kind}: expected ${want}, got ${r.status}`);
          // A refused change changed nothing.
          if (want === "403" && c.name !== "create ADMIN") {
            const after = (await grantsOf(family)).find(
              (g) => g[subjectField(family)] === subjectOf(family),
            );
            const before = c.roles[0];
            if (after?.role !== before)
              mismatches.push(`${c.name} as ${kind}: the grant is now ${after?.role ?? "gone"}`);
          }
        }
      }
      expect(mismatches).toEqual([]);
    }, 60_000);
  }

  test("own grants: promoting oneself to ADMIN is refused below ADMIN; a MANAGER may delete its own", async () => {
    // A vault of its own, with every caller's fixture grants: self-deletions do not touch `target`.
    const vault = await fixtureVault();
    const G = (family: "user" | "team") => `${V()}/${vault}/${family}-grants`;
    const own = async (kind: MemberKind, family: "user" | "team") => {
      const subject = family === "user" ? callers.get(kind)!.id : teamOf.get(kind);
      const r = await ok<{ grants: Record<string, string>[] }>(
        asOwner("GET", `${G(family)}?limit=100`),
      );
      return r.grants.find((g) => g[`${family}_id`] === subject);
    };
    const mismatches: string[] = [];
    const check = (what: string, kind: MemberKind, want: string, r: Reply) => {
      const got = r.status >= 200 && r.status < 300 ? "2xx" : String(r.status);
      if (got !== want) mismatches.push(`${what} as ${kind}: expected ${want}, got ${r.status}`);
    };
    let selfPromotions = 0;
    let selfDeletions = 0;
    for (const kind of MEMBER_KINDS) {
      for (const family of ["user", "team"] as const) {
        const g = await own(kind, family);
        if (!g) continue;
        const role = g.role as VaultRole;
        const token = callers.get(kind)!.token;
        if (role !== "ADMIN") {
          selfPromotions++;
          const up = await call(env, "PATCH", `${G(family)}/${g.id}`, {
            token,
            body: { role: "ADMIN" },
          });
          check(
            `own ${family} grant ${role} → ADMIN`,
            kind,
            mayTouch(kind, [role, "ADMIN"]) ? "2xx" : "403",
            up,
          );
          if ((await own(kind, family))?.role !== role && !mayTouch(kind, [role, "ADMIN"]))
            mismatches.push(`own ${family} grant as ${kind}: promoted despite the refusal`);
        }
        selfDeletions++;
        const del = await call(env, "DELETE", `${G(family)}/${g.id}`, { token });
        const want = mayTouch(kind, [role]) ? "2xx" : "403";
        check(`own ${family} grant ${role} deleted`, kind, want, del);
        if (want === "2xx" && del.status !== 204)
          mismatches.push(`own ${family} grant deleted as ${kind}: ${del.status}, not 204`);
        const left = await own(kind, family);
        if ((want === "2xx") !== (left === undefined))
          mismatches.push(
            `own ${family} grant deleted as ${kind}: still there = ${left !== undefined}`,
          );
      }
    }
    // The kinds that matter are all there: the direct MANAGER and the READER with a team MANAGER.
    expect(selfPromotions).toBeGreaterThanOrEqual(4);
    expect(selfDeletions).toBeGreaterThanOrEqual(4);
    expect(mismatches).toEqual([]);
    // Spelled out for the direct MANAGER, the case the review named.
    const m = callers.get("manager")!;
    const g = await ok<{ grant: { id: string } }>(
      asOwner("POST", `${G("user")}`, { user_id: m.id, role: "MANAGER" }),
    );
    const promote = await call(env, "PATCH", `${G("user")}/${g.grant.id}`, {
      token: m.token,
      body: { role: "ADMIN" },
    });
    expect(promote.status).toBe(403);
    expect(promote.body.code).toBe("VAULT_FORBIDDEN");
    expect(
      (await call(env, "DELETE", `${G("user")}/${g.grant.id}`, { token: m.token })).status,
    ).toBe(204);
    await ok(asOwner("DELETE", `${V()}/${vault}`));
  }, 60_000);
});
