/**
 * Engine cache invalidations end to end (docs/engine-invalidation.md; ../shared/spec/engine.md
 * "What this service may push to the engine"): a real node with two engine endpoints configured,
 * each a real HTTP server (Bun.serve) standing in for the engine's invalidation routes. A stand-in
 * accepts a push only when its Bearer JWT verifies against this service's
 * `GET /internal/management-jwks.json` on the internal listener (jose remote JWKS), and records
 * the path. Certificate revoke reaches both within 1 s of the answer; client deactivate / delete,
 * certificate delete, vault update / delete, organization suspend / resume / delete each push
 * their path to both; a stand-in answering 503 and one whose port is closed get the push once they
 * are back (retried with backoff).
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import {
  call,
  createOrg,
  type OrgEnv,
  signUp,
  startOrgEnv,
  type User,
} from "../http/org-harness.ts";

interface StandIn {
  /** Paths of verified pushes, in arrival order, with their arrival time (performance.now()). */
  pushes: { path: string; at: number; kid: string }[];
  /** Requests refused (bad JWT) or answered while "down" (503). */
  refused: number;
  answered503: number;
  mode: "up" | "503";
  port: number;
  stop(): void;
  start(): void;
}

let env: OrgEnv;
let owner: User;
let internalUrl: string;
let a: StandIn;
let b: StandIn;

function standIn(verify: (jwt: string) => Promise<string>, port = 0): StandIn {
  let server: ReturnType<typeof Bun.serve> | undefined;
  const s: StandIn = {
    pushes: [],
    refused: 0,
    answered503: 0,
    mode: "up",
    port,
    stop() {
      server?.stop(true);
      server = undefined;
    },
    start() {
      server = Bun.serve({
        hostname: "127.0.0.1",
        port: s.port,
        async fetch(req) {
          const path = new URL(req.url).pathname;
          if (req.method !== "POST" || !path.startsWith("/internal/cache/invalidate/")) {
            return new Response(null, { status: 404 });
          }
          if (s.mode === "503") {
            s.answered503++;
            return new Response(null, { status: 503 });
          }
          const m = /^Bearer (.+)$/.exec(req.headers.get("authorization") ?? "");
          try {
            const kid = await verify(m?.[1] ?? "");
            s.pushes.push({ path, at: performance.now(), kid });
            return new Response(null, { status: 204 });
          } catch {
            s.refused++;
            return new Response(null, { status: 401 });
          }
        },
      });
      s.port = server.port ?? s.port;
    },
  };
  s.start();
  return s;
}

async function waitFor<T>(what: string, probe: () => T | undefined, ms = 5000): Promise<T> {
  const end = performance.now() + ms;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await Bun.sleep(5);
  }
}

const count = (s: StandIn, path: string) => s.pushes.filter((p) => p.path === path).length;

/**
 * Waits until both stand-ins have seen `path` `times` times; returns the later arrival. Within 1 s
 * by default: the leader job sweeps only every 1.5 s here, so that is the kick after commit.
 */
async function bothGot(path: string, times = 1, ms = 1000): Promise<number> {
  await waitFor(
    `${path} ×${times} at both endpoints`,
    () => (count(a, path) >= times && count(b, path) >= times ? true : undefined),
    ms,
  );
  const at = (s: StandIn) => s.pushes.filter((p) => p.path === path)[times - 1]!.at;
  return Math.max(at(a), at(b));
}

let jwks: ReturnType<typeof createRemoteJWKSet>;
let issuer: string;

beforeAll(async () => {
  const verify = async (jwt: string) => {
    await jwtVerify(jwt, jwks, {
      algorithms: ["EdDSA"],
      issuer,
      audience: "inferadb-engine",
      requiredClaims: ["exp", "iat", "sub"],
    });
    return String(decodeProtectedHeader(jwt).kid);
  };
  a = standIn(verify);
  b = standIn(verify);
  env = await startOrgEnv({
    config: {
      server_api: {
        engine_http_endpoints: [`http://127.0.0.1:${a.port}`, `http://127.0.0.1:${b.port}/`],
        invalidation_base_delay_ms: 100,
        invalidation_max_delay_ms: 300,
        invalidation_sweep_interval_ms: 1500,
        invalidation_request_timeout_ms: 1000,
      },
    },
  });
  issuer = env.server.config.auth.jwt_issuer;
  internalUrl = `http://${env.server.node.cluster.self().address}`;
  jwks = createRemoteJWKSet(new URL(`${internalUrl}/internal/management-jwks.json`));
  owner = await signUp(env, "Invalidation Owner");
}, 30_000);

afterAll(async () => {
  await env?.close();
  a?.stop();
  b?.stop();
});

async function newClientWithCerts(orgId: string, n: number) {
  const c = await call(env, "POST", `/v1/organizations/${orgId}/clients`, {
    token: owner.token,
    body: { name: `client-${Math.random().toString(36).slice(2, 8)}` },
  });
  expect(c.status).toBe(201);
  const clientId = (c.body.client as { id: string }).id;
  const certs: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = await call(
      env,
      "POST",
      `/v1/organizations/${orgId}/clients/${clientId}/certificates`,
      {
        token: owner.token,
        body: { name: `cert-${i}` },
      },
    );
    expect(r.status).toBe(201);
    certs.push((r.body.certificate as { id: string }).id);
  }
  return { clientId, certs };
}

const certPath = (org: string, client: string, cert: string) =>
  `/internal/cache/invalidate/certificate/${org}/${client}/${cert}`;

test("the JWKS lists this node's key; the engine verifies the push JWT with it", async () => {
  const res = await fetch(`${internalUrl}/internal/management-jwks.json`);
  expect(res.status).toBe(200);
  const body = (await res.json()) as {
    keys: { kid: string; kty: string; crv: string; d?: string }[];
  };
  expect(body.keys.length).toBe(1);
  expect(body.keys[0]).toMatchObject({ kty: "OKP", crv: "Ed25519" });
  expect(body.keys[0]?.d).toBeUndefined();
  // No key file: an ephemeral key with a kid of its own.
  expect(body.keys[0]?.kid).toMatch(/^inferadb-management-[0-9a-f]{12}$/);
  // Not on the public listener.
  expect((await env.server.fetch("/internal/management-jwks.json")).status).toBe(404);
});

test("certificate revoke reaches both engines within 1 s", async () => {
  const orgId = await createOrg(env, owner, "Revoke Org");
  const { clientId, certs } = await newClientWithCerts(orgId, 1);
  const cert = certs[0]!;
  const r = await call(
    env,
    "POST",
    `/v1/organizations/${orgId}/clients/${clientId}/certificates/${cert}/revoke`,
    { token: owner.token },
  );
  expect(r.status).toBe(200);
  const answered = performance.now();
  const arrived = await bothGot(certPath(orgId, clientId, cert), 1, 1000);
  expect(arrived - answered).toBeLessThan(1000);
  const jwksBody = (await (await fetch(`${internalUrl}/internal/management-jwks.json`)).json()) as {
    keys: { kid: string }[];
  };
  expect(a.pushes.at(-1)?.kid).toBe(jwksBody.keys[0]!.kid);
  expect(a.refused + b.refused).toBe(0);
  // Creating the certificate pushed nothing for it.
  expect(count(a, certPath(orgId, clientId, cert))).toBe(1);
});

test("client deactivate and delete push one invalidation per published certificate", async () => {
  const orgId = await createOrg(env, owner, "Client Org");
  const one = await newClientWithCerts(orgId, 2);
  const base = `/v1/organizations/${orgId}/clients/${one.clientId}`;
  // One certificate revoked first: deactivation pushes only the other (the revoked one was pushed then).
  expect(
    (await call(env, "POST", `${base}/certificates/${one.certs[0]}/revoke`, { token: owner.token }))
      .status,
  ).toBe(200);
  await bothGot(certPath(orgId, one.clientId, one.certs[0]!));
  expect((await call(env, "POST", `${base}/deactivate`, { token: owner.token })).status).toBe(200);
  await bothGot(certPath(orgId, one.clientId, one.certs[1]!));
  expect(count(a, certPath(orgId, one.clientId, one.certs[0]!))).toBe(1);

  const two = await newClientWithCerts(orgId, 2);
  const del = await call(env, "DELETE", `/v1/organizations/${orgId}/clients/${two.clientId}`, {
    token: owner.token,
  });
  expect(del.status).toBe(204);
  for (const c of two.certs) await bothGot(certPath(orgId, two.clientId, c));
});

test("certificate delete, vault update and delete push their paths", async () => {
  const orgId = await createOrg(env, owner, "Vault Org");
  const { clientId, certs } = await newClientWithCerts(orgId, 1);
  const d = await call(
    env,
    "DELETE",
    `/v1/organizations/${orgId}/clients/${clientId}/certificates/${certs[0]}`,
    { token: owner.token },
  );
  expect(d.status).toBe(204);
  await bothGot(certPath(orgId, clientId, certs[0]!));

  const v = await call(env, "POST", `/v1/organizations/${orgId}/vaults`, {
    token: owner.token,
    body: { name: "policies" },
  });
  expect(v.status).toBe(201);
  const vaultId = (v.body.vault as { id: string }).id;
  const vaultPath = `/internal/cache/invalidate/vault/${vaultId}`;
  expect(count(a, vaultPath)).toBe(0);
  const u = await call(env, "PATCH", `/v1/organizations/${orgId}/vaults/${vaultId}`, {
    token: owner.token,
    body: { description: "changed" },
  });
  expect(u.status).toBe(200);
  await bothGot(vaultPath, 1);
  const del = await call(env, "DELETE", `/v1/organizations/${orgId}/vaults/${vaultId}`, {
    token: owner.token,
  });
  expect(del.status).toBe(204);
  await bothGot(vaultPath, 2);
});

test("organization suspend, resume and delete push the organization (and its vaults on delete)", async () => {
  const orgId = await createOrg(env, owner, "Lifecycle Org");
  const v = await call(env, "POST", `/v1/organizations/${orgId}/vaults`, {
    token: owner.token,
    body: { name: "doomed" },
  });
  expect(v.status).toBe(201);
  const vaultId = (v.body.vault as { id: string }).id;
  const orgPath = `/internal/cache/invalidate/organization/${orgId}`;
  expect(
    (await call(env, "POST", `/v1/organizations/${orgId}/suspend`, { token: owner.token })).status,
  ).toBe(200);
  await bothGot(orgPath, 1);
  expect(
    (await call(env, "POST", `/v1/organizations/${orgId}/resume`, { token: owner.token })).status,
  ).toBe(200);
  await bothGot(orgPath, 2);
  expect(
    (await call(env, "DELETE", `/v1/organizations/${orgId}`, { token: owner.token })).status,
  ).toBe(204);
  await bothGot(orgPath, 3);
  // The vault cascade tombstones its vaults: each one is pushed too.
  await bothGot(`/internal/cache/invalidate/vault/${vaultId}`, 1);
});

test("an engine answering 503 and one with its port closed get the push once back", async () => {
  const orgId = await createOrg(env, owner, "Outage Org");
  const { clientId, certs } = await newClientWithCerts(orgId, 1);
  const path = certPath(orgId, clientId, certs[0]!);
  a.mode = "503";
  b.stop();
  const r = await call(
    env,
    "POST",
    `/v1/organizations/${orgId}/clients/${clientId}/certificates/${certs[0]}/revoke`,
    { token: owner.token },
  );
  expect(r.status).toBe(200);
  // Retried while down (the first attempt plus backoff retries).
  await waitFor("retries against the 503 engine", () => (a.answered503 >= 2 ? true : undefined));
  expect(count(a, path) + count(b, path)).toBe(0);
  const pending = await env.server.node.invalidations.delivery.pending();
  expect(pending).toBeGreaterThanOrEqual(1);
  a.mode = "up";
  b.start();
  await bothGot(path, 1, 5000);
  const metrics = await (await env.server.fetch("/metrics")).text();
  expect(metrics).toContain('engine_invalidation_failures_total{reason="http_5xx"');
  expect(metrics).toContain('engine_invalidation_failures_total{reason="network"');
  expect(metrics).toMatch(/engine_invalidations_delivered_total\{kind="certificate"[^}]*\} \d+/);
  expect(metrics).toContain("engine_invalidation_lag_seconds_bucket");
  expect(metrics).toContain("engine_invalidations_pending");
  // Once delivered, a record is gone (a single push per endpoint; no duplicates later).
  await Bun.sleep(400);
  expect(count(a, path)).toBe(1);
  expect(count(b, path)).toBe(1);
  expect(await env.server.node.invalidations.delivery.pending()).toBe(0);
});
