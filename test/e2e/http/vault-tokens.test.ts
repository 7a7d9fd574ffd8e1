/**
 * Vault tokens for users over HTTP (docs/tokens.md, issue 11 item 4): the token verifies with jose
 * against the organization's JWKS fetched over HTTP; exact claims; role bounded by the effective
 * role (403); TTL bounds (400); suspended organization, deleted vault, member without grant and an
 * organization without an active certificate refused; a revoked certificate's key is never used.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
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
let orgId: string;
let vaultId: string;

const READ =
  "inferadb.check inferadb.read inferadb.expand inferadb.list inferadb.list-relationships inferadb.list-subjects inferadb.list-resources";
const SCOPES: Record<string, string> = {
  read: READ,
  write: `${READ} inferadb.write`,
  manage: `${READ} inferadb.write inferadb.vault.manage`,
  admin: `${READ} inferadb.write inferadb.vault.manage inferadb.admin`,
};

const T = (org: string, vault: string) => `/v1/organizations/${org}/vaults/${vault}/tokens`;

async function newCert(org: string): Promise<{ id: string; kid: string; clientId: string }> {
  const c = await call(env, "POST", `/v1/organizations/${org}/clients`, {
    token: owner.token,
    body: { name: `c-${crypto.randomUUID().slice(0, 8)}` },
  });
  expect(c.status).toBe(201);
  const clientId = (c.body.client as { id: string }).id;
  const r = await call(env, "POST", `/v1/organizations/${org}/clients/${clientId}/certificates`, {
    token: owner.token,
    body: { name: "key" },
  });
  expect(r.status).toBe(201);
  const cert = r.body.certificate as { id: string; kid: string };
  return { ...cert, clientId };
}

async function newVault(org: string): Promise<string> {
  const v = await call(env, "POST", `/v1/organizations/${org}/vaults`, {
    token: owner.token,
    body: { name: `v-${crypto.randomUUID().slice(0, 8)}` },
  });
  expect(v.status).toBe(201);
  return (v.body.vault as { id: string }).id;
}

async function verify(token: string, org: string) {
  const jwks = await call(env, "GET", `/v1/organizations/${org}/jwks.json`);
  expect(jwks.status).toBe(200);
  const set = createLocalJWKSet(jwks.body as never);
  return jwtVerify(token, set, {
    issuer: "https://api.inferadb.com",
    audience: "https://api.inferadb.com/evaluate",
    algorithms: ["EdDSA"],
  });
}

beforeAll(async () => {
  env = await startOrgEnv();
  owner = await signUp(env, "Owner");
  member = await signUp(env, "Member");
  orgId = await createOrg(env, owner, "Token org");
  await addMember(env, orgId, owner, member);
  vaultId = await newVault(orgId);
});

afterAll(async () => {
  await env.close();
});

describe("vault tokens", () => {
  test("an organization without an active certificate issues nothing (409)", async () => {
    const r = await call(env, "POST", T(orgId, vaultId), { token: owner.token, body: {} });
    expectA3(r, 409, "NO_SIGNING_KEY");
  });

  test("the token verifies against the org JWKS with exact claims, per role", async () => {
    const cert = await newCert(orgId);
    for (const role of ["read", "write", "manage", "admin"]) {
      const before = Math.floor(Date.now() / 1000);
      const r = await call(env, "POST", T(orgId, vaultId), {
        token: owner.token,
        body: role === "read" ? {} : { requested_role: role, access_token_ttl: 600 },
      });
      expect(r.status).toBe(201);
      const ttl = role === "read" ? 300 : 600;
      expect(r.body).toMatchObject({
        token_type: "Bearer",
        expires_in: ttl,
        vault_id: vaultId,
        vault_role: role,
      });
      const { payload, protectedHeader } = await verify(r.body.access_token as string, orgId);
      expect(protectedHeader).toEqual({ alg: "EdDSA", typ: "JWT", kid: cert.kid });
      expect(cert.kid.split("-")).toHaveLength(6);
      expect(Object.keys(payload).sort()).toEqual(
        [
          "aud",
          "exp",
          "iat",
          "iss",
          "jti",
          "org_id",
          "scope",
          "sub",
          "vault_id",
          "vault_role",
        ].sort(),
      );
      expect(payload).toMatchObject({
        iss: "https://api.inferadb.com",
        aud: "https://api.inferadb.com/evaluate",
        sub: `user:${owner.id}`,
        org_id: orgId,
        vault_id: vaultId,
        vault_role: role,
        scope: SCOPES[role],
      });
      expect(typeof payload.org_id).toBe("string");
      expect(typeof payload.jti).toBe("string");
      expect(payload.iat).toBeGreaterThanOrEqual(before - 1);
      expect(payload.exp).toBe((payload.iat as number) + ttl);
      expect(new Date(r.body.expires_at as string).getTime()).toBe((payload.exp as number) * 1000);
    }
  });

  test("TTL bounds are 60 s … 24 h (400 outside)", async () => {
    for (const ttl of [0, 59, 86_401, -5]) {
      const r = await call(env, "POST", T(orgId, vaultId), {
        token: owner.token,
        body: { access_token_ttl: ttl },
      });
      expectA3(r, 400, "TOKEN_TTL_INVALID");
    }
    for (const ttl of [60, 86_400]) {
      const r = await call(env, "POST", T(orgId, vaultId), {
        token: owner.token,
        body: { access_token_ttl: ttl },
      });
      expect(r.status).toBe(201);
      expect(r.body.expires_in).toBe(ttl);
    }
  });

  test("a member without grant is refused; with READER: read only, above it 403", async () => {
    const noGrant = await call(env, "POST", T(orgId, vaultId), { token: member.token, body: {} });
    expectA3(noGrant, 403, "VAULT_NO_GRANT");
    const g = await call(env, "POST", `/v1/organizations/${orgId}/vaults/${vaultId}/user-grants`, {
      token: owner.token,
      body: { user_id: member.id, role: "READER" },
    });
    expect(g.status).toBe(201);
    const ok = await call(env, "POST", T(orgId, vaultId), { token: member.token, body: {} });
    expect(ok.status).toBe(201);
    const { payload } = await verify(ok.body.access_token as string, orgId);
    expect(payload.sub).toBe(`user:${member.id}`);
    expect(payload.scope).toBe(READ);
    const above = await call(env, "POST", T(orgId, vaultId), {
      token: member.token,
      body: { requested_role: "write" },
    });
    expectA3(above, 400, "TOKEN_ROLE_EXCEEDS");
    const bad = await call(env, "POST", T(orgId, vaultId), {
      token: member.token,
      body: { requested_role: "owner" },
    });
    expect(bad.status).toBe(422);
    const outsider = await signUp(env, "Outsider");
    expectA3(
      await call(env, "POST", T(orgId, vaultId), { token: outsider.token, body: {} }),
      404,
      "ORG_NOT_FOUND",
    );
  });

  test("a revoked certificate's key is never used: the next newest, or none", async () => {
    const org = await createOrg(env, owner, "Rotation org");
    const vault = await newVault(org);
    const a = await newCert(org);
    const b = await newCert(org);
    const kidOf = async () => {
      const r = await call(env, "POST", T(org, vault), { token: owner.token, body: {} });
      return r.status === 201 ? decodeProtectedHeader(r.body.access_token as string).kid : r;
    };
    expect(await kidOf()).toBe(b.kid);
    const rev = (c: { id: string; clientId: string }) =>
      call(
        env,
        "POST",
        `/v1/organizations/${org}/clients/${c.clientId}/certificates/${c.id}/revoke`,
        {
          token: owner.token,
        },
      );
    expect((await rev(b)).status).toBe(200);
    expect(await kidOf()).toBe(a.kid);
    const r = await call(env, "POST", T(org, vault), { token: owner.token, body: {} });
    await verify(r.body.access_token as string, org);
    expect((await rev(a)).status).toBe(200);
    expectA3(
      await call(env, "POST", T(org, vault), { token: owner.token, body: {} }),
      409,
      "NO_SIGNING_KEY",
    );
  });

  test("a suspended organization and a deleted vault issue nothing", async () => {
    const org = await createOrg(env, owner, "Suspend org");
    const vault = await newVault(org);
    await newCert(org);
    expect((await call(env, "POST", T(org, vault), { token: owner.token, body: {} })).status).toBe(
      201,
    );
    expect(
      (await call(env, "POST", `/v1/organizations/${org}/suspend`, { token: owner.token })).status,
    ).toBe(200);
    expectA3(
      await call(env, "POST", T(org, vault), { token: owner.token, body: {} }),
      403,
      "ORG_SUSPENDED",
    );
    expect(
      (await call(env, "POST", `/v1/organizations/${org}/resume`, { token: owner.token })).status,
    ).toBe(200);
    const d = await call(env, "DELETE", `/v1/organizations/${org}/vaults/${vault}`, {
      token: owner.token,
    });
    expect(d.status).toBe(204);
    expectA3(
      await call(env, "POST", T(org, vault), { token: owner.token, body: {} }),
      404,
      "VAULT_NOT_FOUND",
    );
  });
});
