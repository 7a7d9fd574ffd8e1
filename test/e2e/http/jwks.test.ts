/**
 * JWKS over HTTP (docs/clients.md#jwks, issue 11 item 3): a certificate's key is published in the
 * organization's sets and the global set and verifies a JWT signed with the certificate's private
 * key (jose); revoke, certificate delete, client deactivate / delete and organization delete take
 * it out at once (activate brings unrevoked keys back); ETag / If-None-Match 304, a new ETag after a
 * change; unknown organization 404; another organization's keys never in this one's set.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { importJWK, type JWK, jwtVerify, SignJWT } from "jose";
import {
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
let orgId: string;
let otherOrg: string;

interface Jwk {
  kty: string;
  crv: string;
  kid: string;
  x: string;
  use: string;
  alg: string;
}
interface Cert {
  id: string;
  kid: string;
  private_key: string;
  public_key: string;
}

const C = (org = orgId) => `/v1/organizations/${org}/clients`;
const ORG_PATHS = (org = orgId) => [
  `/v1/organizations/${org}/jwks.json`,
  `/v1/organizations/${org}/.well-known/jwks.json`,
];
const GLOBAL = "/.well-known/jwks.json";

async function newClient(org = orgId): Promise<string> {
  const r = await call(env, "POST", C(org), {
    token: owner.token,
    body: { name: `c-${crypto.randomUUID().slice(0, 8)}` },
  });
  expect(r.status).toBe(201);
  return (r.body.client as { id: string }).id;
}

async function newCert(clientId: string, org = orgId): Promise<Cert> {
  const r = await call(env, "POST", `${C(org)}/${clientId}/certificates`, {
    token: owner.token,
    body: { name: "key" },
  });
  expect(r.status).toBe(201);
  const c = r.body.certificate as Cert;
  return { ...c, private_key: r.body.private_key as string };
}

async function keysAt(path: string): Promise<Jwk[]> {
  const r = await call(env, "GET", path);
  expect(r.status).toBe(200);
  return r.body.keys as Jwk[];
}

const kidsAt = async (path: string) => (await keysAt(path)).map((k) => k.kid);

/** The kid is in (or absent from) both organization paths and the global set. */
async function expectPublished(kid: string, published: boolean, org = orgId) {
  for (const path of [...ORG_PATHS(org), GLOBAL]) {
    const kids = await kidsAt(path);
    expect({ path, has: kids.includes(kid) }).toEqual({ path, has: published });
  }
}

beforeAll(async () => {
  env = await startOrgEnv();
  owner = await signUp(env, "Owner");
  orgId = await createOrg(env, owner, "Jwks org");
  otherOrg = await createOrg(env, owner, "Other jwks org");
});

afterAll(async () => {
  await env.close();
});

describe("published keys", () => {
  test("a certificate's key is in the org and global sets and verifies its JWT (jose)", async () => {
    const cert = await newCert(await newClient());
    const seed = Buffer.from(cert.private_key, "base64");
    const x = Buffer.from(cert.public_key, "base64").toString("base64url");
    const priv = await importJWK(
      { kty: "OKP", crv: "Ed25519", x, d: seed.toString("base64url") },
      "EdDSA",
    );
    const jwt = await new SignJWT({ scope: "inferadb.check" })
      .setProtectedHeader({ alg: "EdDSA", kid: cert.kid })
      .setIssuedAt()
      .setExpirationTime("1m")
      .sign(priv);
    for (const path of [...ORG_PATHS(), GLOBAL]) {
      const key = (await keysAt(path)).find((k) => k.kid === cert.kid);
      expect(key).toEqual({
        kty: "OKP",
        crv: "Ed25519",
        kid: cert.kid,
        x,
        use: "sig",
        alg: "EdDSA",
      });
      const { payload, protectedHeader } = await jwtVerify(
        jwt,
        await importJWK(key as JWK, "EdDSA"),
      );
      expect(protectedHeader.kid).toBe(cert.kid);
      expect(payload.scope).toBe("inferadb.check");
    }
    // A JWT signed by another certificate's key does not verify against this key.
    const other = await newCert(await newClient());
    const otherPriv = await importJWK(
      {
        kty: "OKP",
        crv: "Ed25519",
        x: Buffer.from(other.public_key, "base64").toString("base64url"),
        d: Buffer.from(other.private_key, "base64").toString("base64url"),
      },
      "EdDSA",
    );
    const forged = await new SignJWT({})
      .setProtectedHeader({ alg: "EdDSA", kid: cert.kid })
      .sign(otherPriv);
    const key = (await keysAt(ORG_PATHS()[0]!)).find((k) => k.kid === cert.kid);
    await expect(jwtVerify(forged, await importJWK(key as JWK, "EdDSA"))).rejects.toThrow();
  });

  test("another organization's keys are never in this organization's set", async () => {
    const mine = await newCert(await newClient());
    const theirs = await newCert(await newClient(otherOrg), otherOrg);
    for (const path of ORG_PATHS()) {
      const kids = await kidsAt(path);
      expect(kids).toContain(mine.kid);
      expect(kids).not.toContain(theirs.kid);
      expect(kids.every((k) => k.startsWith(`org-${orgId}-`))).toBe(true);
    }
    for (const path of ORG_PATHS(otherOrg)) {
      const kids = await kidsAt(path);
      expect(kids).toContain(theirs.kid);
      expect(kids).not.toContain(mine.kid);
    }
    const global = await kidsAt(GLOBAL);
    expect(global).toContain(mine.kid);
    expect(global).toContain(theirs.kid);
  });

  test("public: no session needed, Cache-Control short, ETag strong", async () => {
    for (const path of [...ORG_PATHS(), GLOBAL]) {
      const r = await call(env, "GET", path);
      expect(r.status).toBe(200);
      expect(r.headers.get("cache-control")).toMatch(/max-age=([1-9]|[1-5][0-9]|60)(,|$)/);
      expect(r.headers.get("etag")).toMatch(/^"[^"]+"$/);
    }
  });
});

describe("keys leave at once", () => {
  test("revoked certificate", async () => {
    const client = await newClient();
    const cert = await newCert(client);
    await expectPublished(cert.kid, true);
    const r = await call(env, "POST", `${C()}/${client}/certificates/${cert.id}/revoke`, {
      token: owner.token,
    });
    expect(r.status).toBe(200);
    await expectPublished(cert.kid, false);
  });

  test("deleted certificate, sibling stays", async () => {
    const client = await newClient();
    const a = await newCert(client);
    const b = await newCert(client);
    const r = await call(env, "DELETE", `${C()}/${client}/certificates/${a.id}`, {
      token: owner.token,
    });
    expect(r.status).toBe(204);
    await expectPublished(a.kid, false);
    await expectPublished(b.kid, true);
  });

  test("deactivated client: keys leave; activated again: unrevoked keys return", async () => {
    const client = await newClient();
    const live = await newCert(client);
    const revoked = await newCert(client);
    await call(env, "POST", `${C()}/${client}/certificates/${revoked.id}/revoke`, {
      token: owner.token,
    });
    expect(
      (await call(env, "POST", `${C()}/${client}/deactivate`, { token: owner.token })).status,
    ).toBe(200);
    await expectPublished(live.kid, false);
    await expectPublished(revoked.kid, false);
    expect(
      (await call(env, "POST", `${C()}/${client}/activate`, { token: owner.token })).status,
    ).toBe(200);
    await expectPublished(live.kid, true);
    await expectPublished(revoked.kid, false);
  });

  test("deleted client", async () => {
    const client = await newClient();
    const a = await newCert(client);
    const b = await newCert(client);
    expect((await call(env, "DELETE", `${C()}/${client}`, { token: owner.token })).status).toBe(
      204,
    );
    await expectPublished(a.kid, false);
    await expectPublished(b.kid, false);
  });

  test("deleted organization: 404 on its paths, its keys gone from the global set", async () => {
    const doomed = await createOrg(env, owner, "Doomed jwks org");
    const cert = await newCert(await newClient(doomed), doomed);
    await expectPublished(cert.kid, true, doomed);
    const r = await call(env, "DELETE", `/v1/organizations/${doomed}`, { token: owner.token });
    expect(r.status).toBe(204);
    expect(await kidsAt(GLOBAL)).not.toContain(cert.kid);
    for (const path of ORG_PATHS(doomed)) {
      expectA3(await call(env, "GET", path), 404, "ORG_NOT_FOUND");
    }
  });
});

describe("revalidation", () => {
  test("304 on a matching If-None-Match; the ETag changes after a revoke", async () => {
    const client = await newClient();
    const cert = await newCert(client);
    const before = new Map<string, string>();
    for (const path of [...ORG_PATHS(), GLOBAL]) {
      const r = await call(env, "GET", path);
      const etag = r.headers.get("etag")!;
      before.set(path, etag);
      const again = await env.server.fetch(path, { headers: { "if-none-match": etag } });
      expect(again.status).toBe(304);
      expect(await again.text()).toBe("");
      expect(again.headers.get("etag")).toBe(etag);
      expect(again.headers.get("cache-control")).toContain("max-age=");
      const weak = await env.server.fetch(path, { headers: { "if-none-match": `"x", W/${etag}` } });
      expect(weak.status).toBe(304);
      await weak.text();
      const stale = await env.server.fetch(path, { headers: { "if-none-match": '"nope"' } });
      expect(stale.status).toBe(200);
      await stale.text();
    }
    await call(env, "POST", `${C()}/${client}/certificates/${cert.id}/revoke`, {
      token: owner.token,
    });
    for (const path of [...ORG_PATHS(), GLOBAL]) {
      const old = before.get(path)!;
      const r = await env.server.fetch(path, { headers: { "if-none-match": old } });
      expect(r.status).toBe(200);
      const etag = r.headers.get("etag");
      expect(etag).not.toBe(old);
      const body = (await r.json()) as { keys: Jwk[] };
      expect(body.keys.map((k) => k.kid)).not.toContain(cert.kid);
    }
  });

  test("another organization's change leaves this organization's ETag alone", async () => {
    const r1 = await call(env, "GET", ORG_PATHS()[0]!);
    await newCert(await newClient(otherOrg), otherOrg);
    const r2 = await call(env, "GET", ORG_PATHS()[0]!);
    expect(r2.headers.get("etag")).toBe(r1.headers.get("etag"));
  });
});

describe("bad input", () => {
  test("unknown organization 404 with the error body; bad id 400", async () => {
    for (const path of ORG_PATHS("123456789012345")) {
      expectA3(await call(env, "GET", path), 404, "ORG_NOT_FOUND");
    }
    for (const path of ORG_PATHS("abc")) {
      expectA3(await call(env, "GET", path), 400, "INVALID_ID");
    }
  });
});
