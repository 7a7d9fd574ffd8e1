/**
 * Helpers of the vault-token end-to-end tests (docs/tokens.md): service clients with a
 * certificate whose private key the test keeps (as a real client would), client grants, RFC 7523
 * assertions signed with jose, and the form-encoded `POST /v1/token`.
 */
import { expect } from "bun:test";
import { createPrivateKey, type KeyObject } from "node:crypto";
import { SignJWT } from "jose";
import { call, type OrgEnv, type Reply, type User } from "./org-harness.ts";

export const ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
export const ASSERTION_AUD = "https://api.inferadb.com/token";

export interface TestCert {
  id: string;
  kid: string;
  clientId: string;
  orgId: string;
  /** Standard base64 of the 32-byte seed, as `POST …/certificates` answered it once. */
  seed: string;
  /** Standard base64 of the raw public key. */
  publicKey: string;
  key: KeyObject;
}

/** An Ed25519 private key from a raw 32-byte seed (PKCS#8 DER of RFC 8410). */
export function keyFromSeed(seedB64: string): KeyObject {
  const prefix = Buffer.from("302e020100300506032b657004220420", "hex");
  return createPrivateKey({
    key: Buffer.concat([prefix, Buffer.from(seedB64, "base64")]),
    format: "der",
    type: "pkcs8",
  });
}

export async function newClient(env: OrgEnv, owner: User, orgId: string): Promise<string> {
  const c = await call(env, "POST", `/v1/organizations/${orgId}/clients`, {
    token: owner.token,
    body: { name: `svc-${crypto.randomUUID().slice(0, 8)}` },
  });
  expect(c.status).toBe(201);
  return (c.body.client as { id: string }).id;
}

export async function newCertificate(
  env: OrgEnv,
  owner: User,
  orgId: string,
  clientId?: string,
): Promise<TestCert> {
  const cid = clientId ?? (await newClient(env, owner, orgId));
  const r = await call(env, "POST", `/v1/organizations/${orgId}/clients/${cid}/certificates`, {
    token: owner.token,
    body: { name: "key" },
  });
  expect(r.status).toBe(201);
  const cert = r.body.certificate as { id: string; kid: string; public_key: string };
  const seed = r.body.private_key as string;
  return {
    id: cert.id,
    kid: cert.kid,
    clientId: cid,
    orgId,
    seed,
    publicKey: cert.public_key,
    key: keyFromSeed(seed),
  };
}

export async function newVault(env: OrgEnv, owner: User, orgId: string): Promise<string> {
  const v = await call(env, "POST", `/v1/organizations/${orgId}/vaults`, {
    token: owner.token,
    body: { name: `v-${crypto.randomUUID().slice(0, 8)}` },
  });
  expect(v.status).toBe(201);
  return (v.body.vault as { id: string }).id;
}

export async function grantClient(
  env: OrgEnv,
  owner: User,
  orgId: string,
  vaultId: string,
  clientId: string,
  role: string,
): Promise<string> {
  const g = await call(env, "POST", `/v1/organizations/${orgId}/vaults/${vaultId}/client-grants`, {
    token: owner.token,
    body: { client_id: clientId, role },
  });
  expect(g.status).toBe(201);
  return (g.body.grant as { id: string }).id;
}

export interface AssertionOptions {
  iss?: string;
  sub?: string;
  aud?: string | string[];
  iat?: number;
  exp?: number;
  jti?: string | null;
  kid?: string;
  key?: KeyObject;
}

/** An RFC 7523 client assertion for `cert` (valid unless overridden). */
export function assertion(cert: TestCert, o: AssertionOptions = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const iat = o.iat ?? now;
  const jwt = new SignJWT({})
    .setProtectedHeader({ alg: "EdDSA", typ: "JWT", kid: o.kid ?? cert.kid })
    .setIssuer(o.iss ?? cert.clientId)
    .setSubject(o.sub ?? cert.clientId)
    .setAudience(o.aud ?? ASSERTION_AUD)
    .setIssuedAt(iat)
    .setExpirationTime(o.exp ?? iat + 30);
  if (o.jti !== null) jwt.setJti(o.jti ?? crypto.randomUUID());
  return jwt.sign(o.key ?? cert.key);
}

/** `POST /v1/token` with a form body (`fields` encoded as given). */
export async function exchange(
  env: OrgEnv,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<Reply> {
  return call(env, "POST", "/v1/token", {
    body: new URLSearchParams(fields).toString(),
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
  });
}

/** The usual form of an assertion exchange for `vaultId`. */
export function tokenForm(
  clientAssertion: string,
  vaultId: string,
  extra: Record<string, string> = {},
) {
  return {
    grant_type: "client_credentials",
    client_assertion_type: ASSERTION_TYPE,
    client_assertion: clientAssertion,
    vault_id: vaultId,
    ...extra,
  };
}

/** Asserts an OAuth error answer of `POST /v1/token` (RFC 6749 §5.2 plus the A3 fields). */
export function expectOAuth(r: Reply, status: number, error: string, code?: string) {
  expect({ status: r.status, error: r.body.error, code: r.body.code }).toMatchObject(
    code ? { status, error, code } : { status, error },
  );
  expect(typeof r.body.error_description).toBe("string");
  expect(typeof r.body.request_id).toBe("string");
  expect(r.headers.get("x-request-id")).toBe(r.body.request_id as string);
}
