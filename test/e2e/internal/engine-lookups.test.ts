/**
 * The engine-facing lookups on the internal listener (docs/vaults.md#engine-facing-lookups):
 * `GET /internal/organizations/{org}` and `GET /internal/vaults/{vault}` with a Bearer JWT of the
 * engine, verified against a JWKS served by this test (Ed25519, jose). Valid tokens get exact JSON
 * integer ids (checked on the raw body text); missing, expired, forged, wrong-audience,
 * wrong-issuer and subject-less tokens get 401; the routes do not exist on the public port; a
 * deleted vault is 404; without `engine_jwks_url` the routes answer 503.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";
import { FORWARD_PATH } from "../../../src/runtime/internal-endpoint.ts";
import { createTestServer, type TestServer } from "../../support/server.ts";
import { GrpcClients, type GrpcUser, http, signUpGrpc } from "../grpc/grpc-harness.ts";

const ISSUER = "inferadb-engine";
const AUDIENCE = "inferadb-management";
const KID = "engine-key-1";

type Key = Awaited<ReturnType<typeof generateKeyPair>>["privateKey"];
let engineKey: Key;
let otherKey: Key;
let jwks: ReturnType<typeof Bun.serve>;
let jwksFetches = 0;
let server: TestServer;
let g: GrpcClients;
let owner: GrpcUser;
let internalUrl: string;
let orgId: string;
let vaultId: string;

async function token(
  opts: { key?: Key; aud?: string; iss?: string; sub?: string | null; exp?: number } = {},
) {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({})
    .setProtectedHeader({ alg: "EdDSA", kid: KID })
    .setIssuer(opts.iss ?? ISSUER)
    .setAudience(opts.aud ?? AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(opts.exp ?? now + 60);
  if (opts.sub !== null) jwt.setSubject(opts.sub ?? "engine-node-1");
  return jwt.sign(opts.key ?? engineKey);
}

async function lookup(path: string, auth?: string, base = internalUrl) {
  const headers: Record<string, string> = {};
  if (auth !== undefined) headers.authorization = auth;
  const res = await fetch(`${base}${path}`, { headers });
  return { status: res.status, text: await res.text() };
}

beforeAll(async () => {
  const pair = await generateKeyPair("EdDSA", { crv: "Ed25519" });
  engineKey = pair.privateKey;
  otherKey = (await generateKeyPair("EdDSA", { crv: "Ed25519" })).privateKey;
  const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: KID, alg: "EdDSA", use: "sig" };
  jwks = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch() {
      jwksFetches++;
      return Response.json({ keys: [jwk] });
    },
  });
  server = await createTestServer({
    smtp: true,
    config: {
      server_api: { engine_jwks_url: `http://127.0.0.1:${jwks.port}/engine/jwks.json` },
    },
  });
  internalUrl = `http://${server.node.cluster.self().address}`;
  g = new GrpcClients(server.grpcAddress);
  owner = await signUpGrpc(g, server, "Engine Lookups");
  const org = await http(server, "POST", "/v1/organizations", owner.token, { name: "Engine Org" });
  orgId = (org.body.organization as { id: string }).id;
  const v = await http(server, "POST", `/v1/organizations/${orgId}/vaults`, owner.token, {
    name: "Policies",
  });
  vaultId = (v.body.vault as { id: string }).id;
});
afterAll(async () => {
  g?.close();
  await server?.close();
  await jwks?.stop(true);
});

describe("valid engine token", () => {
  test("organization: 200 with an exact integer id", async () => {
    const r = await lookup(`/internal/organizations/${orgId}`, `Bearer ${await token()}`);
    expect(r.status).toBe(200);
    expect(r.text).toBe(`{"id":${orgId},"name":"Engine Org","status":"active"}`);
    // Above 2^53: a JS number would have rounded it.
    expect(BigInt(orgId) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
  });

  test("vault: 200 with exact integer id and organization_id, the rest as HTTP", async () => {
    const r = await lookup(`/internal/vaults/${vaultId}`, `Bearer ${await token()}`);
    expect(r.status).toBe(200);
    expect(r.text).toStartWith(`{"id":${vaultId},"name":"Policies","organization_id":${orgId},`);
    expect(r.text).not.toContain(`"${vaultId}"`);
    expect(r.text).not.toContain(`"${orgId}"`);
    const viaHttp = await http(
      server,
      "GET",
      `/v1/organizations/${orgId}/vaults/${vaultId}`,
      owner.token,
    );
    const v = viaHttp.body.vault as Record<string, unknown>;
    const body = JSON.parse(r.text) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual([
      "id",
      "name",
      "organization_id",
      "sync_status",
      "sync_error",
      "created_at",
      "updated_at",
      "deleted_at",
    ]);
    for (const k of ["name", "sync_status", "sync_error", "created_at", "updated_at", "deleted_at"])
      expect(body[k]).toEqual(v[k]);
  });

  test("the JWKS is cached: many lookups, one fetch", async () => {
    for (let i = 0; i < 5; i++) {
      expect((await lookup(`/internal/vaults/${vaultId}`, `Bearer ${await token()}`)).status).toBe(
        200,
      );
    }
    expect(jwksFetches).toBe(1);
  });

  test("unknown ids are 404, malformed ids 400", async () => {
    const t = `Bearer ${await token()}`;
    expect((await lookup("/internal/organizations/1234567890123456789", t)).status).toBe(404);
    expect((await lookup("/internal/vaults/1234567890123456789", t)).status).toBe(404);
    expect((await lookup("/internal/vaults/abc", t)).status).toBe(400);
    expect((await lookup("/internal/organizations/99999999999999999999", t)).status).toBe(400);
    expect((await lookup(`/internal/vaults/${vaultId}/extra`, t)).status).toBe(404);
  });
});

describe("refused tokens → 401", () => {
  const cases: [string, () => Promise<string | undefined>][] = [
    ["no Authorization header", async () => undefined],
    ["another scheme", async () => `Basic ${btoa("engine:secret")}`],
    ["a Bearer that is not a JWT", async () => "Bearer not-a-jwt"],
    [
      "an expired token",
      async () => `Bearer ${await token({ exp: Math.floor(Date.now() / 1000) - 120 })}`,
    ],
    [
      "a token signed by another key (forged, same kid)",
      async () => `Bearer ${await token({ key: otherKey })}`,
    ],
    ["a wrong audience", async () => `Bearer ${await token({ aud: "https://api.inferadb.com" })}`],
    ["a wrong issuer", async () => `Bearer ${await token({ iss: "someone-else" })}`],
    ["no subject", async () => `Bearer ${await token({ sub: null })}`],
    [
      "an unsigned (alg none) token",
      async () => {
        const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
        const now = Math.floor(Date.now() / 1000);
        return `Bearer ${enc({ alg: "none", kid: KID })}.${enc({ iss: ISSUER, aud: AUDIENCE, sub: "x", exp: now + 60 })}.`;
      },
    ],
  ];
  test.each(cases)("%s", async (_name, auth) => {
    const a = await auth();
    for (const path of [`/internal/organizations/${orgId}`, `/internal/vaults/${vaultId}`]) {
      const r = await lookup(path, a);
      expect(r.status).toBe(401);
      expect(JSON.parse(r.text).code).toBe("UNAUTHENTICATED");
      expect(r.text).not.toContain("Engine Org");
    }
  });
});

describe("where the routes live", () => {
  test("not on the public port (404), even with a valid token", async () => {
    const t = `Bearer ${await token()}`;
    for (const path of [`/internal/organizations/${orgId}`, `/internal/vaults/${vaultId}`]) {
      const r = await lookup(path, t, server.url);
      expect(r.status).toBe(404);
      expect(r.text).not.toContain("Engine Org");
    }
  });

  test("forwarding keeps its HMAC check: an engine token does not open it", async () => {
    const res = await fetch(`${internalUrl}${FORWARD_PATH}`, {
      method: "POST",
      headers: { authorization: `Bearer ${await token()}`, "content-type": "application/json" },
      body: "{}",
    });
    expect(res.status).toBe(401);
  });

  test("only GET", async () => {
    const res = await fetch(`${internalUrl}/internal/vaults/${vaultId}`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${await token()}` },
    });
    expect(res.status).toBe(405);
  });
});

describe("lifecycle", () => {
  test("a suspended organization says so; a deleted vault is 404; a deleted org says deleted", async () => {
    const t = async () => `Bearer ${await token()}`;
    const s = await http(server, "POST", `/v1/organizations/${orgId}/suspend`, owner.token);
    expect(s.status).toBe(200);
    expect((await lookup(`/internal/organizations/${orgId}`, await t())).text).toContain(
      `"status":"suspended"`,
    );
    await http(server, "POST", `/v1/organizations/${orgId}/resume`, owner.token);

    const other = await http(server, "POST", `/v1/organizations/${orgId}/vaults`, owner.token, {
      name: "Short lived",
    });
    const otherId = (other.body.vault as { id: string }).id;
    expect((await lookup(`/internal/vaults/${otherId}`, await t())).status).toBe(200);
    const d = await http(
      server,
      "DELETE",
      `/v1/organizations/${orgId}/vaults/${otherId}`,
      owner.token,
    );
    expect(d.status).toBe(204);
    const gone = await lookup(`/internal/vaults/${otherId}`, await t());
    expect(gone.status).toBe(404);
    expect(JSON.parse(gone.text).code).toBe("VAULT_NOT_FOUND");

    const del = await http(server, "DELETE", `/v1/organizations/${orgId}`, owner.token);
    expect(del.status).toBe(204);
    expect((await lookup(`/internal/organizations/${orgId}`, await t())).text).toBe(
      `{"id":${orgId},"name":"Engine Org","status":"deleted"}`,
    );
    // The organization's vaults are gone for the engine at once.
    expect((await lookup(`/internal/vaults/${vaultId}`, await t())).status).toBe(404);
  });
});

describe("without engine_jwks_url", () => {
  test("the lookups answer 503 ENGINE_AUTH_NOT_CONFIGURED", async () => {
    const bare = await createTestServer();
    try {
      const base = `http://${bare.node.cluster.self().address}`;
      const r = await lookup(
        "/internal/organizations/1234567890123456789",
        `Bearer ${await token()}`,
        base,
      );
      expect(r.status).toBe(503);
      expect(JSON.parse(r.text).code).toBe("ENGINE_AUTH_NOT_CONFIGURED");
    } finally {
      await bare.close();
    }
  });
});
