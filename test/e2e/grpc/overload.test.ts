/**
 * gRPC load shedding (issue 15, item 6): beyond `server.max_inflight_requests` calls in flight a
 * new call is refused at once with RESOURCE_EXHAUSTED, `x-error-code: OVERLOADED` and
 * `retry-after: 1`, before any work; the calls admitted complete normally, the health service is
 * never shed, and once the burst is over every call is served again (the count does not leak).
 * A real server over a real socket; 200 concurrent sign-ins against a bound of 8.
 */
import { afterAll, expect, test } from "bun:test";
import { credentials, loadPackageDefinition, Metadata, status } from "@grpc/grpc-js";
import { loadSync } from "@grpc/proto-loader";
import { LOADER_OPTIONS, protoFiles } from "../../../src/grpc/protos.ts";
import { createTestServer } from "../../support/server.ts";
import { GrpcClients } from "./grpc-harness.ts";

const server = await createTestServer({
  config: { server: { max_inflight_requests: 8 }, rate_limiting: { enabled: false } },
});
const g = new GrpcClients(server.grpcAddress);

interface HealthClient {
  Check(req: { service: string }, cb: (err: { code: number } | null) => void): void;
  close(): void;
}
afterAll(async () => {
  g.close();
  await server.close();
});

test("a burst beyond the in-flight bound is shed with RESOURCE_EXHAUSTED OVERLOADED, and service resumes", async () => {
  const login = { email: "nobody@example.com", password: "not the password at all" };
  const burst = await Promise.all(
    Array.from({ length: 200 }, () =>
      g.call("AuthService", "LoginPassword", login, new Metadata()),
    ),
  );
  const shed = burst.filter((r) => r.err?.code === status.RESOURCE_EXHAUSTED);
  const served = burst.filter((r) => r.err?.code === status.UNAUTHENTICATED);
  expect(shed.length).toBeGreaterThan(0);
  expect(served.length).toBeGreaterThanOrEqual(8);
  expect(shed.length + served.length).toBe(200);
  for (const r of shed) {
    expect(r.err?.metadata.get("x-error-code")).toEqual(["OVERLOADED"]);
    expect(r.err?.metadata.get("retry-after")).toEqual(["1"]);
    expect(r.err?.metadata.get("x-request-id")[0]).toBeTruthy();
  }
  // Sequential calls after the burst are all served: nothing leaked from the count.
  for (let i = 0; i < 20; i++) {
    const r = await g.call("AuthService", "LoginPassword", login, new Metadata());
    expect(r.err?.code).toBe(status.UNAUTHENTICATED);
  }
});

test("the health service is never shed", async () => {
  const pkg = loadPackageDefinition(loadSync(protoFiles(), LOADER_OPTIONS)) as never as {
    grpc: {
      health: {
        v1: { Health: new (a: string, c: unknown) => HealthClient };
      };
    };
  };
  const health = new pkg.grpc.health.v1.Health(server.grpcAddress, credentials.createInsecure());
  try {
    const login = { email: "nobody@example.com", password: "not the password at all" };
    const check = () =>
      new Promise<number>((resolve) =>
        health.Check({ service: "" }, (err) => resolve(err ? err.code : status.OK)),
      );
    expect(await check()).toBe(status.OK); // connected before the burst
    // Checks interleaved with a burst of sign-ins: most arrive while the bound is reached.
    const calls: Promise<{ err?: { code: number } }>[] = [];
    const checks: Promise<number>[] = [];
    for (let i = 0; i < 300; i++) {
      calls.push(g.call("AuthService", "LoginPassword", login, new Metadata()));
      if (i % 6 === 5) {
        checks.push(check());
      }
    }
    const [results, codes] = await Promise.all([Promise.all(calls), Promise.all(checks)]);
    expect(results.some((r) => r.err?.code === status.RESOURCE_EXHAUSTED)).toBe(true);
    expect(codes.every((c) => c === status.OK)).toBe(true);
  } finally {
    health.close();
  }
});
