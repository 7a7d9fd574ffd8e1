/**
 * The service token signer (claims, lifetime, reuse, fake clock), the error classification, the
 * engine health section over a fake link, and the engine proto loader's options.
 */
import { describe, expect, test } from "bun:test";
import { decodeProtectedHeader, jwtVerify } from "jose";
import { Ed25519ServiceTokenSigner, generateServiceKey } from "../../../src/engine/auth.ts";
import { toEngineError } from "../../../src/engine/client.ts";
import { EngineHealth } from "../../../src/engine/health.ts";
import {
  ENGINE_LOADER_OPTIONS,
  loadEngineProtos,
  VAULT_LIFECYCLE_SERVICE,
} from "../../../src/engine/protos.ts";
import { EngineError, type EngineErrorCode, isRetryableCode } from "../../../src/engine/types.ts";
import { LOADER_OPTIONS } from "../../../src/grpc/protos.ts";
import { FakeClock } from "../../../src/lib/clock.ts";

describe("Ed25519ServiceTokenSigner", () => {
  async function setup(ttlSeconds?: number) {
    const clock = new FakeClock(Date.UTC(2026, 0, 1, 12));
    const key = await generateServiceKey("mgmt-1");
    const signer = new Ed25519ServiceTokenSigner({
      privateKey: key.privateKey,
      kid: "mgmt-1",
      issuer: "https://api.inferadb.com",
      subject: "inferadb-management",
      audience: "inferadb-engine",
      clock,
      ...(ttlSeconds ? { ttlSeconds } : {}),
    });
    return { clock, key, signer };
  }

  test("signs EdDSA with kid and iss/sub/aud/iat/exp from the injected clock", async () => {
    const { clock, key, signer } = await setup();
    const jwt = await signer.token();
    expect(decodeProtectedHeader(jwt)).toEqual({ alg: "EdDSA", typ: "JWT", kid: "mgmt-1" });
    const { payload } = await jwtVerify(jwt, key.publicKey, {
      currentDate: new Date(clock.now()),
      audience: "inferadb-engine",
      issuer: "https://api.inferadb.com",
    });
    expect(payload.sub).toBe("inferadb-management");
    expect(payload.iat).toBe(clock.now() / 1000);
    expect(payload.exp).toBe(clock.now() / 1000 + 60);
    expect(typeof payload.jti).toBe("string");
    expect(key.publicJwk).toMatchObject({ kty: "OKP", crv: "Ed25519", kid: "mgmt-1" });
  });

  test("reuses a token for half its lifetime, then signs a new one", async () => {
    const { clock, signer } = await setup(60);
    const a = await signer.token();
    clock.advance(29_000);
    expect(await signer.token()).toBe(a);
    clock.advance(1_000);
    const b = await signer.token();
    expect(b).not.toBe(a);
    clock.advance(10_000);
    expect(await signer.token()).toBe(b);
  });

  test("a clock stepped backwards signs anew", async () => {
    const { clock, signer } = await setup();
    const a = await signer.token();
    clock.setWall(clock.now() - 5_000);
    expect(await signer.token()).not.toBe(a);
  });

  test("concurrent callers share one signature", async () => {
    const { signer } = await setup();
    const [a, b] = await Promise.all([signer.token(), signer.token()]);
    expect(a).toBe(b);
  });

  test("refuses a too short lifetime or an empty kid", async () => {
    const key = await generateServiceKey("k");
    const base = {
      privateKey: key.privateKey,
      kid: "k",
      issuer: "i",
      subject: "s",
      audience: "a",
      clock: new FakeClock(),
    };
    expect(() => new Ed25519ServiceTokenSigner({ ...base, ttlSeconds: 1 })).toThrow(RangeError);
    expect(() => new Ed25519ServiceTokenSigner({ ...base, kid: "" })).toThrow(RangeError);
  });
});

describe("classification", () => {
  const table: [EngineErrorCode, boolean, boolean][] = [
    ["UNAVAILABLE", true, true],
    ["DEADLINE_EXCEEDED", true, true],
    ["RESOURCE_EXHAUSTED", true, false],
    ["ABORTED", true, false],
    ["UNKNOWN", true, true],
    ["CANCELLED", true, true],
    ["INTERNAL", true, true],
    ["TRANSPORT", true, true],
    ["INVALID_ARGUMENT", false, false],
    ["PERMISSION_DENIED", false, false],
    ["UNAUTHENTICATED", false, false],
    ["NOT_FOUND", false, false],
    ["ALREADY_EXISTS", false, false],
    ["FAILED_PRECONDITION", false, false],
    ["OUT_OF_RANGE", false, false],
    ["UNIMPLEMENTED", false, false],
    ["DATA_LOSS", false, false],
    ["CLIENT_CLOSED", false, false],
  ];
  test.each(table)("%s: retryable %p, outcome unknown %p", (code, retryable, unknown) => {
    const e = new EngineError(code, "CreateVault", "x");
    expect(isRetryableCode(code)).toBe(retryable);
    expect(e.retryable).toBe(retryable);
    expect(e.outcomeUnknown).toBe(unknown);
    expect(e.message).toBe(`CreateVault: ${code}: x`);
  });

  test("grpc-js errors map by status number; anything else is TRANSPORT", () => {
    const grpcErr = Object.assign(new Error("14 UNAVAILABLE: down"), { code: 14, details: "down" });
    expect(toEngineError("DeleteVault", grpcErr).code).toBe("UNAVAILABLE");
    expect(toEngineError("DeleteVault", grpcErr).message).toBe("DeleteVault: UNAVAILABLE: down");
    expect(toEngineError("DeleteVault", Object.assign(new Error("?"), { code: 99 })).code).toBe(
      "UNKNOWN",
    );
    expect(toEngineError("DeleteVault", new Error("boom")).code).toBe("TRANSPORT");
    expect(toEngineError("DeleteVault", "weird").code).toBe("TRANSPORT");
  });
});

describe("EngineHealth", () => {
  test("standalone when the endpoint is empty", async () => {
    const h = new EngineHealth({ endpoint: "", clock: new FakeClock(), pending: () => 5 });
    expect(await h.section()).toEqual({ mode: "standalone" });
    expect(h.standalone).toBe(true);
  });

  test("connected / unreachable / permanent errors / pending, with the fake clock's times", async () => {
    const clock = new FakeClock(Date.UTC(2026, 0, 1));
    let channel: "idle" | "ready" | "transient_failure" | "connecting" = "idle";
    let pending = 2;
    const h = new EngineHealth({
      endpoint: "engine:8081",
      clock,
      channelState: () => channel,
      pending: () => pending,
    });
    // Nothing has answered yet: no claim of a connection.
    expect(await h.section()).toEqual({
      mode: "connecting",
      endpoint: "engine:8081",
      channel: "idle",
      last_error: null,
      last_error_at: null,
      last_success_at: null,
      pending: 2,
    });
    channel = "connecting";
    expect((await h.section()).mode).toBe("connecting");
    h.succeeded("CreateVault");
    channel = "idle";
    // An idle channel after a success (grpc-js idles unused channels) stays connected.
    expect((await h.section()).mode).toBe("connected");
    clock.advance(1000);
    h.failed("CreateVault", new EngineError("UNAVAILABLE", "CreateVault", "down"));
    channel = "connecting";
    expect(await h.section()).toMatchObject({
      mode: "unreachable",
      last_error: "CreateVault: UNAVAILABLE: down",
      last_error_at: "2026-01-01T00:00:01.000Z",
      last_success_at: "2026-01-01T00:00:00.000Z",
    });
    // A permanent error comes from a reachable engine.
    h.failed("CreateVault", new EngineError("INVALID_ARGUMENT", "CreateVault", "bad"));
    expect((await h.section()).mode).toBe("connected");
    // The channel's own view wins: a failing channel is unreachable whatever the last call said.
    channel = "transient_failure";
    expect((await h.section()).mode).toBe("unreachable");
    channel = "ready";
    h.failed("CreateVault", new EngineError("DEADLINE_EXCEEDED", "CreateVault", "slow"));
    expect((await h.section()).mode).toBe("connected");
    channel = "idle";
    expect((await h.section()).mode).toBe("unreachable");
    h.succeeded("GetVaultStatus");
    expect(await h.section()).toMatchObject({
      mode: "connected",
      last_error: "CreateVault: DEADLINE_EXCEEDED: slow",
    });
    pending = 7;
    expect((await h.section()) as { pending: number }).toMatchObject({ pending: 7 });
  });

  test("connecting until a call has an answer or the channel is READY", async () => {
    let channel: "idle" | "ready" | "transient_failure" | "connecting" = "connecting";
    const h = new EngineHealth({
      endpoint: "engine:8081",
      clock: new FakeClock(),
      channelState: () => channel,
    });
    expect((await h.section()).mode).toBe("connecting");
    // A link error before anything answered: unreachable, never connected.
    h.failed("CreateVault", new EngineError("UNAVAILABLE", "CreateVault", "down"));
    expect((await h.section()).mode).toBe("unreachable");
    channel = "ready";
    expect((await h.section()).mode).toBe("connected");
    channel = "idle";
    expect((await h.section()).mode).toBe("unreachable");
    // A closed client is not an answer of the engine.
    const closed = new EngineHealth({
      endpoint: "e:1",
      clock: new FakeClock(),
      channelState: () => "idle",
    });
    closed.failed("CreateVault", new EngineError("CLIENT_CLOSED", "CreateVault", "closed"));
    expect((await closed.section()).mode).toBe("connecting");
    // A permanent error is one: only a reachable engine gives it.
    const refused = new EngineHealth({
      endpoint: "e:1",
      clock: new FakeClock(),
      channelState: () => "idle",
    });
    refused.failed("CreateVault", new EngineError("INVALID_ARGUMENT", "CreateVault", "bad"));
    expect(await refused.section()).toMatchObject({ mode: "connected", last_success_at: null });
    // READY alone is enough.
    const ready = new EngineHealth({
      endpoint: "e:1",
      clock: new FakeClock(),
      channelState: () => "ready",
    });
    expect((await ready.section()).mode).toBe("connected");
  });

  test("a failing pending counter or channel probe never fails the section", async () => {
    const h = new EngineHealth({
      endpoint: "engine:8081",
      clock: new FakeClock(),
      channelState: () => {
        throw new Error("x");
      },
      pending: () => Promise.reject(new Error("kv down")),
    });
    expect(await h.section()).toMatchObject({ mode: "connecting", channel: null, pending: null });
  });
});

describe("engine protos", () => {
  test("are loaded with the server's loader options", () => {
    expect(ENGINE_LOADER_OPTIONS).toEqual(LOADER_OPTIONS);
  });

  test("define the three lifecycle methods", () => {
    const def = loadEngineProtos().vaultLifecycle;
    expect(Object.keys(def).sort()).toEqual(["CreateVault", "DeleteVault", "GetVaultStatus"]);
    expect(def.CreateVault?.path).toBe(`/${VAULT_LIFECYCLE_SERVICE}/CreateVault`);
  });
});
