/**
 * Engine cache invalidations, the pure part and one delivery round at a time
 * (docs/engine-invalidation.md): paths per kind, the record and due entry written together, the
 * retry delay (exponential, capped, jittered within bounds), endpoint normalization and per-endpoint
 * progress; then `InvalidationDelivery` against real HTTP servers on a fake clock: an endpoint that
 * answered 204 is not pushed again while the other is retried after the backoff; the record is
 * deleted only once both answered; a record is given up after the bound; distinct kids for
 * ephemeral keys, the configured one for a key file.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "bun:test";
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Registry } from "prom-client";
import {
  getInvalidation,
  type InvalidationRecord,
  invalidationPath,
  invalidationWrites,
  listDueInvalidations,
  normalizeEndpoint,
  putInvalidationWrites,
  remainingEndpoints,
  retryDelayMs,
} from "../../../src/domain/invalidations/records.ts";
import { InvalidationDelivery, type InvalidationPolicy } from "../../../src/engine/invalidation.ts";
import { loadServiceKey } from "../../../src/engine/service-key.ts";
import { createMemoryBackend } from "../../../src/kv/backends/memory.ts";
import { createKvStore } from "../../../src/kv/store.ts";
import { applyMutations, type KvStore } from "../../../src/kv/types.ts";
import { FakeClock } from "../../../src/lib/clock.ts";
import { SnowflakeGenerator } from "../../../src/lib/ids.ts";
import { silentLogger } from "../../../src/lib/log.ts";
import { testConfig } from "../../support/server.ts";

describe("records", () => {
  test("one path per kind", () => {
    expect(invalidationPath({ kind: "vault", vaultId: "11" })).toBe(
      "/internal/cache/invalidate/vault/11",
    );
    expect(invalidationPath({ kind: "organization", orgId: "12" })).toBe(
      "/internal/cache/invalidate/organization/12",
    );
    expect(invalidationPath({ kind: "certificate", orgId: "1", clientId: "2", certId: "3" })).toBe(
      "/internal/cache/invalidate/certificate/1/2/3",
    );
  });

  test("a record and its due entry are written together, due at the change's time", async () => {
    const clock = new FakeClock();
    const kv = createKvStore(createMemoryBackend(), { clock, log: silentLogger });
    const ids = new SnowflakeGenerator({ workerId: 1, clock });
    const env = { now: clock.now(), newId: () => ids.next() };
    const writes = invalidationWrites(
      [
        { kind: "vault", vaultId: "7" },
        { kind: "organization", orgId: "8" },
      ],
      env,
    );
    expect(writes).toHaveLength(4);
    await kv.transact(async (tx) => applyMutations(tx, writes));
    const due = await kv.transact((tx) => listDueInvalidations(tx, clock.now(), 10));
    expect(due).toHaveLength(2);
    expect(await kv.transact((tx) => listDueInvalidations(tx, clock.now() - 1, 10))).toEqual([]);
    const rec = await kv.transact((tx) => getInvalidation(tx, due[0]!));
    expect(rec).toMatchObject({
      kind: "vault",
      path: "/internal/cache/invalidate/vault/7",
      attempts: 0,
      created_at: env.now,
      next_attempt_at: env.now,
      lease_until: null,
      delivered: [],
    });
    await kv.close();
  });

  test("retry delay: exponential, capped, jitter within [d/2, d]", () => {
    const p = { baseDelayMs: 100, maxDelayMs: 1000 };
    expect(retryDelayMs(p, 1, () => 0)).toBe(50);
    expect(retryDelayMs(p, 1, () => 0.9999)).toBe(100);
    expect(retryDelayMs(p, 2, () => 0.9999)).toBe(200);
    expect(retryDelayMs(p, 3, () => 0)).toBe(200);
    expect(retryDelayMs(p, 10, () => 0.9999)).toBe(1000);
    expect(retryDelayMs(p, 1_000, () => 0.9999)).toBe(1000);
    for (let a = 1; a < 40; a++) {
      const d = retryDelayMs(p, a, Math.random);
      expect(d).toBeGreaterThanOrEqual(50);
      expect(d).toBeLessThanOrEqual(1000);
    }
    expect(retryDelayMs({ baseDelayMs: 1, maxDelayMs: 1 }, 1, () => 0)).toBe(1);
  });

  test("endpoints: normalized, and only those not yet delivered remain", () => {
    expect(normalizeEndpoint(" http://a:1/ ")).toBe("http://a:1");
    expect(normalizeEndpoint("http://a:1/base//")).toBe("http://a:1/base");
    const rec = { delivered: ["http://a"] } as InvalidationRecord;
    expect(remainingEndpoints(rec, ["http://a", "http://b"])).toEqual(["http://b"]);
    expect(remainingEndpoints(rec, ["http://a"])).toEqual([]);
  });
});

describe("delivery rounds", () => {
  const seen: { a: string[]; b: string[] } = { a: [], b: [] };
  let bStatus = 503;
  let a: ReturnType<typeof Bun.serve>;
  let b: ReturnType<typeof Bun.serve>;
  let clock: FakeClock;
  let kv: KvStore;
  let ids: SnowflakeGenerator;
  let metrics: Registry;

  beforeAll(() => {
    a = Bun.serve({
      hostname: "127.0.0.1",
      port: 0,
      fetch(req) {
        seen.a.push(
          `${req.method} ${new URL(req.url).pathname} ${req.headers.get("authorization")}`,
        );
        return new Response(null, { status: 204 });
      },
    });
    b = Bun.serve({
      hostname: "127.0.0.1",
      port: 0,
      fetch(req) {
        seen.b.push(new URL(req.url).pathname);
        return new Response(null, { status: bStatus });
      },
    });
  });
  afterAll(() => {
    a.stop(true);
    b.stop(true);
  });
  beforeEach(() => {
    seen.a.length = 0;
    seen.b.length = 0;
    bStatus = 503;
    clock = new FakeClock();
    kv = createKvStore(createMemoryBackend(), { clock, log: silentLogger });
    ids = new SnowflakeGenerator({ workerId: 1, clock });
    metrics = new Registry();
  });

  function delivery(over: Partial<InvalidationPolicy> = {}, registry = metrics) {
    return new InvalidationDelivery({
      kv,
      clock,
      log: silentLogger,
      signer: { token: async () => "signed.jwt.here" },
      policy: {
        endpoints: [`http://127.0.0.1:${a.port}`, `http://127.0.0.1:${b.port}`],
        baseDelayMs: 1000,
        maxDelayMs: 8000,
        giveUpAfterMs: 60_000,
        requestTimeoutMs: 2000,
        sweepIntervalMs: 1000,
        batchSize: 10,
        ...over,
      },
      metrics: registry,
      random: () => 0.9999,
    });
  }

  async function enqueue(vaultId: string): Promise<string> {
    const writes = invalidationWrites([{ kind: "vault", vaultId }], {
      now: clock.now(),
      newId: () => ids.next(),
    });
    await kv.transact(async (tx) => applyMutations(tx, writes));
    const [id] = await kv.transact((tx) => listDueInvalidations(tx, clock.now(), 10));
    return id!;
  }

  const metric = async (name: string) => (await metrics.getSingleMetricAsString(name)).trim();

  test("done only when every endpoint answered 2xx; a delivered endpoint is not pushed again", async () => {
    const d = delivery();
    const id = await enqueue("42");
    expect(await d.deliverDue(10)).toBe(1);
    expect(seen.a).toEqual([`POST /internal/cache/invalidate/vault/42 Bearer signed.jwt.here`]);
    expect(seen.b).toEqual(["/internal/cache/invalidate/vault/42"]);
    const after1 = await kv.transact((tx) => getInvalidation(tx, id));
    expect(after1?.delivered).toEqual([`http://127.0.0.1:${a.port}`]);
    expect(after1?.attempts).toBe(1);
    expect(after1?.lease_until).toBeNull();
    expect(after1?.next_attempt_at).toBe(clock.now() + 1000);
    expect(await d.pending()).toBe(1);
    expect(await metric("engine_invalidation_failures_total")).toContain('reason="http_5xx"} 1');

    // Not due before the backoff.
    expect(await d.deliverDue(10)).toBe(0);
    clock.advance(1000);
    expect(await d.deliverDue(10)).toBe(1);
    expect(seen.a).toHaveLength(1);
    expect(seen.b).toHaveLength(2);
    expect((await kv.transact((tx) => getInvalidation(tx, id)))?.next_attempt_at).toBe(
      clock.now() + 2000,
    );

    bStatus = 204;
    clock.advance(2000);
    expect(await d.deliverDue(10)).toBe(1);
    expect(seen.a).toHaveLength(1);
    expect(seen.b).toHaveLength(3);
    expect(await kv.transact((tx) => getInvalidation(tx, id))).toBeUndefined();
    expect(await d.pending()).toBe(0);
    expect(await metric("engine_invalidations_delivered_total")).toContain('kind="vault"} 1');
    expect(await metric("engine_invalidation_lag_seconds")).toContain(
      'engine_invalidation_lag_seconds_sum{kind="vault"} 3',
    );
  });

  test("a leased record is not claimed twice; an expired lease is", async () => {
    const d = delivery({ endpoints: [`http://127.0.0.1:${b.port}`] });
    const id = await enqueue("43");
    // A node claimed it and died: the record is leased, not due.
    const rec = await kv.transact((tx) => getInvalidation(tx, id));
    const until = clock.now() + 9000;
    await kv.transact(async (tx) =>
      applyMutations(
        tx,
        putInvalidationWrites(
          { ...rec!, lease_until: until, next_attempt_at: until },
          rec!.next_attempt_at,
        ),
      ),
    );
    expect(await d.deliverDue(10)).toBe(0);
    clock.advance(9000);
    bStatus = 204;
    expect(await d.deliverDue(10)).toBe(1);
    expect(await kv.transact((tx) => getInvalidation(tx, id))).toBeUndefined();
  });

  test("given up after the bound, with a metric; no endpoints = dropped", async () => {
    const d = delivery({ giveUpAfterMs: 5000, endpoints: [`http://127.0.0.1:${b.port}`] });
    const id = await enqueue("44");
    expect(await d.deliverDue(10)).toBe(1);
    clock.advance(5000);
    expect(await d.deliverDue(10)).toBe(1);
    expect(await kv.transact((tx) => getInvalidation(tx, id))).toBeUndefined();
    expect(await metric("engine_invalidation_failures_total")).toContain('reason="given_up"} 1');

    const none = delivery({ endpoints: [] }, new Registry());
    const other = await enqueue("45");
    expect(await none.deliverDue(10)).toBe(1);
    expect(await kv.transact((tx) => getInvalidation(tx, other))).toBeUndefined();
    expect(seen.b).toHaveLength(2);
  });

  test("network failures are retried (closed port)", async () => {
    const closed = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response() });
    const port = closed.port;
    closed.stop(true);
    const d = delivery({ endpoints: [`http://127.0.0.1:${port}`] });
    const id = await enqueue("46");
    expect(await d.deliverDue(10)).toBe(1);
    const rec = await kv.transact((tx) => getInvalidation(tx, id));
    expect(rec?.attempts).toBe(1);
    expect(rec?.last_error).toContain(`127.0.0.1:${port}`);
    expect(await metric("engine_invalidation_failures_total")).toContain('reason="network"} 1');
  });
});

describe("service key", () => {
  test("ephemeral keys get distinct kids; a key file keeps service_key_id", async () => {
    const config = testConfig();
    const one = await loadServiceKey(config, silentLogger, { warn: false });
    const two = await loadServiceKey(config, silentLogger, { warn: false });
    expect(one.ephemeral).toBe(true);
    expect(one.kid).toMatch(/^inferadb-management-[0-9a-f]{12}$/);
    expect(one.kid).not.toBe(two.kid);
    expect(one.publicJwk).toMatchObject({ kty: "OKP", crv: "Ed25519", kid: one.kid });

    const dir = mkdtempSync(join(tmpdir(), "svc-key-"));
    try {
      const file = join(dir, "k.pem");
      const { privateKey } = generateKeyPairSync("ed25519");
      writeFileSync(file, privateKey.export({ type: "pkcs8", format: "pem" }));
      const fromFile = await loadServiceKey(
        testConfig({ server_api: { service_key_file: file, service_key_id: "mgmt-1" } }),
        silentLogger,
        { warn: false },
      );
      expect(fromFile.ephemeral).toBe(false);
      expect(fromFile.kid).toBe("mgmt-1");
      expect(fromFile.publicJwk).toMatchObject({ kty: "OKP", crv: "Ed25519", kid: "mgmt-1" });
      expect(fromFile.publicJwk.d).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
