/**
 * Client assertions over HTTP (issue 11 item 5, docs/tokens.md#client-assertions): a client,
 * its certificate, an RFC 7523 assertion signed with the private key the create answered, the
 * form-encoded `POST /v1/token`; the access token verifies against the organization's and the
 * global JWKS. Every assertion defect is refused with the OAuth body and the right status; a
 * `jti` is single use even under concurrent exchanges; 60/min per client (A7).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createLocalJWKSet, jwtVerify, SignJWT } from "jose";
import {
  addMember,
  call,
  createOrg,
  type OrgEnv,
  signUp,
  startOrgEnv,
  type User,
} from "./org-harness.ts";
import {
  ASSERTION_TYPE,
  assertion,
  exchange,
  expectOAuth,
  grantClient,
  newCertificate,
  newClient,
  newVault,
  type TestCert,
  tokenForm,
} from "./token-harness.ts";

let env: OrgEnv;
let owner: User;
let orgId: string;
let vaultId: string;
let cert: TestCert;

beforeAll(async () => {
  env = await startOrgEnv();
  owner = await signUp(env, "Owner");
  orgId = await createOrg(env, owner, "Assertion org");
  vaultId = await newVault(env, owner, orgId);
  cert = await newCertificate(env, owner, orgId);
  await grantClient(env, owner, orgId, vaultId, cert.clientId, "WRITER");
});

afterAll(async () => {
  await env.close();
});

async function verifyWith(path: string, token: string) {
  const jwks = await call(env, "GET", path);
  expect(jwks.status).toBe(200);
  return jwtVerify(token, createLocalJWKSet(jwks.body as never), {
    issuer: "https://api.inferadb.com",
    audience: "https://api.inferadb.com/evaluate",
    algorithms: ["EdDSA"],
  });
}

describe("POST /v1/token", () => {
  test("client → certificate → assertion → token that verifies against both JWKS", async () => {
    const r = await exchange(env, tokenForm(await assertion(cert), vaultId));
    expect(r.status).toBe(200);
    expect(r.headers.get("cache-control")).toBe("no-store");
    expect(r.body).toMatchObject({
      token_type: "Bearer",
      expires_in: 300,
      vault_id: vaultId,
      vault_role: "read",
      refresh_expires_in: 604_800,
    });
    expect(typeof r.body.refresh_token).toBe("string");
    const token = r.body.access_token as string;
    for (const path of [`/v1/organizations/${orgId}/jwks.json`, "/.well-known/jwks.json"]) {
      const { payload, protectedHeader } = await verifyWith(path, token);
      expect(protectedHeader.kid).toBe(cert.kid);
      expect(payload).toMatchObject({
        sub: `client:${cert.clientId}`,
        org_id: orgId,
        vault_id: vaultId,
        vault_role: "read",
      });
      expect(String(payload.scope).split(" ")).toContain("inferadb.check");
      expect(String(payload.scope).split(" ")).not.toContain("inferadb.write");
    }
  });

  test("a client gets at most the role it was granted", async () => {
    const write = await exchange(
      env,
      tokenForm(await assertion(cert), vaultId, { requested_role: "write" }),
    );
    expect(write.status).toBe(200);
    expect(write.body.vault_role).toBe("write");
    const manage = await exchange(
      env,
      tokenForm(await assertion(cert), vaultId, { requested_role: "manage" }),
    );
    expectOAuth(manage, 400, "invalid_scope", "TOKEN_ROLE_EXCEEDS");
  });

  test("every assertion defect is refused", async () => {
    const now = Math.floor(Date.now() / 1000);
    const other = await newCertificate(env, owner, orgId);
    const hs256 = await new SignJWT({})
      .setProtectedHeader({ alg: "HS256", kid: cert.kid })
      .setIssuer(cert.clientId)
      .setSubject(cert.clientId)
      .setAudience("https://api.inferadb.com/token")
      .setIssuedAt(now)
      .setExpirationTime(now + 30)
      .setJti(crypto.randomUUID())
      .sign(Buffer.from(cert.publicKey, "base64"));
    const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
    const none = `${b64({ alg: "none", kid: cert.kid })}.${b64({
      iss: cert.clientId,
      sub: cert.clientId,
      aud: "https://api.inferadb.com/token",
      iat: now,
      exp: now + 30,
      jti: crypto.randomUUID(),
    })}.`;
    const cases: [string, string][] = [
      ["expired", await assertion(cert, { iat: now - 200, exp: now - 120 })],
      ["too long-lived", await assertion(cert, { iat: now, exp: now + 61 })],
      ["iat in the future", await assertion(cert, { iat: now + 120, exp: now + 150 })],
      ["wrong aud", await assertion(cert, { aud: "https://api.inferadb.com/evaluate" })],
      ["wrong iss", await assertion(cert, { iss: other.clientId })],
      ["wrong sub", await assertion(cert, { sub: other.clientId })],
      ["no jti", await assertion(cert, { jti: null })],
      ["alg none", none],
      ["HS256 with the public key as secret", hs256],
      ["signed by another client's key", await assertion(cert, { key: other.key })],
      ["kid of 8 parts", await assertion(cert, { kid: `${cert.kid}-x-1` })],
      ["kid of an unknown cert", await assertion(cert, { kid: `${cert.kid}9` })],
      ["not a JWT", "not-a-jwt"],
    ];
    for (const [name, jwt] of cases) {
      const r = await exchange(env, tokenForm(jwt, vaultId));
      expect({ name, status: r.status }).toEqual({ name, status: 401 });
      expectOAuth(r, 401, "invalid_client", "INVALID_CLIENT_ASSERTION");
    }
  });

  test("a jti is single use, and of two concurrent uses exactly one wins", async () => {
    const jwt = await assertion(cert);
    expect((await exchange(env, tokenForm(jwt, vaultId))).status).toBe(200);
    expectOAuth(
      await exchange(env, tokenForm(jwt, vaultId)),
      401,
      "invalid_client",
      "ASSERTION_REPLAYED",
    );
    const second = await newVault(env, owner, orgId);
    await grantClient(env, owner, orgId, second, cert.clientId, "READER");
    for (let round = 0; round < 5; round++) {
      const once = await assertion(cert);
      const answers = await Promise.all(
        [vaultId, second, vaultId, second].map((v) => exchange(env, tokenForm(once, v))),
      );
      expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
      for (const a of answers.filter((x) => x.status !== 200)) {
        expectOAuth(a, 401, "invalid_client", "ASSERTION_REPLAYED");
      }
    }
  });

  test("revoked certificate, deactivated or deleted client: refused", async () => {
    const c = await newCertificate(env, owner, orgId);
    await grantClient(env, owner, orgId, vaultId, c.clientId, "READER");
    expect((await exchange(env, tokenForm(await assertion(c), vaultId))).status).toBe(200);
    const base = `/v1/organizations/${orgId}/clients/${c.clientId}`;
    expect((await call(env, "POST", `${base}/deactivate`, { token: owner.token })).status).toBe(
      200,
    );
    const off = await exchange(env, tokenForm(await assertion(c), vaultId));
    expect(off.status).toBe(401);
    expect(off.body.error).toBe("invalid_client");
    expect((await call(env, "POST", `${base}/activate`, { token: owner.token })).status).toBe(200);
    expect((await exchange(env, tokenForm(await assertion(c), vaultId))).status).toBe(200);
    const rev = await call(env, "POST", `${base}/certificates/${c.id}/revoke`, {
      token: owner.token,
    });
    expect(rev.status).toBe(200);
    expectOAuth(
      await exchange(env, tokenForm(await assertion(c), vaultId)),
      401,
      "invalid_client",
      "INVALID_CLIENT_ASSERTION",
    );
    const d = await newCertificate(env, owner, orgId);
    await grantClient(env, owner, orgId, vaultId, d.clientId, "READER");
    expect(
      (
        await call(env, "DELETE", `/v1/organizations/${orgId}/clients/${d.clientId}`, {
          token: owner.token,
        })
      ).status,
    ).toBe(204);
    expectOAuth(await exchange(env, tokenForm(await assertion(d), vaultId)), 401, "invalid_client");
  });

  test("a vault of another organization, or without a grant: refused", async () => {
    const otherOwner = await signUp(env, "Other owner");
    const otherOrg = await createOrg(env, otherOwner, "Other org");
    const foreignVault = await newVault(env, otherOwner, otherOrg);
    expectOAuth(
      await exchange(env, tokenForm(await assertion(cert), foreignVault)),
      404,
      "invalid_request",
      "VAULT_NOT_FOUND",
    );
    expectOAuth(
      await exchange(env, tokenForm(await assertion(cert), "999999999999")),
      404,
      "invalid_request",
      "VAULT_NOT_FOUND",
    );
    const ungranted = await newVault(env, owner, orgId);
    expectOAuth(
      await exchange(env, tokenForm(await assertion(cert), ungranted)),
      403,
      "unauthorized_client",
      "VAULT_NO_GRANT",
    );
    // A member of both organizations changes nothing: a client is bound to its organization.
    await addMember(env, otherOrg, otherOwner, owner);
    expect((await exchange(env, tokenForm(await assertion(cert), foreignVault))).status).toBe(404);
  });

  test("malformed requests get the OAuth error body", async () => {
    const jwt = await assertion(cert);
    expectOAuth(
      await exchange(env, { ...tokenForm(jwt, vaultId), grant_type: "password" }),
      400,
      "unsupported_grant_type",
      "UNSUPPORTED_GRANT_TYPE",
    );
    expectOAuth(
      await exchange(env, { ...tokenForm(jwt, vaultId), client_assertion_type: "x" }),
      400,
      "invalid_request",
    );
    for (const vault of ["", "abc", "-1", "1.5", "99999999999999999999999"]) {
      expectOAuth(
        await exchange(env, { ...tokenForm(jwt, vaultId), vault_id: vault }),
        400,
        "invalid_request",
      );
    }
    expectOAuth(
      await exchange(env, { ...tokenForm(jwt, vaultId), requested_role: "owner" }),
      400,
      "invalid_request",
    );
    expectOAuth(
      await exchange(env, {
        grant_type: "client_credentials",
        client_assertion_type: ASSERTION_TYPE,
        vault_id: vaultId,
      }),
      400,
      "invalid_request",
    );
    const repeated = await call(env, "POST", "/v1/token", {
      body: `${new URLSearchParams(tokenForm(jwt, vaultId))}&vault_id=1`,
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expectOAuth(repeated, 400, "invalid_request");
    const json = await call(env, "POST", "/v1/token", { body: tokenForm(jwt, vaultId) });
    expectOAuth(json, 415, "invalid_request");
    const huge = await exchange(env, tokenForm("x".repeat(9000), vaultId));
    expectOAuth(huge, 422, "invalid_request");
    const lone = await exchange(env, tokenForm(`\ud800${jwt}`, vaultId));
    expect(lone.status).toBeLessThan(500);
  });
});

describe("POST /v1/token rate limit (A7)", () => {
  test("a client over its budget per minute gets 429 with Retry-After", async () => {
    const limited = await startOrgEnv({
      config: { rate_limiting: { enabled: true, token_requests_per_client_per_minute: 3 } },
    });
    try {
      const boss = await signUp(limited, "Boss");
      const org = await createOrg(limited, boss, "Limited");
      const vault = await newVault(limited, boss, org);
      const c = await newCertificate(limited, boss, org);
      await grantClient(limited, boss, org, vault, c.clientId, "READER");
      const other = await newCertificate(limited, boss, org, await newClient(limited, boss, org));
      await grantClient(limited, boss, org, vault, other.clientId, "READER");
      for (let i = 0; i < 3; i++) {
        const ok = await exchange(limited, tokenForm(await assertion(c), vault));
        expect(ok.status).toBe(200);
        expect(ok.headers.get("x-ratelimit-remaining")).toBe(String(2 - i));
      }
      const over = await exchange(limited, tokenForm(await assertion(c), vault));
      expectOAuth(over, 429, "temporarily_unavailable", "RATE_LIMITED");
      expect(Number(over.headers.get("retry-after"))).toBeGreaterThan(0);
      // Per client: another client of the same organization is not affected.
      expect((await exchange(limited, tokenForm(await assertion(other), vault))).status).toBe(200);
      // Forged assertions naming the client do not spend its budget (counted after the signature).
      const forged = await assertion(other, { kid: other.kid, key: c.key });
      expect((await exchange(limited, tokenForm(forged, vault))).status).toBe(401);
    } finally {
      await limited.close();
    }
  });
});
