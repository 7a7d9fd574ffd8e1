/**
 * The HTTP front over real sockets: every rejection kind answers the A3 body with X-Request-Id,
 * health probes follow readiness, /metrics is Prometheus text with route templates.
 *
 * Rejections that need a body-taking route run against `createHttpApp` with the real plugins and
 * real dependencies plus a fixture route (`POST /fixture/:id`), listening on port 0; everything
 * else runs against a full node from `createTestServer`.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { connect } from "node:net";
import { t } from "elysia";
import { createHttpApp } from "../../../src/http/app.ts";
import { idParams, PaginationQuery, toPage } from "../../../src/http/schemas.ts";
import { defineErrors } from "../../../src/lib/errors.ts";
import { createLogger, type LogLevel } from "../../../src/lib/log.ts";
import { createTestServer, type TestServer } from "../../support/server.ts";

const FixtureErrors = defineErrors({
  FIXTURE_BUSY: { kind: "rate_limited", message: "Slow down" },
});

const logged: { msg: string; fields: string }[] = [];

async function startFixture() {
  // The real node's dependencies, with a smaller body limit and a log that the test can read.
  const host = await createTestServer({ config: { server: { max_body_bytes: 64 * 1024 } } });
  const log = createLogger({
    level: "debug",
    json: true,
    write: (line: string, _lvl: LogLevel) => {
      logged.push({ msg: JSON.parse(line).msg, fields: line });
    },
  });
  const deps = { ...host.node.transport, log };
  const app = createHttpApp(deps)
    .post("/fixture/:id", ({ params, body }) => ({ id: params.id, body }), {
      params: idParams("id"),
      body: t.Object({ name: t.String({ minLength: 1 }), count: t.Number() }),
    })
    .get("/fixture", ({ query }) => toPage(query), { query: PaginationQuery })
    .get("/fixture/boom", () => {
      throw new Error("disk exploded at /var/lib/secret");
    })
    .get("/fixture/busy", () => {
      throw FixtureErrors.FIXTURE_BUSY(undefined, { retryAfterSeconds: 7 });
    })
    .listen({ hostname: "127.0.0.1", port: 0 });
  const url = `http://127.0.0.1:${app.server?.port}`;
  return {
    url,
    stop: async () => {
      await app.stop(true);
      await host.close();
    },
  };
}

let fx: Awaited<ReturnType<typeof startFixture>>;
let node: TestServer;
beforeAll(async () => {
  fx = await startFixture();
  node = await createTestServer();
});
afterAll(async () => {
  await fx.stop();
  await node.close();
});

const json = { "content-type": "application/json" };

/** Asserts the A3 shape and returns the parsed body. */
async function expectA3(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toStartWith("application/json");
  const rid = res.headers.get("x-request-id");
  expect(rid).toBeTruthy();
  const body = (await res.json()) as Record<string, unknown>;
  expect(body.code).toBe(code);
  expect(typeof body.error).toBe("string");
  expect(body.request_id).toBe(rid);
  const keys = Object.keys(body).sort();
  expect(keys).toEqual(
    body.details ? ["code", "details", "error", "request_id"] : ["code", "error", "request_id"],
  );
  return body;
}

/** Writes raw bytes to the server and collects its reply until it closes (or `done` says so). */
function rawExchange(
  url: string,
  payload: string,
  done = (_buf: string) => false,
): Promise<string> {
  return new Promise<string>((resolve) => {
    const sock = connect(Number(new URL(url).port), "127.0.0.1", () => sock.write(payload));
    let buf = "";
    sock.on("data", (d) => {
      buf += d.toString();
      if (done(buf)) sock.destroy();
    });
    sock.on("close", () => resolve(buf));
    sock.on("error", () => resolve(buf));
  });
}

describe("A3 rejections", () => {
  test("a valid request passes through", async () => {
    const res = await fetch(`${fx.url}/fixture/123`, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ name: "a", count: 1 }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-request-id")).toBeTruthy();
    expect(await res.json()).toEqual({ id: "123", body: { name: "a", count: 1 } });
  });

  test("application/*+json is JSON too", async () => {
    const res = await fetch(`${fx.url}/fixture/1`, {
      method: "POST",
      headers: { "content-type": "application/merge-patch+json; charset=utf-8" },
      body: JSON.stringify({ name: "a", count: 2 }),
    });
    expect(res.status).toBe(200);
  });

  test("malformed JSON → 400 MALFORMED_JSON", async () => {
    const res = await fetch(`${fx.url}/fixture/1`, {
      method: "POST",
      headers: json,
      body: '{"name":',
    });
    await expectA3(res, 400, "MALFORMED_JSON");
  });

  test("invalid UTF-8 → 400 MALFORMED_JSON", async () => {
    const body = new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
    const res = await fetch(`${fx.url}/fixture/1`, { method: "POST", headers: json, body });
    await expectA3(res, 400, "MALFORMED_JSON");
  });

  test("wrong content type → 415", async () => {
    for (const ct of [
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
    ]) {
      const res = await fetch(`${fx.url}/fixture/1`, {
        method: "POST",
        headers: { "content-type": ct },
        body: "name=a",
      });
      await expectA3(res, 415, "UNSUPPORTED_MEDIA_TYPE");
    }
  });

  test("schema mismatch → 422 with per-field details", async () => {
    const res = await fetch(`${fx.url}/fixture/1`, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ name: "", count: "three" }),
    });
    const body = await expectA3(res, 422, "VALIDATION_FAILED");
    const details = body.details as { field: string; message: string }[];
    expect(details.map((d) => d.field).sort()).toEqual(["count", "name"]);
    for (const d of details) expect(typeof d.message).toBe("string");
  });

  test("missing body on a body route → 422", async () => {
    const res = await fetch(`${fx.url}/fixture/1`, { method: "POST", headers: json });
    await expectA3(res, 422, "VALIDATION_FAILED");
  });

  test("a 10 MB body with Content-Length → 413 without reading it", async () => {
    const res = await fetch(`${fx.url}/fixture/1`, {
      method: "POST",
      headers: json,
      body: "x".repeat(10 * 1024 * 1024),
    });
    await expectA3(res, 413, "PAYLOAD_TOO_LARGE");
  });

  test("a declared 10 GB body on the real node → A3 413 at once (Bun's own cap never answers)", async () => {
    const reply = await rawExchange(
      node.url,
      "POST /v1/health HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: 10000000000\r\n\r\n{",
      (buf) => buf.includes("}"),
    );
    expect(reply).toStartWith("HTTP/1.1 413 ");
    expect(reply.toLowerCase()).toContain("x-request-id:");
    expect(reply).toContain('"code":"PAYLOAD_TOO_LARGE"');
  });

  test("a chunked body that grows past the limit → 413 (streamed size check)", async () => {
    const chunk = new TextEncoder().encode(" ".repeat(16 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(ctrl) {
        if (sent++ >= 64)
          ctrl.close(); // 1 MB in total, limit is 64 KB
        else ctrl.enqueue(chunk);
      },
    });
    const res = await fetch(`${fx.url}/fixture/1`, { method: "POST", headers: json, body: stream });
    expect(res.headers.get("content-length")).not.toBeNull();
    await expectA3(res, 413, "PAYLOAD_TOO_LARGE");
  });

  test("unknown route → 404 ROUTE_NOT_FOUND", async () => {
    await expectA3(await fetch(`${fx.url}/no/such/route`), 404, "ROUTE_NOT_FOUND");
    await expectA3(await fetch(`${node.url}/v1/nothing-here`), 404, "ROUTE_NOT_FOUND");
  });

  test("known path, wrong method → 405 with Allow", async () => {
    const res = await fetch(`${fx.url}/fixture/5`, { method: "DELETE" });
    await expectA3(res, 405, "METHOD_NOT_ALLOWED");
    expect(res.headers.get("allow")).toBe("POST");
    const health = await fetch(`${node.url}/v1/health`, {
      method: "PUT",
      headers: json,
      body: "{}",
    });
    await expectA3(health, 405, "METHOD_NOT_ALLOWED");
  });

  test.each([
    ["unicode digits", "%D9%A1%D9%A2"],
    ["emoji", "%F0%9F%98%80"],
    ["2^64", "18446744073709551616"],
    ["2^63 (one past int64)", "9223372036854775808"],
    ["leading zero", "0123"],
    ["negative", "-5"],
    ["float", "1.5"],
    ["exponent", "1e5"],
    ["zero", "0"],
  ])("path id %s → 400 INVALID_ID", async (_name, id) => {
    const res = await fetch(`${fx.url}/fixture/${id}`, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ name: "a", count: 1 }),
    });
    await expectA3(res, 400, "INVALID_ID");
  });

  test("pagination: defaults, clamping, garbage → 400", async () => {
    expect(await (await fetch(`${fx.url}/fixture`)).json()).toEqual({ limit: 50, offset: 0 });
    expect(await (await fetch(`${fx.url}/fixture?limit=0`)).json()).toEqual({
      limit: 1,
      offset: 0,
    });
    expect(await (await fetch(`${fx.url}/fixture?limit=1000&offset=7`)).json()).toEqual({
      limit: 100,
      offset: 7,
    });
    for (const q of [
      "limit=abc",
      "limit=-1",
      "offset=-3",
      "offset=1.5",
      "limit=99999999999999999999",
    ]) {
      await expectA3(await fetch(`${fx.url}/fixture?${q}`), 400, "INVALID_ARGUMENT");
    }
  });

  test("an unexpected error → 500 generic message, logged with the request id, no stack", async () => {
    const res = await fetch(`${fx.url}/fixture/boom`, { headers: { "x-request-id": "trace-500" } });
    const body = await expectA3(res, 500, "INTERNAL");
    expect(body.error).toBe("Internal server error");
    expect(JSON.stringify(body)).not.toContain("secret");
    const line = logged.find((l) => l.fields.includes("trace-500"));
    expect(line?.fields).toContain("disk exploded");
  });

  test("an AppError with retryAfterSeconds sets Retry-After", async () => {
    const res = await fetch(`${fx.url}/fixture/busy`);
    await expectA3(res, 429, "FIXTURE_BUSY");
    expect(res.headers.get("retry-after")).toBe("7");
  });

  test("a sane incoming X-Request-Id is kept; anything else is replaced", async () => {
    const kept = await fetch(`${node.url}/livez`, { headers: { "x-request-id": "abc-123.X:y_z" } });
    expect(kept.headers.get("x-request-id")).toBe("abc-123.X:y_z");
    const replaced = await fetch(`${node.url}/livez`, {
      headers: { "x-request-id": "bad id<script>" },
    });
    expect(replaced.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const long = await fetch(`${node.url}/livez`, { headers: { "x-request-id": "a".repeat(500) } });
    expect(long.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  test("a malformed request line gets an error, not a crash", async () => {
    const reply = await rawExchange(node.url, "GARBAGE /\x00 HTTP/9\r\n\r\n");
    // Bun's own HTTP parser answers this before any application code runs.
    expect(reply === "" || /^HTTP\/1\.1 (4\d\d|505) /.test(reply)).toBe(true);
    expect((await fetch(`${node.url}/livez`)).status).toBe(200);
  });
});

describe("health and metrics", () => {
  test("liveness and readiness probes answer 200 with an empty body", async () => {
    for (const p of [
      "/livez",
      "/readyz",
      "/startupz",
      "/v1/health/live",
      "/v1/health/ready",
      "/v1/health/startup",
    ]) {
      const res = await node.fetch(p);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe("");
      expect(res.headers.get("x-request-id")).toBeTruthy();
    }
    const legacy = await node.fetch("/health");
    expect(legacy.status).toBe(200);
    expect(await legacy.text()).toBe("OK");
  });

  test("/v1/health reports status, version, uptime, storage, node and engine link", async () => {
    const res = await node.fetch("/v1/health");
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      status: "healthy",
      version: "0.1.0",
      storage: { backend: "memory", healthy: true },
      engine: { mode: "standalone" },
      node_id: node.config.cluster.node_id,
    });
    expect(Number.isInteger(body.uptime)).toBe(true);
  });

  test("/metrics is Prometheus text labelled by route template, not raw path", async () => {
    await fetch(`${fx.url}/fixture/987654321`, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ name: "a", count: 1 }),
    });
    await node.fetch("/v1/health");
    await node.fetch("/definitely/unknown/42");
    const res = await node.fetch("/metrics");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    const text = await res.text();
    expect(text).toContain("# TYPE http_requests_total counter");
    expect(text).toContain("# TYPE http_request_duration_seconds histogram");
    expect(text).toMatch(
      /http_requests_total\{[^}]*method="GET",route="\/v1\/health",status="200"/,
    );
    expect(text).toMatch(/http_requests_total\{[^}]*route="\(unmatched\)",status="404"/);
    expect(text).not.toContain("/definitely/unknown/42");
    expect(text).toMatch(/http_request_duration_seconds_bucket\{[^}]*route="\/v1\/health"/);
    // The KV store's counters are read at scrape time: the health probe above committed nothing,
    // but the node's own start-up (registration, leader claim) did.
    const commits = text.match(/^kv_commits_total\{[^}]*backend="memory"[^}]*\} (\d+)$/m);
    expect(commits).not.toBeNull();
    expect(Number(commits![1])).toBeGreaterThan(0);
    expect(text).toContain("# TYPE kv_conflicts_total counter");
  });

  test("each answer is counted once: route answers, their errors, unmatched paths", async () => {
    const count = async (route: string, status: number) => {
      const text = await (await node.fetch("/metrics")).text();
      const series = `http_requests_total{method="GET",route="${route}",status="${status}"`;
      const l = text.split("\n").find((x) => x.startsWith(series));
      return l === undefined ? 0 : Number(l.slice(l.lastIndexOf(" ") + 1));
    };
    const before = [
      await count("/v1/users/me", 401),
      await count("/livez", 200),
      await count("(unmatched)", 404),
    ];
    for (let i = 0; i < 3; i++) {
      // 401 thrown by the session resolver: the route's own error path runs the errors plugin.
      expect((await node.fetch("/v1/users/me")).status).toBe(401);
      expect((await node.fetch("/livez")).status).toBe(200);
      expect((await node.fetch("/no/such/route")).status).toBe(404);
    }
    expect(await count("/v1/users/me", 401)).toBe((before[0] as number) + 3);
    expect(await count("/livez", 200)).toBe((before[1] as number) + 3);
    expect(await count("(unmatched)", 404)).toBe((before[2] as number) + 3);
  });

  test("readiness turns 503 (A3) when the KV store is unavailable; liveness stays 200", async () => {
    const s = await createTestServer();
    try {
      await s.node.kv.close();
      await expectA3(await s.fetch("/readyz"), 503, "UNAVAILABLE");
      await expectA3(await s.fetch("/v1/health/ready"), 503, "UNAVAILABLE");
      const health = await s.fetch("/v1/health");
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({
        status: "unhealthy",
        storage: { healthy: false },
      });
      expect((await s.fetch("/livez")).status).toBe(200);
    } finally {
      await s.close();
    }
  });

  test("sections registered in the HealthRegistry appear in /v1/health", async () => {
    const s = await createTestServer();
    try {
      const remove = s.node.health.register("probe_section", () => ({ answer: 42 }));
      s.node.health.register("broken", () => {
        throw new Error("nope");
      });
      s.node.health.register("status", () => ({ hijack: true })); // core fields cannot be replaced
      const body = (await (await s.fetch("/v1/health")).json()) as Record<string, unknown>;
      expect(body.probe_section).toEqual({ answer: 42 });
      expect(body.broken).toEqual({ error: "unavailable" });
      expect(body.status).toBe("healthy");
      remove();
      const after = (await (await s.fetch("/v1/health")).json()) as Record<string, unknown>;
      expect(after.probe_section).toBeUndefined();
    } finally {
      await s.close();
    }
  });
});
