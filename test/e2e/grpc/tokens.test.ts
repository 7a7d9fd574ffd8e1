/**
 * gRPC `TokenService` over a real socket (docs/tokens.md, "gRPC"): a certificate made over gRPC
 * signs the tokens CreateVaultToken answers, which verify (jose) against GetJwks, the
 * organization's set and the global one, as HTTP serves them; ExchangeClientAssertion takes an
 * RFC 7523 assertion signed with the certificate's private key, once (a replay is
 * UNAUTHENTICATED); RefreshVaultToken rotates, and a used token revokes the family
 * (PERMISSION_DENIED); a failed re-check keeps the token; a removed grant ends refreshes;
 * RevokeVaultTokens is for vault admins; a client cannot reach another organization's vault; the
 * per-client limit is RESOURCE_EXHAUSTED and the audit keeps the call's client IP. Bad input on
 * every method answers a typed status, never INTERNAL or UNKNOWN.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Metadata, type ServiceError, status } from "@grpc/grpc-js";
import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from "jose";
import {
  addMember,
  call,
  createOrg,
  type OrgEnv,
  signUp,
  startOrgEnv,
  type User,
} from "../http/org-harness.ts";
import {
  ASSERTION_TYPE,
  assertion,
  grantClient,
  keyFromSeed,
  newCertificate,
  newVault,
  type TestCert,
} from "../http/token-harness.ts";
import { bearer, GrpcClients, type GrpcResult } from "./grpc-harness.ts";

let env: OrgEnv;
let g: GrpcClients;
let owner: User;
let orgId: string;
let vaultId: string;
/** Made over gRPC (ClientService), granted WRITER on `vaultId`. */
let cert: TestCert;

const FIXED_ID = "1234567890123456789";
const LONG = "x".repeat(10_000);
const ISSUER = "https://api.inferadb.com";
const AUDIENCE = "https://api.inferadb.com/evaluate";
/** The fields of every token answer, over HTTP and gRPC alike. */
const TOKEN_FIELDS = [
  "access_token",
  "expires_at",
  "expires_in",
  "refresh_expires_in",
  "refresh_token",
  "scope",
  "token_type",
  "vault_id",
  "vault_role",
];

type Obj = Record<string, unknown>;

const tok = (method: string, req: Obj, md = new Metadata()) =>
  g.call("TokenService", method, req, md);
const okTok = (method: string, req: Obj, md = new Metadata()) =>
  g.ok("TokenService", method, req, md);

/** A gRPC certificate as the token harness's `TestCert` (its key from the answered seed). */
async function grpcCertificate(user: User, org: string): Promise<TestCert> {
  const md = bearer(user.token);
  const c = await g.ok(
    "ClientService",
    "CreateClient",
    { organization_id: org, name: `grpc-${crypto.randomUUID().slice(0, 8)}` },
    md,
  );
  const clientId = (c.client as { id: string }).id;
  const k = await g.ok(
    "ClientService",
    "CreateCertificate",
    { organization_id: org, client_id: clientId, name: "key" },
    md,
  );
  const certificate = k.certificate as { id: string; kid: string; public_key: string };
  const seed = k.private_key as string;
  return {
    id: certificate.id,
    kid: certificate.kid,
    clientId,
    orgId: org,
    seed,
    publicKey: certificate.public_key,
    key: keyFromSeed(seed),
  };
}

const userToken = (user: User, org: string, vault: string, extra: Obj = {}) =>
  okTok(
    "CreateVaultToken",
    { organization_id: org, vault_id: vault, ...extra },
    bearer(user.token),
  );

async function exchangeReq(c: TestCert, vault: string, extra: Obj = {}): Promise<Obj> {
  return {
    grant_type: "client_credentials",
    client_assertion_type: ASSERTION_TYPE,
    client_assertion: await assertion(c),
    vault_id: vault,
    ...extra,
  };
}

const refresh = (token: string, extra: Obj = {}) =>
  tok("RefreshVaultToken", { refresh_token: token, ...extra });

function expectErr(r: GrpcResult, code: number, xcode?: string) {
  expect(r.err).toBeDefined();
  expect({ status: r.err?.code, code: r.err?.metadata.get("x-error-code")[0] }).toMatchObject(
    xcode ? { status: code, code: xcode } : { status: code },
  );
  expect(r.err?.metadata.get("x-request-id")[0]).toBeString();
}

/** Verifies `token` against the keys GetJwks answers (of `org`, or the global set). */
async function verifyWithGrpcJwks(token: string, org?: string) {
  const jwks = await okTok("GetJwks", org === undefined ? {} : { organization_id: org });
  return jwtVerify(token, createLocalJWKSet(jwks as never), {
    issuer: ISSUER,
    audience: AUDIENCE,
    algorithms: ["EdDSA"],
  });
}

beforeAll(async () => {
  env = await startOrgEnv();
  g = new GrpcClients(env.server.grpcAddress);
  owner = await signUp(env, "Token Owner");
  orgId = await createOrg(env, owner, "gRPC tokens");
  const v = await g.ok(
    "VaultService",
    "CreateVault",
    { organization_id: orgId, name: "main" },
    bearer(owner.token),
  );
  vaultId = (v.vault as { id: string }).id;
  cert = await grpcCertificate(owner, orgId);
  await g.ok(
    "VaultService",
    "CreateClientGrant",
    { organization_id: orgId, vault_id: vaultId, client_id: cert.clientId, role: "WRITER" },
    bearer(owner.token),
  );
});
afterAll(async () => {
  g.close();
  await env.close();
});

describe("TokenService", () => {
  test("CreateVaultToken answers HTTP's fields; the JWT verifies against GetJwks (org and global)", async () => {
    const r = await userToken(owner, orgId, vaultId, {
      requested_role: "write",
      access_token_ttl: 120,
      refresh_token_ttl: 600,
    });
    expect(Object.keys(r).sort()).toEqual(TOKEN_FIELDS);
    expect(r).toMatchObject({
      token_type: "Bearer",
      expires_in: 120,
      vault_id: vaultId,
      vault_role: "write",
      refresh_expires_in: 600,
    });
    expect(String(r.scope).split(" ")).toContain("inferadb.write");
    const viaHttp = await call(env, "POST", `/v1/organizations/${orgId}/vaults/${vaultId}/tokens`, {
      token: owner.token,
      body: { requested_role: "write" },
    });
    expect(viaHttp.status).toBe(201);
    expect(Object.keys(viaHttp.body).sort()).toEqual(TOKEN_FIELDS);

    const token = r.access_token as string;
    for (const org of [orgId, undefined]) {
      const { payload, protectedHeader } = await verifyWithGrpcJwks(token, org);
      expect(protectedHeader.kid).toBe(cert.kid);
      expect(payload).toMatchObject({
        sub: `user:${owner.id}`,
        org_id: orgId,
        vault_id: vaultId,
        vault_role: "write",
        scope: r.scope,
      });
      expect((payload.exp as number) - (payload.iat as number)).toBe(120);
    }
    expect(new Date(r.expires_at as string).getTime() / 1000).toBe(decodeJwt(token).exp as number);

    // The same key sets as HTTP serves.
    const orgKeys = await okTok("GetJwks", { organization_id: orgId });
    const hOrg = await call(env, "GET", `/v1/organizations/${orgId}/jwks.json`);
    expect(orgKeys).toEqual(hOrg.body);
    expect((orgKeys.keys as { kid: string }[]).map((k) => k.kid)).toEqual([cert.kid]);
    expect(orgKeys.keys).toEqual([
      expect.objectContaining({ kty: "OKP", crv: "Ed25519", use: "sig", alg: "EdDSA" }),
    ]);
    const global = await okTok("GetJwks", {});
    expect(global).toEqual((await call(env, "GET", "/.well-known/jwks.json")).body);

    // Signed with a chosen client's newest certificate.
    const other = await grpcCertificate(owner, orgId);
    const chosen = await userToken(owner, orgId, vaultId, { client_id: cert.clientId });
    expect(decodeProtectedHeader(chosen.access_token as string).kid).toBe(cert.kid);
    const newest = await userToken(owner, orgId, vaultId);
    expect(decodeProtectedHeader(newest.access_token as string).kid).toBe(other.kid);
    await verifyWithGrpcJwks(newest.access_token as string, orgId);
  });

  test("ExchangeClientAssertion: a token for the client; a replayed assertion is UNAUTHENTICATED", async () => {
    const req = await exchangeReq(cert, vaultId, { access_token_ttl: 90 });
    const r = await okTok("ExchangeClientAssertion", req);
    expect(Object.keys(r).sort()).toEqual(TOKEN_FIELDS);
    expect(r).toMatchObject({
      token_type: "Bearer",
      expires_in: 90,
      vault_id: vaultId,
      vault_role: "read",
      refresh_expires_in: 604_800,
    });
    const { payload } = await verifyWithGrpcJwks(r.access_token as string, orgId);
    expect(payload).toMatchObject({ sub: `client:${cert.clientId}`, org_id: orgId });
    await verifyWithGrpcJwks(r.access_token as string);

    expectErr(
      await tok("ExchangeClientAssertion", req),
      status.UNAUTHENTICATED,
      "ASSERTION_REPLAYED",
    );
    const write = await okTok(
      "ExchangeClientAssertion",
      await exchangeReq(cert, vaultId, { requested_role: "write" }),
    );
    expect(write.vault_role).toBe("write");
    expectErr(
      await tok(
        "ExchangeClientAssertion",
        await exchangeReq(cert, vaultId, { requested_role: "manage" }),
      ),
      status.INVALID_ARGUMENT,
      "TOKEN_ROLE_EXCEEDS",
    );
    // Signed with another key than the certificate's.
    const forged = await assertion(cert, {
      key: keyFromSeed(Buffer.alloc(32, 7).toString("base64")),
    });
    expectErr(
      await tok("ExchangeClientAssertion", {
        ...(await exchangeReq(cert, vaultId)),
        client_assertion: forged,
      }),
      status.UNAUTHENTICATED,
      "INVALID_CLIENT_ASSERTION",
    );
  });

  test("CreateVaultToken above the caller's role is INVALID_ARGUMENT TOKEN_ROLE_EXCEEDS", async () => {
    const member = await signUp(env, "Reader");
    await addMember(env, orgId, owner, member);
    await g.ok(
      "VaultService",
      "CreateUserGrant",
      { organization_id: orgId, vault_id: vaultId, user_id: member.id, role: "READER" },
      bearer(owner.token),
    );
    const read = await userToken(member, orgId, vaultId);
    expect(read.vault_role).toBe("read");
    expectErr(
      await tok(
        "CreateVaultToken",
        { organization_id: orgId, vault_id: vaultId, requested_role: "write" },
        bearer(member.token),
      ),
      status.INVALID_ARGUMENT,
      "TOKEN_ROLE_EXCEEDS",
    );
  });

  test("RefreshVaultToken rotates; a used token revokes the family (PERMISSION_DENIED)", async () => {
    const first = await userToken(owner, orgId, vaultId, { access_token_ttl: 120 });
    let current = first.refresh_token as string;
    const seen = [current];
    for (let i = 0; i < 2; i++) {
      const r = await g.ok("TokenService", "RefreshVaultToken", { refresh_token: current });
      expect(Object.keys(r).sort()).toEqual(TOKEN_FIELDS);
      expect(r).toMatchObject({ vault_id: vaultId, vault_role: "read", expires_in: 120 });
      expect(seen).not.toContain(r.refresh_token);
      await verifyWithGrpcJwks(r.access_token as string, orgId);
      current = r.refresh_token as string;
      seen.push(current);
    }
    const custom = await okTok("RefreshVaultToken", {
      refresh_token: current,
      access_token_ttl: 60,
    });
    expect(custom.expires_in).toBe(60);

    // The client family rotates too.
    const c = await okTok("ExchangeClientAssertion", await exchangeReq(cert, vaultId));
    const rc = await okTok("RefreshVaultToken", { refresh_token: c.refresh_token });
    expect(decodeJwt(rc.access_token as string).sub).toBe(`client:${cert.clientId}`);

    // Reuse: the used token is refused and the whole family ends.
    const used = seen[1] as string;
    expectErr(await refresh(used), status.PERMISSION_DENIED, "REFRESH_TOKEN_REUSED");
    expectErr(
      await refresh(custom.refresh_token as string),
      status.PERMISSION_DENIED,
      "REFRESH_TOKEN_REVOKED",
    );
    // The same answers as HTTP for the same token.
    const h = await call(env, "POST", "/v1/tokens/refresh", {
      body: { refresh_token: custom.refresh_token },
    });
    expect({ status: h.status, code: h.body.code }).toEqual({
      status: 403,
      code: "REFRESH_TOKEN_REVOKED",
    });
  });

  test("a failed refresh (organization suspended) keeps the token", async () => {
    const org = await createOrg(env, owner, "Suspended");
    const vault = await newVault(env, owner, org);
    await newCertificate(env, owner, org);
    const r0 = await userToken(owner, org, vault);
    const token = r0.refresh_token as string;
    await g.ok("OrganizationService", "Suspend", { organization_id: org }, bearer(owner.token));
    expectErr(await refresh(token), status.PERMISSION_DENIED, "ORG_SUSPENDED");
    expectErr(
      await tok("CreateVaultToken", { organization_id: org, vault_id: vault }, bearer(owner.token)),
      status.PERMISSION_DENIED,
      "ORG_SUSPENDED",
    );
    await g.ok("OrganizationService", "Resume", { organization_id: org }, bearer(owner.token));
    const again = await refresh(token);
    expect(again.err).toBeUndefined();
    expect(again.res?.vault_id).toBe(vault);
  });

  test("removing a member's grant ends their refreshes", async () => {
    const member = await signUp(env, "Granted");
    await addMember(env, orgId, owner, member);
    const grant = await g.ok(
      "VaultService",
      "CreateUserGrant",
      { organization_id: orgId, vault_id: vaultId, user_id: member.id, role: "READER" },
      bearer(owner.token),
    );
    const a = await userToken(member, orgId, vaultId);
    const b = await userToken(member, orgId, vaultId);
    const a1 = await refresh(a.refresh_token as string);
    expect(a1.err).toBeUndefined();
    await g.ok(
      "VaultService",
      "DeleteUserGrant",
      { organization_id: orgId, vault_id: vaultId, grant_id: (grant.grant as { id: string }).id },
      bearer(owner.token),
    );
    expectErr(await refresh(b.refresh_token as string), status.PERMISSION_DENIED, "VAULT_NO_GRANT");
    expectErr(
      await refresh(a1.res?.refresh_token as string),
      status.PERMISSION_DENIED,
      "VAULT_NO_GRANT",
    );
    expectErr(
      await tok(
        "CreateVaultToken",
        { organization_id: orgId, vault_id: vaultId },
        bearer(member.token),
      ),
      status.PERMISSION_DENIED,
      "VAULT_NO_GRANT",
    );
  });

  test("RevokeVaultTokens: a non-admin is PERMISSION_DENIED, the owner gets the count", async () => {
    const vault = await newVault(env, owner, orgId);
    await grantClient(env, owner, orgId, vault, cert.clientId, "READER");
    const tokens = [
      (await userToken(owner, orgId, vault)).refresh_token as string,
      (await userToken(owner, orgId, vault)).refresh_token as string,
      (await okTok("ExchangeClientAssertion", await exchangeReq(cert, vault)))
        .refresh_token as string,
    ];
    const reader = await signUp(env, "Vault reader");
    await addMember(env, orgId, owner, reader);
    await g.ok(
      "VaultService",
      "CreateUserGrant",
      { organization_id: orgId, vault_id: vault, user_id: reader.id, role: "READER" },
      bearer(owner.token),
    );
    expectErr(
      await tok("RevokeVaultTokens", { vault_id: vault }, bearer(reader.token)),
      status.PERMISSION_DENIED,
      "VAULT_ADMIN_REQUIRED",
    );
    const outsider = await signUp(env, "Outsider");
    expectErr(
      await tok("RevokeVaultTokens", { vault_id: vault }, bearer(outsider.token)),
      status.NOT_FOUND,
      "VAULT_NOT_FOUND",
    );
    expectErr(
      await tok("RevokeVaultTokens", { vault_id: vault }),
      status.UNAUTHENTICATED,
      "NO_SESSION",
    );
    // Nothing was revoked by the refusals.
    const still = await refresh(tokens[0] as string);
    expect(still.err).toBeUndefined();
    tokens[0] = still.res?.refresh_token as string;

    expect(await okTok("RevokeVaultTokens", { vault_id: vault }, bearer(owner.token))).toEqual({
      revoked_count: 3,
    });
    for (const t of tokens) {
      expectErr(await refresh(t), status.PERMISSION_DENIED, "REFRESH_TOKEN_REVOKED");
    }
    expect(await okTok("RevokeVaultTokens", { vault_id: vault }, bearer(owner.token))).toEqual({
      revoked_count: 0,
    });
  });

  test("a client of organization A gets no token for a vault of organization B", async () => {
    const otherOwner = await signUp(env, "Other owner");
    const otherOrg = await createOrg(env, otherOwner, "Org B");
    const foreign = await newVault(env, otherOwner, otherOrg);
    const foreignCert = await grpcCertificate(otherOwner, otherOrg);
    await grantClient(env, otherOwner, otherOrg, foreign, foreignCert.clientId, "ADMIN");
    expectErr(
      await tok("ExchangeClientAssertion", await exchangeReq(cert, foreign)),
      status.NOT_FOUND,
      "VAULT_NOT_FOUND",
    );
    // Even when a member of both organizations runs it: a client is bound to its organization.
    await addMember(env, otherOrg, otherOwner, owner);
    expectErr(
      await tok("ExchangeClientAssertion", await exchangeReq(cert, foreign)),
      status.NOT_FOUND,
      "VAULT_NOT_FOUND",
    );
    // Org B's own client is fine; its key is in org B's set and the global one, not org A's.
    const b = await okTok("ExchangeClientAssertion", await exchangeReq(foreignCert, foreign));
    await verifyWithGrpcJwks(b.access_token as string, otherOrg);
    await verifyWithGrpcJwks(b.access_token as string);
    await expect(verifyWithGrpcJwks(b.access_token as string, orgId)).rejects.toThrow();
    // A user asking for org B's vault under org A: not found.
    expectErr(
      await tok(
        "CreateVaultToken",
        { organization_id: orgId, vault_id: foreign },
        bearer(owner.token),
      ),
      status.NOT_FOUND,
      "VAULT_NOT_FOUND",
    );
  });
});

describe("TokenService rate limit and client IP", () => {
  test("over the per-client budget is RESOURCE_EXHAUSTED; the audit keeps the forwarded IP", async () => {
    const limited = await startOrgEnv({
      config: {
        rate_limiting: { enabled: true, token_requests_per_client_per_minute: 2 },
        server: { trusted_proxies: ["127.0.0.0/8", "::1"] },
      },
    });
    const lg = new GrpcClients(limited.server.grpcAddress);
    try {
      const boss = await signUp(limited, "Boss");
      const org = await createOrg(limited, boss, "Limited");
      const vault = await newVault(limited, boss, org);
      const c = await newCertificate(limited, boss, org);
      await grantClient(limited, boss, org, vault, c.clientId, "READER");
      const md = () => {
        const m = new Metadata();
        m.set("x-forwarded-for", "203.0.113.7");
        return m;
      };
      for (let i = 0; i < 2; i++) {
        await lg.ok("TokenService", "ExchangeClientAssertion", await exchangeReq(c, vault), md());
      }
      const over = await lg.call(
        "TokenService",
        "ExchangeClientAssertion",
        await exchangeReq(c, vault),
        md(),
      );
      expectErr(over, status.RESOURCE_EXHAUSTED, "RATE_LIMITED");
      expect(Number(over.err?.metadata.get("retry-after")[0])).toBeGreaterThan(0);
      const logs = await call(limited, "GET", `/v1/organizations/${org}/audit-logs?limit=100`, {
        token: boss.token,
      });
      const issued = (logs.body.audit_logs as { event_type: string; ip_address: string }[]).filter(
        (e) => e.event_type === "vault_token_issued",
      );
      expect(issued.map((e) => e.ip_address)).toEqual(["203.0.113.7", "203.0.113.7"]);
    } finally {
      lg.close();
      await limited.close();
    }
  });
});

interface BadCase {
  method: string;
  req: () => Obj;
  /** Metadata of the call (default: the owner's session). */
  md?: () => Metadata;
  status: number;
  code: string;
  field?: string;
}

const none = () => new Metadata();
const INVALID = status.INVALID_ARGUMENT;

function badCases(): [string, BadCase][] {
  const ids = () => ({ organization_id: orgId, vault_id: vaultId });
  const form = () => ({
    grant_type: "client_credentials",
    client_assertion_type: ASSERTION_TYPE,
    client_assertion: "a.b.c",
    vault_id: vaultId,
  });
  const cases: [string, BadCase][] = [];
  const add = (name: string, c: BadCase) => cases.push([name, c]);

  // CreateVaultToken
  add("CreateVaultToken without a session", {
    method: "CreateVaultToken",
    req: ids,
    md: none,
    status: status.UNAUTHENTICATED,
    code: "NO_SESSION",
  });
  add("CreateVaultToken without ids", {
    method: "CreateVaultToken",
    req: () => ({}),
    status: INVALID,
    code: "INVALID_ID",
    field: "vault_id",
  });
  add("CreateVaultToken with a bad organization id", {
    method: "CreateVaultToken",
    req: () => ({ ...ids(), organization_id: "99999999999999999999" }),
    status: INVALID,
    code: "INVALID_ID",
    field: "organization_id",
  });
  add("CreateVaultToken with a bad client id", {
    method: "CreateVaultToken",
    req: () => ({ ...ids(), client_id: "client-1" }),
    status: INVALID,
    code: "INVALID_ID",
    field: "client_id",
  });
  add("CreateVaultToken with an unknown role", {
    method: "CreateVaultToken",
    req: () => ({ ...ids(), requested_role: "owner" }),
    status: INVALID,
    code: "VALIDATION_FAILED",
    field: "requested_role",
  });
  add("CreateVaultToken with a huge role", {
    method: "CreateVaultToken",
    req: () => ({ ...ids(), requested_role: LONG }),
    status: INVALID,
    code: "VALIDATION_FAILED",
    field: "requested_role",
  });
  add("CreateVaultToken with a lone surrogate role", {
    method: "CreateVaultToken",
    req: () => ({ ...ids(), requested_role: "read\ud800" }),
    status: INVALID,
    code: "VALIDATION_FAILED",
    field: "requested_role",
  });
  add("CreateVaultToken with a TTL out of bounds", {
    method: "CreateVaultToken",
    req: () => ({ ...ids(), access_token_ttl: 5 }),
    status: INVALID,
    code: "TOKEN_TTL_INVALID",
    field: "access_token_ttl",
  });
  add("CreateVaultToken with a negative refresh TTL", {
    method: "CreateVaultToken",
    req: () => ({ ...ids(), refresh_token_ttl: -1 }),
    status: INVALID,
    code: "REFRESH_TTL_INVALID",
    field: "refresh_token_ttl",
  });
  add("CreateVaultToken for an unknown vault", {
    method: "CreateVaultToken",
    req: () => ({ ...ids(), vault_id: FIXED_ID }),
    status: status.NOT_FOUND,
    code: "VAULT_NOT_FOUND",
  });
  add("CreateVaultToken for an unknown organization", {
    method: "CreateVaultToken",
    req: () => ({ ...ids(), organization_id: FIXED_ID }),
    status: status.NOT_FOUND,
    code: "ORG_NOT_FOUND",
  });
  add("CreateVaultToken signed by an unknown client", {
    method: "CreateVaultToken",
    req: () => ({ ...ids(), client_id: FIXED_ID }),
    status: status.NOT_FOUND,
    code: "CLIENT_NOT_FOUND",
  });

  // ExchangeClientAssertion
  add("ExchangeClientAssertion without fields", {
    method: "ExchangeClientAssertion",
    req: () => ({}),
    md: none,
    status: INVALID,
    code: "UNSUPPORTED_GRANT_TYPE",
  });
  add("ExchangeClientAssertion with another grant type", {
    method: "ExchangeClientAssertion",
    req: () => ({ ...form(), grant_type: "password" }),
    md: none,
    status: INVALID,
    code: "UNSUPPORTED_GRANT_TYPE",
  });
  add("ExchangeClientAssertion with another assertion type", {
    method: "ExchangeClientAssertion",
    req: () => ({ ...form(), client_assertion_type: "urn:x" }),
    md: none,
    status: INVALID,
    code: "INVALID_TOKEN_REQUEST",
  });
  add("ExchangeClientAssertion without an assertion", {
    method: "ExchangeClientAssertion",
    req: () => ({ ...form(), client_assertion: "" }),
    md: none,
    status: INVALID,
    code: "INVALID_TOKEN_REQUEST",
  });
  add("ExchangeClientAssertion with a huge assertion", {
    method: "ExchangeClientAssertion",
    req: () => ({ ...form(), client_assertion: LONG }),
    md: none,
    status: INVALID,
    code: "VALIDATION_FAILED",
    field: "client_assertion",
  });
  add("ExchangeClientAssertion with a garbage assertion", {
    method: "ExchangeClientAssertion",
    req: form,
    md: none,
    status: status.UNAUTHENTICATED,
    code: "INVALID_CLIENT_ASSERTION",
  });
  add("ExchangeClientAssertion with a lone surrogate in the assertion", {
    method: "ExchangeClientAssertion",
    req: () => ({ ...form(), client_assertion: "\ud800.e30.e30" }),
    md: none,
    status: status.UNAUTHENTICATED,
    code: "INVALID_CLIENT_ASSERTION",
  });
  add("ExchangeClientAssertion with a bad vault id", {
    method: "ExchangeClientAssertion",
    req: () => ({ ...form(), vault_id: "-1" }),
    md: none,
    status: INVALID,
    code: "INVALID_TOKEN_REQUEST",
    field: "vault_id",
  });
  add("ExchangeClientAssertion with a huge vault id", {
    method: "ExchangeClientAssertion",
    req: () => ({ ...form(), vault_id: LONG }),
    md: none,
    status: INVALID,
    code: "VALIDATION_FAILED",
    field: "vault_id",
  });
  add("ExchangeClientAssertion with an unknown role", {
    method: "ExchangeClientAssertion",
    req: () => ({ ...form(), requested_role: "owner" }),
    md: none,
    status: INVALID,
    code: "INVALID_TOKEN_REQUEST",
    field: "requested_role",
  });
  add("ExchangeClientAssertion with a negative TTL", {
    method: "ExchangeClientAssertion",
    req: () => ({ ...form(), access_token_ttl: -5 }),
    md: none,
    status: INVALID,
    code: "INVALID_TOKEN_REQUEST",
    field: "access_token_ttl",
  });
  add("ExchangeClientAssertion with a refresh TTL out of bounds", {
    method: "ExchangeClientAssertion",
    req: () => ({ ...form(), refresh_token_ttl: 10 }),
    md: none,
    status: INVALID,
    code: "REFRESH_TTL_INVALID",
    field: "refresh_token_ttl",
  });

  // RefreshVaultToken
  add("RefreshVaultToken without a token", {
    method: "RefreshVaultToken",
    req: () => ({}),
    md: none,
    status: INVALID,
    code: "VALIDATION_FAILED",
    field: "refresh_token",
  });
  add("RefreshVaultToken with a huge token", {
    method: "RefreshVaultToken",
    req: () => ({ refresh_token: LONG }),
    md: none,
    status: INVALID,
    code: "VALIDATION_FAILED",
    field: "refresh_token",
  });
  add("RefreshVaultToken with a garbage token", {
    method: "RefreshVaultToken",
    req: () => ({ refresh_token: "garbage" }),
    md: none,
    status: status.PERMISSION_DENIED,
    code: "REFRESH_TOKEN_INVALID",
  });
  add("RefreshVaultToken with a forged token", {
    method: "RefreshVaultToken",
    req: () => ({ refresh_token: `${FIXED_ID}.${"A".repeat(43)}` }),
    md: none,
    status: status.PERMISSION_DENIED,
    code: "REFRESH_TOKEN_INVALID",
  });
  add("RefreshVaultToken with a lone surrogate", {
    method: "RefreshVaultToken",
    req: () => ({ refresh_token: `${FIXED_ID}.\udfff` }),
    md: none,
    status: status.PERMISSION_DENIED,
    code: "REFRESH_TOKEN_INVALID",
  });
  add("RefreshVaultToken with a TTL out of bounds", {
    method: "RefreshVaultToken",
    req: () => ({ refresh_token: `${FIXED_ID}.${"A".repeat(43)}`, access_token_ttl: 100_000 }),
    md: none,
    status: INVALID,
    code: "TOKEN_TTL_INVALID",
    field: "access_token_ttl",
  });

  // RevokeVaultTokens
  add("RevokeVaultTokens with a bad vault id", {
    method: "RevokeVaultTokens",
    req: () => ({ vault_id: "vault" }),
    status: INVALID,
    code: "INVALID_ID",
    field: "vault_id",
  });
  add("RevokeVaultTokens without a vault id", {
    method: "RevokeVaultTokens",
    req: () => ({}),
    status: INVALID,
    code: "INVALID_ID",
    field: "vault_id",
  });
  add("RevokeVaultTokens of an unknown vault", {
    method: "RevokeVaultTokens",
    req: () => ({ vault_id: FIXED_ID }),
    status: status.NOT_FOUND,
    code: "VAULT_NOT_FOUND",
  });
  add("RevokeVaultTokens with a forged session", {
    method: "RevokeVaultTokens",
    req: () => ({ vault_id: vaultId }),
    md: () => bearer(`${FIXED_ID}.${"A".repeat(43)}`),
    status: status.UNAUTHENTICATED,
    code: "INVALID_SESSION",
  });

  // GetJwks
  add("GetJwks with a bad organization id", {
    method: "GetJwks",
    req: () => ({ organization_id: "abc" }),
    md: none,
    status: INVALID,
    code: "INVALID_ID",
    field: "organization_id",
  });
  add("GetJwks with an empty organization id", {
    method: "GetJwks",
    req: () => ({ organization_id: "" }),
    md: none,
    status: INVALID,
    code: "INVALID_ID",
    field: "organization_id",
  });
  add("GetJwks with a huge organization id", {
    method: "GetJwks",
    req: () => ({ organization_id: LONG }),
    md: none,
    status: INVALID,
    code: "INVALID_ID",
    field: "organization_id",
  });
  add("GetJwks of an unknown organization", {
    method: "GetJwks",
    req: () => ({ organization_id: FIXED_ID }),
    md: none,
    status: status.NOT_FOUND,
    code: "ORG_NOT_FOUND",
  });
  return cases;
}

function rawCall(method: string, bytes: Buffer, md = new Metadata()) {
  const client = g.client("TokenService");
  return new Promise<ServiceError | null>((resolve) => {
    client.makeUnaryRequest(
      `/inferadb.management.v1.TokenService/${method}`,
      () => bytes,
      (b: Buffer) => b,
      {},
      md,
      (e) => resolve(e),
    );
  });
}

describe("TokenService bad input → typed statuses", () => {
  const cases = badCases();

  test("every method has a bad-input case", () => {
    const methods = new Set(cases.map(([, c]) => c.method));
    const service = g.client("TokenService") as unknown as {
      constructor: { service: Record<string, unknown> };
    };
    expect([...methods].sort()).toEqual(Object.keys(service.constructor.service).sort());
  });

  test.each(cases)("%s", async (_name, c) => {
    const r = await tok(c.method, c.req(), c.md ? c.md() : bearer(owner.token));
    expect(r.err?.code).not.toBe(status.INTERNAL);
    expect(r.err?.code).not.toBe(status.UNKNOWN);
    expectErr(r, c.status, c.code);
    if (c.field) {
      const details = JSON.parse(String(r.err?.metadata.get("x-error-details")[0])) as {
        field: string;
      }[];
      expect(details.map((d) => d.field)).toContain(c.field);
    }
  });

  test("undecodable messages and wrong wire types are INVALID_ARGUMENT, never INTERNAL", async () => {
    const methods = [
      "CreateVaultToken",
      "ExchangeClientAssertion",
      "RefreshVaultToken",
      "RevokeVaultTokens",
      "GetJwks",
    ];
    for (const method of methods) {
      const garbage = await rawCall(method, Buffer.from([0xff, 0xff, 0xff]), bearer(owner.token));
      expect(garbage?.code).toBe(INVALID);
      expect(garbage?.metadata.get("x-error-code")).toEqual(["INVALID_ARGUMENT"]);
      // Field 1 (a string in every request) sent as the varint 150.
      const wrong = await rawCall(method, Buffer.from([0x08, 0x96, 0x01]), bearer(owner.token));
      expect(wrong?.code).toBe(INVALID);
    }
    // A TTL (int32) sent as a string: the decoder refuses it or reads a bad TTL; typed either way.
    const ttlAsString = Buffer.concat([
      Buffer.from([0x0a, 5]),
      Buffer.from("abcde"),
      Buffer.from([0x12, 3]),
      Buffer.from("xyz"),
    ]);
    const r = await rawCall("RefreshVaultToken", ttlAsString);
    expect([INVALID, status.PERMISSION_DENIED]).toContain(r?.code as number);
    // Invalid UTF-8 in a refresh token: refused, typed.
    const bad = Buffer.from([0x0a, 4, 0x41, 0xff, 0xfe, 0x42]);
    const u = await rawCall("RefreshVaultToken", bad);
    expect([INVALID, status.PERMISSION_DENIED]).toContain(u?.code as number);
  });
});
