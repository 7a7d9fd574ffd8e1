/**
 * Vault engine sync across a node failure (issue 10 item 6, docs/vaults.md#engine-sync), with real
 * processes: three real CLI nodes (./cli-main.ts) on one SQLite file with a shared cluster.secret
 * and short cluster timings, `server_api.grpc_endpoint` pointing at the gRPC engine stand-in of
 * test/support/engine.ts (in this process, verifying the service's EdDSA JWTs signed with the
 * configured key file), and a short sync policy.
 *
 * A vault is created while the engine refuses every CreateVault (UNAVAILABLE, not applied): its
 * retry is pending as a durable reminder (`vault-sync`) in the shared file. The node owning the
 * vault actor is SIGKILLed; then the engine accepts. Another node takes the actor over, the
 * reminder (or the leader's re-drive job) makes the next attempt: the vault ends SYNCED and the
 * engine applied its create exactly once.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readReminder } from "../../src/cluster/reminders.ts";
import { VAULT_SYNC_REMINDER } from "../../src/domain/vaults/sync-machine.ts";
import { type EngineStandIn, startEngineStandIn } from "../support/engine.ts";
import {
  nodeHttp,
  ownerOf,
  type ProcCluster,
  type ProcNode,
  startProcCluster,
  until,
} from "./failover-support.ts";

let cluster: ProcCluster;
let engine: EngineStandIn;
let keyDir = "";

beforeAll(async () => {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  engine = await startEngineStandIn({
    publicKey,
    audience: "inferadb-engine",
    issuer: "https://api.inferadb.com",
  });
  // Refuse every create until the test lets the engine accept.
  engine.inject("CreateVault", { code: "UNAVAILABLE", times: 1_000_000 });
  // The service key file must exist before the nodes start (the cluster's directory is made by
  // startProcCluster): a directory of our own.
  keyDir = mkdtempSync(join(tmpdir(), "vault-failover-key-"));
  const keyFile = join(keyDir, "service.pem");
  writeFileSync(keyFile, privateKey.export({ type: "pkcs8", format: "pem" }));
  cluster = await startProcCluster(3, {
    env: {
      INFERADB_MGMT__SERVER_API__GRPC_ENDPOINT: engine.endpoint,
      INFERADB_MGMT__SERVER_API__SERVICE_KEY_FILE: keyFile,
      INFERADB_MGMT__SERVER_API__SYNC_MAX_ATTEMPTS: "100",
      INFERADB_MGMT__SERVER_API__SYNC_BASE_DELAY_MS: "200",
      INFERADB_MGMT__SERVER_API__SYNC_MAX_DELAY_MS: "500",
      INFERADB_MGMT__SERVER_API__SYNC_CALL_DEADLINE_MS: "500",
      INFERADB_MGMT__SERVER_API__SYNC_ATTEMPT_TIMEOUT_MS: "2000",
      INFERADB_MGMT__SERVER_API__SYNC_REDRIVE_INTERVAL_MS: "300",
      INFERADB_MGMT__RATE_LIMITING__ENABLED: "false",
    },
  });
}, 40_000);

afterAll(async () => {
  await cluster?.stop();
  await engine?.stop();
  if (keyDir) rmSync(keyDir, { recursive: true, force: true });
});

const createCalls = (vaultId: string) =>
  engine.calls.filter((c) => c.method === "CreateVault" && c.request.vault_id === vaultId).length;

test("the vault's owner SIGKILLed while a retry is pending: another node finishes the sync, applied once", async () => {
  const front = cluster.nodes[0]!;
  // Sign up over HTTP (the account comes with its default organization, where it is OWNER).
  const reg = await nodeHttp(front, "POST", "/v1/auth/register", {
    body: {
      name: "Failover Owner",
      email: `failover-${Date.now()}@example.com`,
      password: "correct horse battery staple",
    },
  });
  expect(reg.status).toBe(201);
  const token = reg.body.session_token as string;
  expect(typeof token).toBe("string");
  const orgs = await nodeHttp(front, "GET", "/v1/organizations?limit=10", { token });
  expect(orgs.status).toBe(200);
  const orgId = (orgs.body.organizations as { id: string; role: string }[]).find(
    (o) => o.role === "OWNER",
  )!.id;

  // Create the vault while the engine refuses.
  const created = await nodeHttp(front, "POST", `/v1/organizations/${orgId}/vaults`, {
    token,
    body: { name: "failover" },
  });
  expect(created.status).toBe(201);
  const vault = created.body.vault as { id: string; sync_status: string };
  expect(["PENDING", "SYNCING"]).toContain(vault.sync_status);
  const vaultId = vault.id;

  // At least one attempt was refused and the next one waits as a durable reminder in the file.
  await until(
    "a refused attempt",
    async () => (createCalls(vaultId) >= 1 ? true : undefined),
    10_000,
  );
  const pending = await until(
    "a pending retry reminder",
    async () => {
      const r = await cluster.kv.transact((tx) =>
        readReminder(tx, { kind: "vault", id: vaultId, name: VAULT_SYNC_REMINDER }),
      );
      return r ?? undefined;
    },
    10_000,
  );
  expect(pending.kind).toBe("vault");
  expect(engine.applied("CreateVault", vaultId)).toBe(0);

  // SIGKILL the node that owns the vault actor (stopped first, so ownership cannot move between
  // the read and the kill).
  let victim: ProcNode | undefined;
  for (let i = 0; i < 5 && !victim; i++) {
    const owner = await ownerOf(cluster, "vault", vaultId);
    const candidate = cluster.nodes.find((n) => n.nodeId === owner && n.alive);
    if (!candidate) {
      await Bun.sleep(50);
      continue;
    }
    candidate.proc.kill("SIGSTOP");
    if ((await ownerOf(cluster, "vault", vaultId)) === candidate.nodeId) victim = candidate;
    else candidate.proc.kill("SIGCONT");
  }
  if (!victim) throw new Error("the vault actor has no running owner");
  cluster.kill(victim);
  const refusedBefore = createCalls(vaultId);
  const survivors = cluster.nodes.filter((n) => n.alive);
  const reader = survivors[0]!;

  // While the engine still refuses, the survivors keep retrying (durable: the reminder moved on
  // with the actor); the record is not SYNCED.
  await until(
    "a retry after the kill",
    async () => (createCalls(vaultId) > refusedBefore ? true : undefined),
    15_000,
  );
  expect(engine.applied("CreateVault", vaultId)).toBe(0);

  // The engine accepts: a surviving node finishes the sync.
  engine.clearFaults("CreateVault");
  const synced = await until(
    "the vault SYNCED",
    async () => {
      const r = await nodeHttp(reader, "GET", `/v1/organizations/${orgId}/vaults/${vaultId}`, {
        token,
      });
      const v = r.body.vault as { sync_status: string; sync_error: string | null } | undefined;
      return v?.sync_status === "SYNCED" ? v : undefined;
    },
    15_000,
  );
  expect(synced.sync_error).toBeNull();
  expect(engine.applied("CreateVault", vaultId)).toBe(1);
  expect(engine.vaults.get(vaultId)).toMatchObject({ organizationId: orgId, name: "failover" });
  const newOwner = await ownerOf(cluster, "vault", vaultId);
  expect(newOwner).not.toBe(victim.nodeId);
  expect(survivors.map((n) => n.nodeId)).toContain(newOwner!);
  // Nothing is left to do for it: no index entry's work re-applies the create later.
  await Bun.sleep(700);
  expect(engine.applied("CreateVault", vaultId)).toBe(1);
  console.log(
    `vault-sync failover: ${createCalls(vaultId)} CreateVault calls, owner ${victim.nodeId} -> ${newOwner}`,
  );
}, 40_000);
