/**
 * Vault engine sync with the engine as its own PROCESS (issue 10 item 6, docs/vaults.md#engine-sync):
 * a real node over HTTP whose `server_api.grpc_endpoint` is the engine stand-in run by
 * test/support/engine-main.ts (verifying the service's EdDSA JWTs), which persists what it applied
 * to a state file atomically before it answers. The engine process is SIGKILLed while it holds a
 * CreateVault call and restarted on the same port with its state file: every vault ends SYNCED and
 * the engine applied its create exactly once — whether the kill came before the engine applied the
 * call or after it applied (and persisted) it but before it answered.
 *
 * Real clock: 3 s call deadline (the held call is still in flight when the engine dies), 20 ms base
 * backoff capped at 200 ms with attempts enough to ride out the restart; waits poll a condition.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type EngineProcess, spawnEngineProcess } from "../../support/engine-process.ts";
import { call, createOrg, type OrgEnv, signUp, startOrgEnv, type User } from "./org-harness.ts";

let env: OrgEnv;
let engine: EngineProcess;
let owner: User;
let orgId: string;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "vault-sync-kill-"));
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const keyFile = join(dir, "service.pem");
  const publicKeyFile = join(dir, "service.pub.pem");
  writeFileSync(keyFile, privateKey.export({ type: "pkcs8", format: "pem" }));
  writeFileSync(publicKeyFile, publicKey.export({ type: "spki", format: "pem" }));
  engine = await spawnEngineProcess({
    stateFile: join(dir, "engine.json"),
    publicKeyFile,
    audience: "inferadb-engine",
    issuer: "https://api.inferadb.com",
  });
  env = await startOrgEnv({
    config: {
      server_api: {
        grpc_endpoint: engine.endpoint,
        service_key_file: keyFile,
        sync_max_attempts: 60,
        sync_base_delay_ms: 20,
        sync_max_delay_ms: 200,
        sync_call_deadline_ms: 3_000,
        sync_attempt_timeout_ms: 5_000,
        sync_redrive_interval_ms: 100,
      },
    },
  });
  owner = await signUp(env, "Owner");
  orgId = await createOrg(env, owner, "Killed engine");
});
afterAll(async () => {
  await env?.close();
  await engine?.stop();
  rmSync(dir, { recursive: true, force: true });
});

type VaultBody = { id: string; sync_status: string; sync_error: string | null };

const V = () => `/v1/organizations/${orgId}/vaults`;

async function newVault(name: string): Promise<VaultBody> {
  const r = await call(env, "POST", V(), { token: owner.token, body: { name } });
  expect(r.status).toBe(201);
  return r.body.vault as VaultBody;
}

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined) {
  const end = Date.now() + 8_000;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await Bun.sleep(20);
  }
}

const synced = (id: string) =>
  until(`vault ${id} SYNCED`, async () => {
    const r = await call(env, "GET", `${V()}/${id}`, { token: owner.token });
    expect(r.status).toBe(200);
    const v = r.body.vault as VaultBody;
    return v.sync_status === "SYNCED" ? v : undefined;
  });

const changesSince = (mark: number) =>
  engine.events.slice(mark).filter((e) => e.event === "changed").length;

describe("vault sync with the engine process SIGKILLed mid-call", () => {
  test("killed while holding the create (not yet applied): SYNCED, applied once", async () => {
    await engine.restart({ faults: [["CreateVault", { delayMs: 30_000 }]] });
    const v = await newVault("held");
    expect(v.sync_status).toBe("PENDING");
    await engine.waitForCall("CreateVault", v.id);
    const killedPid = engine.pid;
    await engine.kill();
    expect(engine.running).toBe(false);
    expect(engine.applied("CreateVault", v.id)).toBe(0);

    const runs = engine.runs;
    await engine.restart();
    expect(engine.runs).toBe(runs + 1);
    expect(engine.pid).not.toBe(killedPid);

    const done = await synced(v.id);
    expect(done.sync_error).toBeNull();
    // The retry reached the restarted process and applied there, once.
    await engine.waitForCall("CreateVault", v.id);
    const state = engine.state().vaults[v.id];
    expect(state).toMatchObject({ organizationId: orgId, name: "held", state: "active" });
    expect(state?.applied.CreateVault).toBe(1);
  });

  test("killed after applying (persisted) but before answering: SYNCED, not applied again", async () => {
    await engine.restart({ faults: [["CreateVault", { lostAnswer: "hang" }]] });
    const v = await newVault("applied-unanswered");
    await engine.waitForCall("CreateVault", v.id);
    // The engine applied the create and persisted it before (not) answering.
    await until("the create persisted", () =>
      engine.applied("CreateVault", v.id) === 1 ? true : undefined,
    );
    await engine.kill();
    const mark = engine.events.length;
    await engine.restart();

    await synced(v.id);
    // The restarted process loaded the state file: the retry found the vault and changed nothing.
    await engine.waitForCall("CreateVault", v.id);
    expect(changesSince(mark)).toBe(0);
    expect(engine.applied("CreateVault", v.id)).toBe(1);
    expect(engine.state().vaults[v.id]).toMatchObject({ name: "applied-unanswered" });
  });
});
