/**
 * The grpc-js engine client against a real gRPC server (test/support/engine.ts) implementing the
 * engine proto: idempotent retries after a lost answer, error classification, deadlines, the
 * bearer JWT, restarts, TLS with a CA file, and the health section fed by the client.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from "bun:test";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ed25519ServiceTokenSigner, generateServiceKey } from "../../../src/engine/auth.ts";
import {
  engineClientFromConfig,
  engineTarget,
  GrpcEngineClient,
  type GrpcEngineClientOptions,
} from "../../../src/engine/client.ts";
import { EngineHealth } from "../../../src/engine/health.ts";
import { EngineError } from "../../../src/engine/types.ts";
import { systemClock } from "../../../src/lib/clock.ts";
import { type EngineStandIn, startEngineStandIn } from "../../support/engine.ts";

const ISS = "https://api.inferadb.com";
const AUD = "inferadb-engine";
const KID = "management-test-1";

const VAULT = "300000000000000001";
const ORG = "200000000000000001";

let key: Awaited<ReturnType<typeof generateServiceKey>>;
let signer: Ed25519ServiceTokenSigner;
let engine: EngineStandIn;
const clients: GrpcEngineClient[] = [];

function client(extra: Partial<GrpcEngineClientOptions> = {}): GrpcEngineClient {
  const c = new GrpcEngineClient({
    endpoint: engine.endpoint,
    signer,
    deadlineMs: 2_000,
    maxReconnectBackoffMs: 300,
    ...extra,
  });
  clients.push(c);
  return c;
}

async function failure(p: Promise<unknown>): Promise<EngineError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(EngineError);
    return e as EngineError;
  }
  throw new Error("expected the call to fail");
}

beforeAll(async () => {
  key = await generateServiceKey(KID);
  signer = new Ed25519ServiceTokenSigner({
    privateKey: key.privateKey,
    kid: KID,
    issuer: ISS,
    subject: "inferadb-management",
    audience: AUD,
    clock: systemClock,
  });
  engine = await startEngineStandIn({ publicKey: key.publicKey, audience: AUD, issuer: ISS });
});

afterEach(() => {
  for (const c of clients.splice(0)) c.close();
});

afterAll(async () => {
  await engine.stop();
});

let seq = 0;
/** A fresh vault id per test (the stand-in keeps its data across tests). */
const vaultId = () => `${BigInt(VAULT) + BigInt(++seq)}`;

describe("idempotent calls", () => {
  test("create, then a repeat of the same create answers created: false and applies nothing", async () => {
    const c = client();
    const id = vaultId();
    expect(await c.createVault({ vaultId: id, organizationId: ORG, name: "prod" })).toEqual({
      vaultId: id,
      created: true,
    });
    expect(await c.createVault({ vaultId: id, organizationId: ORG, name: "prod" })).toEqual({
      vaultId: id,
      created: false,
    });
    expect(engine.applied("CreateVault", id)).toBe(1);
    expect(await c.getVaultStatus(id)).toEqual({
      vaultId: id,
      exists: true,
      deleted: false,
      organizationId: ORG,
      name: "prod",
    });
  });

  test("an answer lost after the engine applied (hang): DEADLINE_EXCEEDED, retryable, outcome unknown; the retry applies nothing", async () => {
    const c = client({ deadlineMs: 300 });
    const id = vaultId();
    engine.inject("CreateVault", { lostAnswer: "hang" });
    const err = await failure(c.createVault({ vaultId: id, organizationId: ORG, name: "a" }));
    expect(err.code).toBe("DEADLINE_EXCEEDED");
    expect(err.retryable).toBe(true);
    expect(err.outcomeUnknown).toBe(true);
    expect(engine.applied("CreateVault", id)).toBe(1);
    expect(await c.createVault({ vaultId: id, organizationId: ORG, name: "a" })).toEqual({
      vaultId: id,
      created: false,
    });
    expect(engine.applied("CreateVault", id)).toBe(1);
  });

  test("an answer lost after the engine applied (UNAVAILABLE instead of the result): the retry applies nothing", async () => {
    const c = client();
    const id = vaultId();
    engine.inject("CreateVault", { lostAnswer: "UNAVAILABLE" });
    const err = await failure(c.createVault({ vaultId: id, organizationId: ORG, name: "a" }));
    expect(err.code).toBe("UNAVAILABLE");
    expect(err.retryable).toBe(true);
    const again = await c.createVault({ vaultId: id, organizationId: ORG, name: "a" });
    expect(again.created).toBe(false);
    expect(engine.applied("CreateVault", id)).toBe(1);
  });

  test("delete is idempotent and leaves a tombstone a late create cannot resurrect", async () => {
    const c = client();
    const id = vaultId();
    await c.createVault({ vaultId: id, organizationId: ORG, name: "a" });
    expect(await c.deleteVault(id)).toEqual({ vaultId: id, deleted: true });
    expect(await c.deleteVault(id)).toEqual({ vaultId: id, deleted: false });
    expect(engine.applied("DeleteVault", id)).toBe(1);
    const late = await failure(c.createVault({ vaultId: id, organizationId: ORG, name: "a" }));
    expect(late.code).toBe("FAILED_PRECONDITION");
    expect(late.retryable).toBe(false);
    const st = await c.getVaultStatus(id);
    expect(st.exists).toBe(false);
    expect(st.deleted).toBe(true);
  });

  test("deleting a vault the engine never saw succeeds with deleted: false", async () => {
    const c = client();
    const id = vaultId();
    expect(await c.deleteVault(id)).toEqual({ vaultId: id, deleted: false });
    expect(engine.applied("DeleteVault", id)).toBe(0);
  });

  test("status of an unknown vault", async () => {
    const c = client();
    const id = vaultId();
    expect(await c.getVaultStatus(id)).toEqual({
      vaultId: id,
      exists: false,
      deleted: false,
      organizationId: null,
      name: null,
    });
  });
});

describe("classification", () => {
  test.each([
    ["UNAVAILABLE", true],
    ["DEADLINE_EXCEEDED", true],
    ["RESOURCE_EXHAUSTED", true],
    ["ABORTED", true],
    ["UNKNOWN", true],
    ["INVALID_ARGUMENT", false],
    ["PERMISSION_DENIED", false],
    ["UNAUTHENTICATED", false],
    ["NOT_FOUND", false],
    ["FAILED_PRECONDITION", false],
    ["UNIMPLEMENTED", false],
  ] as const)("injected %s: retryable %p, nothing applied", async (code, retryable) => {
    const c = client();
    const id = vaultId();
    engine.inject("CreateVault", { code });
    const err = await failure(c.createVault({ vaultId: id, organizationId: ORG, name: "a" }));
    expect(err.code).toBe(code);
    expect(err.retryable).toBe(retryable);
    expect(err.method).toBe("CreateVault");
    expect(engine.applied("CreateVault", id)).toBe(0);
    // The same call succeeds once the fault is gone (and applies once).
    expect((await c.createVault({ vaultId: id, organizationId: ORG, name: "a" })).created).toBe(
      true,
    );
    expect(engine.applied("CreateVault", id)).toBe(1);
  });

  test("a malformed id is INVALID_ARGUMENT from the engine's own validation (permanent)", async () => {
    const c = client();
    const err = await failure(c.createVault({ vaultId: "01", organizationId: ORG, name: "a" }));
    expect(err.code).toBe("INVALID_ARGUMENT");
    expect(err.retryable).toBe(false);
    expect(err.outcomeUnknown).toBe(false);
  });

  test("the same id under another organization is ALREADY_EXISTS (permanent)", async () => {
    const c = client();
    const id = vaultId();
    await c.createVault({ vaultId: id, organizationId: ORG, name: "a" });
    const err = await failure(
      c.createVault({ vaultId: id, organizationId: "200000000000000002", name: "a" }),
    );
    expect(err.code).toBe("ALREADY_EXISTS");
    expect(err.retryable).toBe(false);
  });

  test("an engine that is down: UNAVAILABLE, retryable", async () => {
    const down = await startEngineStandIn();
    const endpoint = down.endpoint;
    await down.stop();
    const c = client({ endpoint });
    const err = await failure(c.getVaultStatus(vaultId()));
    expect(err.code).toBe("UNAVAILABLE");
    expect(err.retryable).toBe(true);
  });

  test("a closed client refuses calls (permanent CLIENT_CLOSED)", async () => {
    const c = client();
    c.close();
    const err = await failure(c.getVaultStatus(vaultId()));
    expect(err.code).toBe("CLIENT_CLOSED");
    expect(err.retryable).toBe(false);
  });

  test("an aborted call is CANCELLED, retryable with an unknown outcome", async () => {
    const c = client();
    engine.inject("CreateVault", { delayMs: 1_000 });
    const ac = new AbortController();
    const p = c.createVault(
      { vaultId: vaultId(), organizationId: ORG, name: "a" },
      { signal: ac.signal },
    );
    setTimeout(() => ac.abort(), 50);
    const err = await failure(p);
    expect(err.code).toBe("CANCELLED");
    expect(err.retryable).toBe(true);
    expect(err.outcomeUnknown).toBe(true);
  });
});

describe("deadlines", () => {
  test("a slow engine: the call's deadline is honoured", async () => {
    const c = client({ deadlineMs: 10_000 });
    engine.inject("CreateVault", { delayMs: 1_500 });
    const t0 = performance.now();
    const err = await failure(
      c.createVault({ vaultId: vaultId(), organizationId: ORG, name: "a" }, { deadlineMs: 200 }),
    );
    const elapsed = performance.now() - t0;
    expect(err.code).toBe("DEADLINE_EXCEEDED");
    expect(elapsed).toBeGreaterThanOrEqual(150);
    expect(elapsed).toBeLessThan(1_000);
  });

  test("the client's default deadline applies when the call names none", async () => {
    const c = client({ deadlineMs: 200 });
    engine.inject("GetVaultStatus", { delayMs: 1_500 });
    const t0 = performance.now();
    const err = await failure(c.getVaultStatus(vaultId()));
    expect(err.code).toBe("DEADLINE_EXCEEDED");
    expect(performance.now() - t0).toBeLessThan(1_000);
  });

  test("a call within its deadline succeeds", async () => {
    const c = client({ deadlineMs: 2_000 });
    engine.inject("GetVaultStatus", { delayMs: 100 });
    expect((await c.getVaultStatus(vaultId())).exists).toBe(false);
  });
});

describe("authentication", () => {
  test("every call carries a Bearer EdDSA JWT that verifies with the service's public key", async () => {
    const c = client();
    const before = engine.calls.length;
    await c.getVaultStatus(vaultId());
    const call = engine.calls[before];
    expect(call?.authorization).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    expect(call?.claims).toMatchObject({
      iss: ISS,
      sub: "inferadb-management",
      aud: AUD,
      kid: KID,
    });
    const claims = call?.claims as { iat: number; exp: number };
    expect(claims.exp - claims.iat).toBe(60);
  });

  test("a token signed with another key is refused: UNAUTHENTICATED, permanent", async () => {
    const other = await generateServiceKey("other");
    const c = client({
      signer: new Ed25519ServiceTokenSigner({
        privateKey: other.privateKey,
        kid: "other",
        issuer: ISS,
        subject: "intruder",
        audience: AUD,
        clock: systemClock,
      }),
    });
    const id = vaultId();
    const err = await failure(c.createVault({ vaultId: id, organizationId: ORG, name: "a" }));
    expect(err.code).toBe("UNAUTHENTICATED");
    expect(err.retryable).toBe(false);
    expect(engine.applied("CreateVault", id)).toBe(0);
  });

  test("a signer that fails is a permanent UNAUTHENTICATED, and nothing is sent", async () => {
    const before = engine.calls.length;
    const c = client({ signer: { token: () => Promise.reject(new Error("no key")) } });
    const err = await failure(c.getVaultStatus(vaultId()));
    expect(err.code).toBe("UNAUTHENTICATED");
    expect(err.retryable).toBe(false);
    expect(engine.calls.length).toBe(before);
  });
});

describe("restart", () => {
  test("a call in flight when the engine restarts fails retryable; the client reaches the restarted engine", async () => {
    const e = await startEngineStandIn();
    const c = client({ endpoint: e.endpoint, deadlineMs: 3_000 });
    const id = vaultId();
    await c.getVaultStatus(id); // connected
    e.inject("CreateVault", { lostAnswer: "hang" });
    const p = c.createVault({ vaultId: id, organizationId: ORG, name: "a" });
    await new Promise((r) => setTimeout(r, 100));
    await e.restart();
    const err = await failure(p);
    expect(err.retryable).toBe(true);
    expect(engine.applied("CreateVault", id)).toBe(0);
    expect(e.applied("CreateVault", id)).toBe(1); // it had applied before the restart
    // The client reconnects (backoff capped at 300 ms here) and the retry is idempotent.
    let res: Awaited<ReturnType<typeof c.createVault>> | undefined;
    for (let i = 0; i < 50 && !res; i++) {
      try {
        res = await c.createVault({ vaultId: id, organizationId: ORG, name: "a" });
      } catch (e2) {
        expect((e2 as EngineError).retryable).toBe(true);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    expect(res).toEqual({ vaultId: id, created: false });
    expect(e.applied("CreateVault", id)).toBe(1);
    await e.stop();
  });
});

describe("TLS with a CA file", () => {
  let dir: string;
  let tlsEngine: EngineStandIn | undefined;
  let feasible = true;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "engine-tls-"));
    // A CA and a server certificate for 127.0.0.1 / localhost signed by it.
    const sh = (args: string[]) => spawnSync("openssl", args, { cwd: dir, encoding: "utf8" });
    const steps = [
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        "-days",
        "1",
        "-subj",
        "/CN=Test engine CA",
      ],
      [
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "server.key",
        "-out",
        "server.csr",
        "-subj",
        "/CN=localhost",
      ],
    ];
    for (const s of steps) if (sh(s).status !== 0) feasible = false;
    writeFileSync(join(dir, "ext.cnf"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
    if (
      feasible &&
      sh([
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "server.pem",
        "-days",
        "1",
        "-extfile",
        "ext.cnf",
      ]).status !== 0
    )
      feasible = false;
    if (!feasible) return;
    const read = (f: string) => Bun.file(join(dir, f)).text();
    tlsEngine = await startEngineStandIn({
      tls: { cert: await read("server.pem"), key: await read("server.key") },
      publicKey: key.publicKey,
    });
  });

  afterAll(async () => {
    await tlsEngine?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test("connects and verifies the engine's certificate against server_api.tls_ca_file", async () => {
    expect(feasible).toBe(true);
    const c = engineClientFromConfig(
      {
        grpc_endpoint: `https://localhost:${tlsEngine!.port}/`,
        tls_enabled: true,
        tls_ca_file: join(dir, "ca.pem"),
      },
      { signer },
    );
    expect(c).not.toBeNull();
    clients.push(c!);
    const id = vaultId();
    expect(await c!.createVault({ vaultId: id, organizationId: ORG, name: "tls" })).toEqual({
      vaultId: id,
      created: true,
    });
    expect(tlsEngine!.calls.at(-1)?.claims?.kid).toBe(KID);
  });

  test("without the CA (system roots) the handshake fails: UNAVAILABLE", async () => {
    const c = client({ endpoint: `localhost:${tlsEngine!.port}`, tls: {}, deadlineMs: 1_000 });
    const err = await failure(c.getVaultStatus(vaultId()));
    expect(err.code).toBe("UNAVAILABLE");
    expect(err.message).toMatch(/certificate/i);
  });

  test("a plaintext client cannot talk to the TLS engine", async () => {
    const c = client({ endpoint: `localhost:${tlsEngine!.port}`, deadlineMs: 1_000 });
    const err = await failure(c.getVaultStatus(vaultId()));
    expect(err.retryable).toBe(true);
  });

  test("a certificate for another name is refused even with the right CA", async () => {
    const c = client({
      endpoint: `localhost:${tlsEngine!.port}`,
      tls: { caFile: join(dir, "ca.pem") },
      deadlineMs: 1_000,
      channelOptions: { "grpc.ssl_target_name_override": "engine.example" },
    });
    const err = await failure(c.getVaultStatus(vaultId()));
    expect(err.code).toBe("UNAVAILABLE");
    expect(err.message).toMatch(/altnames|engine\.example|certificate/i);
  });

  test("a missing CA file is an error at construction", () => {
    expect(() =>
      engineClientFromConfig(
        { grpc_endpoint: "127.0.0.1:1", tls_enabled: true, tls_ca_file: join(dir, "nope.pem") },
        { signer },
      ),
    ).toThrow();
  });
});

describe("configuration", () => {
  test("an empty endpoint is standalone mode: no client", () => {
    expect(
      engineClientFromConfig(
        { grpc_endpoint: "", tls_enabled: false, tls_ca_file: "" },
        { signer },
      ),
    ).toBeNull();
    expect(
      engineClientFromConfig(
        { grpc_endpoint: "  ", tls_enabled: true, tls_ca_file: "" },
        { signer },
      ),
    ).toBeNull();
  });

  test("endpoint forms", () => {
    expect(engineTarget("engine:8081")).toBe("engine:8081");
    expect(engineTarget("http://engine:8081/")).toBe("engine:8081");
    expect(engineTarget("https://engine:8081")).toBe("engine:8081");
    expect(engineTarget("dns:///engine:8081")).toBe("dns:///engine:8081");
  });
});

describe("health fed by the client", () => {
  test("connected after a call; unreachable once the engine is down; connected again after it is back", async () => {
    const e = await startEngineStandIn();
    const health = new EngineHealth({ endpoint: e.endpoint, clock: systemClock, pending: () => 3 });
    const c = client({ endpoint: e.endpoint, observer: health, deadlineMs: 1_000 });
    health.attachChannel((t) => c.channelState(t));
    await c.getVaultStatus(vaultId());
    let h = await health.section();
    expect(h).toMatchObject({ mode: "connected", channel: "ready", last_error: null, pending: 3 });

    await e.stop();
    await failure(c.getVaultStatus(vaultId()));
    h = await health.section();
    expect(h.mode).toBe("unreachable");
    expect((h as { last_error: string }).last_error).toContain("UNAVAILABLE");

    await e.start();
    let ok = false;
    for (let i = 0; i < 50 && !ok; i++) {
      ok = await c.getVaultStatus(vaultId()).then(
        () => true,
        () => false,
      );
      if (!ok) await new Promise((r) => setTimeout(r, 100));
    }
    expect(ok).toBe(true);
    h = await health.section();
    expect(h.mode).toBe("connected");
    await e.stop();
  });
});
