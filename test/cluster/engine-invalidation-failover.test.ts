/**
 * Engine cache invalidations across a node failure (docs/engine-invalidation.md), with real
 * processes: three real CLI nodes (./cli-main.ts) on one SQLite file, no service key file (each
 * node signs with an ephemeral key of its own kid, published in the shared store), and
 * `server_api.engine_http_endpoints` naming a port where nothing listens yet: the engine is down.
 *
 * Certificates are revoked through the leader node (the node whose kick pushes at once, and the
 * one whose `engine-invalidation` job sweeps): the pushes fail and wait in the store. The JWKS of
 * every node lists all three kids. The leader is SIGKILLed, then the engine stand-in comes up on
 * that port, verifying each push's JWT against a survivor's `/internal/management-jwks.json`:
 * the new leader delivers every pending invalidation, and the store holds none afterwards.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { InvalidationKeys } from "../../src/domain/invalidations/records.ts";
import {
  nodeHttp,
  type ProcCluster,
  type ProcNode,
  startProcCluster,
  until,
} from "./failover-support.ts";

let cluster: ProcCluster;
let enginePort = 0;

beforeAll(async () => {
  // A free port, closed again: the engine is down until the test starts it there.
  const probe = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response() });
  enginePort = probe.port ?? 0;
  probe.stop(true);
  cluster = await startProcCluster(3, {
    env: {
      INFERADB_MGMT__SERVER_API__ENGINE_HTTP_ENDPOINTS: `http://127.0.0.1:${enginePort}`,
      INFERADB_MGMT__SERVER_API__INVALIDATION_BASE_DELAY_MS: "200",
      INFERADB_MGMT__SERVER_API__INVALIDATION_MAX_DELAY_MS: "500",
      INFERADB_MGMT__SERVER_API__INVALIDATION_SWEEP_INTERVAL_MS: "200",
      INFERADB_MGMT__SERVER_API__INVALIDATION_REQUEST_TIMEOUT_MS: "1000",
      INFERADB_MGMT__RATE_LIMITING__ENABLED: "false",
    },
  });
}, 40_000);

afterAll(async () => {
  await cluster?.stop();
});

/** Invalidation records in the shared store, with their attempt counts. */
async function pendingRecords() {
  const [begin, end] = InvalidationKeys.record.range();
  const rows = await cluster.kv.transact((tx) => tx.snapshot.getRange(begin, end));
  return rows.length;
}

async function leaderOf(node: ProcNode): Promise<string | undefined> {
  const res = await fetch(`http://${node.http}/v1/health`, { signal: AbortSignal.timeout(2000) });
  const c = ((await res.json()) as { cluster?: { leader: { node_id: string } | null } }).cluster;
  return c?.leader?.node_id;
}

async function kidsOf(node: ProcNode): Promise<string[]> {
  const res = await fetch(`http://${node.internal}/internal/management-jwks.json`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { keys: { kid: string }[] }).keys.map((k) => k.kid).sort();
}

test("the leader SIGKILLed with pushes pending and the engine down: another node delivers them", async () => {
  const leaderId = await until("a leader", () => leaderOf(cluster.nodes[0]!), 10_000);
  const leader = cluster.nodes.find((n) => n.nodeId === leaderId)!;

  // Every node's JWKS lists the three ephemeral keys, under three distinct kids.
  const kids = await kidsOf(cluster.nodes[0]!);
  expect(kids).toHaveLength(3);
  expect(new Set(kids).size).toBe(3);
  for (const n of cluster.nodes) expect(await kidsOf(n)).toEqual(kids);

  const reg = await nodeHttp(leader, "POST", "/v1/auth/register", {
    body: {
      name: "Invalidation Owner",
      email: `inv-failover-${Date.now()}@example.com`,
      password: "correct horse battery staple",
    },
  });
  expect(reg.status).toBe(201);
  const token = reg.body.session_token as string;
  const orgs = await nodeHttp(leader, "GET", "/v1/organizations?limit=10", { token });
  const orgId = (orgs.body.organizations as { id: string; role: string }[]).find(
    (o) => o.role === "OWNER",
  )!.id;
  const c = await nodeHttp(leader, "POST", `/v1/organizations/${orgId}/clients`, {
    token,
    body: { name: "failover-client" },
  });
  expect(c.status).toBe(201);
  const clientId = (c.body.client as { id: string }).id;
  const paths: string[] = [];
  for (let i = 0; i < 3; i++) {
    const base = `/v1/organizations/${orgId}/clients/${clientId}/certificates`;
    const cert = await nodeHttp(leader, "POST", base, { token, body: { name: `cert-${i}` } });
    expect(cert.status).toBe(201);
    const certId = (cert.body.certificate as { id: string }).id;
    const r = await nodeHttp(leader, "POST", `${base}/${certId}/revoke`, { token });
    expect(r.status).toBe(200);
    paths.push(`/internal/cache/invalidate/certificate/${orgId}/${clientId}/${certId}`);
  }
  // The pushes failed (nothing listens) and wait in the shared store.
  await until(
    "three pending records",
    async () => ((await pendingRecords()) === 3 ? 3 : undefined),
    5_000,
  );

  cluster.kill(leader);
  const survivors = cluster.nodes.filter((n) => n.alive);
  const jwks = createRemoteJWKSet(
    new URL(`http://${survivors[0]!.internal}/internal/management-jwks.json`),
  );
  const received: { path: string; kid: string }[] = [];
  let refused = 0;
  const engine = Bun.serve({
    hostname: "127.0.0.1",
    port: enginePort,
    async fetch(req) {
      const path = new URL(req.url).pathname;
      const jwt = /^Bearer (.+)$/.exec(req.headers.get("authorization") ?? "")?.[1] ?? "";
      try {
        await jwtVerify(jwt, jwks, { algorithms: ["EdDSA"], audience: "inferadb-engine" });
      } catch {
        refused++;
        return new Response(null, { status: 401 });
      }
      received.push({ path, kid: String(decodeProtectedHeader(jwt).kid) });
      return new Response(null, { status: 204 });
    },
  });
  try {
    const t0 = performance.now();
    await until(
      "every pending invalidation delivered",
      async () => (paths.every((p) => received.some((r) => r.path === p)) ? true : undefined),
      20_000,
    );
    const took = performance.now() - t0;
    await until(
      "no record left",
      async () => ((await pendingRecords()) === 0 ? 0 : undefined),
      5_000,
    );
    expect(refused).toBe(0);
    // Signed by a survivor with its own published key.
    for (const r of received) expect(kids).toContain(r.kid);
    console.log(
      `invalidations delivered ${Math.round(took)} ms after the engine came back (leader ${leader.nodeId} killed)`,
    );
  } finally {
    engine.stop(true);
  }
}, 60_000);
