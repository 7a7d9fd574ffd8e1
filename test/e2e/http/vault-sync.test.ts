/**
 * Vault engine sync end to end (A13, docs/vaults.md#engine-sync): a real node over HTTP whose
 * `server_api.grpc_endpoint` is a real gRPC engine stand-in (test/support/engine.ts) verifying the
 * service's EdDSA JWTs signed with the configured key file. Injected UNAVAILABLE and
 * DEADLINE_EXCEEDED, an answer lost after the engine applied it (answered with an error, or never
 * answered), the engine server killed mid-call and restarted: every vault ends SYNCED and applied
 * exactly once on the engine; with the attempts used up (or a permanent error) it ends FAILED with
 * `sync_error`, audited, and the owner gets exactly one mail. Deletion reaches the engine.
 *
 * Real clock with a short policy (20 ms base backoff, 300 ms call deadline); waits poll a
 * condition, never sleep a fixed time except to show that no second mail comes.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type EngineStandIn, startEngineStandIn } from "../../support/engine.ts";
import { call, createOrg, type OrgEnv, signUp, startOrgEnv, type User } from "./org-harness.ts";

let env: OrgEnv;
let engine: EngineStandIn;
let owner: User;
let orgId: string;
let dir: string;

const MAX_ATTEMPTS = 3;
const V = () => `/v1/organizations/${orgId}/vaults`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "vault-sync-"));
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const keyFile = join(dir, "service.pem");
  writeFileSync(keyFile, privateKey.export({ type: "pkcs8", format: "pem" }));
  engine = await startEngineStandIn({
    publicKey,
    audience: "inferadb-engine",
    issuer: "https://api.inferadb.com",
  });
  env = await startOrgEnv({
    config: {
      server_api: {
        grpc_endpoint: engine.endpoint,
        service_key_file: keyFile,
        sync_max_attempts: MAX_ATTEMPTS,
        sync_base_delay_ms: 20,
        sync_max_delay_ms: 200,
        sync_call_deadline_ms: 300,
        sync_attempt_timeout_ms: 2_000,
        sync_redrive_interval_ms: 100,
      },
    },
  });
  owner = await signUp(env, "Owner");
  orgId = await createOrg(env, owner, "Synced");
});
afterAll(async () => {
  await env?.close();
  await engine?.stop();
  rmSync(dir, { recursive: true, force: true });
});

type VaultBody = { id: string; sync_status: string; sync_error: string | null };

let inOrg = 0;

/** A vault in the current organization (a new one every 5 vaults: the DEV tier limit). */
async function newVault(name: string): Promise<VaultBody> {
  if (++inOrg > 5) {
    orgId = await createOrg(env, owner, `Synced ${name}`);
    inOrg = 1;
  }
  const r = await call(env, "POST", V(), { token: owner.token, body: { name } });
  expect(r.status).toBe(201);
  return r.body.vault as VaultBody;
}

async function getVault(id: string): Promise<VaultBody> {
  const r = await call(env, "GET", `${V()}/${id}`, { token: owner.token });
  expect(r.status).toBe(200);
  return r.body.vault as VaultBody;
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 10_000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await Bun.sleep(20);
  }
}

const settled = (id: string, status: "SYNCED" | "FAILED") =>
  until(`vault ${id} ${status}`, async () => {
    const v = await getVault(id);
    return v.sync_status === status ? v : undefined;
  });

async function auditTypes(vaultId: string): Promise<string[]> {
  const r = await call(env, "GET", `/v1/organizations/${orgId}/audit-logs?limit=100`, {
    token: owner.token,
  });
  expect(r.status).toBe(200);
  const events = (r.body.audit_logs ?? r.body.events ?? r.body.logs ?? []) as {
    event_type: string;
    resource_id: string | null;
  }[];
  return events.filter((e) => e.resource_id === vaultId).map((e) => e.event_type);
}

describe("vault sync against a real gRPC engine", () => {
  test("a new vault is created on the engine once, with the service's JWT", async () => {
    const v = await newVault("plain");
    // PENDING until the first engine call is under way (the create turn only requests the start).
    expect(v.sync_status).toBe("PENDING");
    expect(v.sync_error).toBeNull();
    const done = await settled(v.id, "SYNCED");
    expect(done.sync_error).toBeNull();
    expect(engine.applied("CreateVault", v.id)).toBe(1);
    expect(engine.vaults.get(v.id)).toMatchObject({ organizationId: orgId, name: "plain" });
    const claims = engine.calls.find((c) => c.request.vault_id === v.id)?.claims;
    expect(claims?.sub).toBe("inferadb-management");
    const health = await env.server.fetch("/v1/health");
    const body = (await health.json()) as { engine?: { mode: string; endpoint: string } };
    expect(body.engine).toMatchObject({ mode: "connected", endpoint: engine.endpoint });
  });

  test("the create reply is PENDING and the vault SYNCING while the first call is under way", async () => {
    engine.inject("CreateVault", { delayMs: 400 });
    const before = engine.calls.length;
    const v = await newVault("slow");
    expect(v.sync_status).toBe("PENDING");
    await until("the call to reach the engine", async () =>
      engine.calls.length > before ? true : undefined,
    );
    expect((await getVault(v.id)).sync_status).toBe("SYNCING");
    await settled(v.id, "SYNCED");
    expect(engine.applied("CreateVault", v.id)).toBe(1);
  });

  test("a vault whose start the service never sent is still synced by its reminder", async () => {
    // The create's steps without the service's `sync.start` (as a crash right after the create's
    // commit leaves it): only the durable reminder `vault-sync-start` can start the sync.
    if (++inOrg > 5) {
      orgId = await createOrg(env, owner, "Synced orphan");
      inOrg = 1;
    }
    const svc = env.server.node.services.vaults;
    const p = { userId: owner.id, sessionId: "test" };
    const { vault_id: id } = await svc.reserve(p, orgId, "orphan");
    const reply = await svc.writeReserved(p, orgId, id, { name: "orphan" });
    await svc.settle(p, orgId, id, false);
    expect(reply.vault.sync_status).toBe("PENDING");
    const done = await settled(id, "SYNCED");
    expect(done.sync_error).toBeNull();
    expect(engine.applied("CreateVault", id)).toBe(1);
    expect(engine.calls.filter((c) => c.request.vault_id === id).length).toBe(1);
  });

  test("UNAVAILABLE and DEADLINE_EXCEEDED are retried: SYNCED, applied once", async () => {
    engine.inject("CreateVault", { code: "UNAVAILABLE" });
    engine.inject("CreateVault", { code: "DEADLINE_EXCEEDED" });
    const v = await newVault("flaky");
    await settled(v.id, "SYNCED");
    expect(engine.applied("CreateVault", v.id)).toBe(1);
    const types = await auditTypes(v.id);
    expect(types.filter((t) => t === "vault_sync_failed").length).toBe(2);
  });

  test("an answer lost after the engine applied it: retried, applied once", async () => {
    engine.inject("CreateVault", { lostAnswer: "UNAVAILABLE" });
    const a = await newVault("lost-error");
    await settled(a.id, "SYNCED");
    expect(engine.applied("CreateVault", a.id)).toBe(1);

    engine.inject("CreateVault", { lostAnswer: "hang" });
    const b = await newVault("lost-hang");
    await settled(b.id, "SYNCED");
    expect(engine.applied("CreateVault", b.id)).toBe(1);
  });

  test("the engine killed mid-call and restarted: SYNCED, applied once", async () => {
    engine.inject("CreateVault", { delayMs: 250 });
    const before = engine.calls.length;
    const v = await newVault("restarted");
    await until("the call to reach the engine", async () =>
      engine.calls.length > before ? true : undefined,
    );
    await engine.restart();
    await settled(v.id, "SYNCED");
    expect(engine.applied("CreateVault", v.id)).toBe(1);
  });

  test("attempts used up: FAILED with sync_error, audited, the owner mailed once", async () => {
    engine.inject("CreateVault", { code: "UNAVAILABLE", times: MAX_ATTEMPTS });
    const v = await newVault("doomed");
    const failed = await settled(v.id, "FAILED");
    expect(failed.sync_error).toContain("UNAVAILABLE");
    expect(engine.applied("CreateVault", v.id)).toBe(0);
    const mail = await env.smtp.waitForMail(
      (m) => m.to.includes(owner.email) && m.subject.includes("doomed"),
    );
    expect(mail.text).toContain(`after ${MAX_ATTEMPTS} attempts`);
    // The leader job runs every 100 ms: several rounds must not send a second mail.
    await Bun.sleep(400);
    expect(env.smtp.mails.filter((m) => m.subject.includes("doomed")).length).toBe(1);
    const types = await auditTypes(v.id);
    expect(types).toContain("vault_sync_given_up");
    expect(types.filter((t) => t === "vault_sync_failed").length).toBe(MAX_ATTEMPTS);
    expect((await getVault(v.id)).sync_status).toBe("FAILED");
  });

  test("a permanent error gives up at once", async () => {
    engine.inject("CreateVault", { code: "INVALID_ARGUMENT", message: "bad name" });
    const v = await newVault("refused");
    const failed = await settled(v.id, "FAILED");
    expect(failed.sync_error).toContain("INVALID_ARGUMENT");
    await env.smtp.waitForMail((m) => m.subject.includes("refused"));
    const creates = engine.calls.filter(
      (c) => c.method === "CreateVault" && c.request.vault_id === v.id,
    );
    expect(creates.length).toBe(1);
  });

  test("deleting a synced vault deletes it on the engine (retried through UNAVAILABLE)", async () => {
    const v = await newVault("to-delete");
    await settled(v.id, "SYNCED");
    engine.inject("DeleteVault", { code: "UNAVAILABLE" });
    const r = await call(env, "DELETE", `${V()}/${v.id}`, { token: owner.token });
    expect(r.status).toBe(204);
    await until("the engine delete", async () =>
      engine.vaults.get(v.id)?.state === "deleted" ? true : undefined,
    );
    expect(engine.applied("DeleteVault", v.id)).toBe(1);
    expect((await call(env, "GET", `${V()}/${v.id}`, { token: owner.token })).status).toBe(404);
  });
});
