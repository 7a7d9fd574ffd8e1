/**
 * The gRPC front over a real socket with a real grpc-js client: standard health checking (Check
 * and Watch follow readiness), server reflection listing our services, SystemService/GetInfo,
 * and typed errors (unknown service → NOT_FOUND, with x-request-id in trailers).
 */
import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import {
  type Client,
  credentials,
  loadPackageDefinition,
  Metadata,
  type ServiceError,
  status,
} from "@grpc/grpc-js";
import { loadSync } from "@grpc/proto-loader";
import { LOADER_OPTIONS, protoFiles } from "../../../src/grpc/protos.ts";
import { createTestServer, type TestServer } from "../../support/server.ts";

type Unary = (
  req: unknown,
  md: Metadata,
  cb: (err: ServiceError | null, res: Record<string, unknown>) => void,
  // biome-ignore lint/suspicious/noExplicitAny: dynamic grpc-js client
) => any;
type DynClient = Client & Record<string, Unary & ((req: unknown) => NodeJS.EventEmitter)>;

const ours = loadPackageDefinition(loadSync(protoFiles(), LOADER_OPTIONS)) as never as {
  grpc: { health: { v1: { Health: new (a: string, c: unknown) => DynClient } } };
  inferadb: { management: { v1: { SystemService: new (a: string, c: unknown) => DynClient } } };
};
const reflectionProto = join(
  dirname(createRequire(import.meta.url).resolve("@grpc/reflection/package.json")),
  "build/proto/grpc/reflection/v1/reflection.proto",
);
const reflection = loadPackageDefinition(loadSync(reflectionProto, LOADER_OPTIONS)) as never as {
  grpc: { reflection: { v1: { ServerReflection: new (a: string, c: unknown) => DynClient } } };
};

function call(client: DynClient, method: string, req: unknown, md = new Metadata()) {
  return new Promise<{ res?: Record<string, unknown>; err?: ServiceError }>((resolve) => {
    client[method]?.(req, md, (err, res) => resolve(err ? { err } : { res }));
  });
}

let server: TestServer;
const clients: DynClient[] = [];
const client = <T extends DynClient>(C: new (a: string, c: unknown) => T): T => {
  const c = new C(server.grpcAddress, credentials.createInsecure());
  clients.push(c);
  return c;
};

beforeEach(async () => {
  server = await createTestServer();
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await server.close();
});

describe("grpc front", () => {
  test("health Check reports SERVING for the server and our services", async () => {
    const health = client(ours.grpc.health.v1.Health);
    expect((await call(health, "Check", { service: "" })).res).toEqual({ status: "SERVING" });
    const named = await call(health, "Check", { service: "inferadb.management.v1.SystemService" });
    expect(named.res).toEqual({ status: "SERVING" });
  });

  test("health Check of an unknown service is NOT_FOUND with a request id", async () => {
    const health = client(ours.grpc.health.v1.Health);
    const md = new Metadata();
    md.set("x-request-id", "req-grpc-1");
    const { err } = await call(health, "Check", { service: "no.such.Service" }, md);
    expect(err?.code).toBe(status.NOT_FOUND);
    expect(err?.metadata.get("x-request-id")).toEqual(["req-grpc-1"]);
    expect(err?.metadata.get("x-error-code")).toEqual(["NOT_FOUND"]);
  });

  test("health Watch streams the current status and ends at shutdown", async () => {
    const health = client(ours.grpc.health.v1.Health);
    const stream = health.Watch?.({ service: "" }) as NodeJS.EventEmitter;
    const first = await new Promise<unknown>((resolve) => stream.once("data", resolve));
    expect(first).toEqual({ status: "SERVING" });
    const ended = new Promise<void>((resolve) => {
      stream.on("end", () => resolve());
      stream.on("error", () => resolve());
    });
    await server.close();
    await ended;
  });

  test("reflection lists our services and health", async () => {
    const refl = client(reflection.grpc.reflection.v1.ServerReflection);
    const stream = (
      refl.ServerReflectionInfo as unknown as () => unknown
    )() as NodeJS.EventEmitter & {
      write(m: unknown): void;
      end(): void;
    };
    const reply = new Promise<Record<string, unknown>>((resolve, reject) => {
      stream.once("data", resolve);
      stream.once("error", reject);
    });
    stream.write({ list_services: "*" });
    const res = (await reply) as { list_services_response?: { service: { name: string }[] } };
    stream.end();
    const names = res.list_services_response?.service.map((s) => s.name) ?? [];
    expect(names).toContain("inferadb.management.v1.SystemService");
    expect(names).toContain("grpc.health.v1.Health");
    for (const svc of [
      "AuthService",
      "UserService",
      "OrganizationService",
      "TeamService",
      "VaultService",
      "ClientService",
      "TokenService",
    ]) {
      expect(names).toContain(`inferadb.management.v1.${svc}`);
    }
  });

  test("SystemService/GetInfo answers with the node's facts", async () => {
    const sys = client(ours.inferadb.management.v1.SystemService);
    const { res } = await call(sys, "GetInfo", {});
    expect(res).toMatchObject({
      version: "0.1.0",
      node_id: server.config.cluster.node_id,
      environment: "test",
      storage_backend: "memory",
      engine: "standalone",
    });
  });

  test("garbage bytes on the wire get an error status, and the server keeps serving", async () => {
    const raw = new (await import("@grpc/grpc-js")).Client(
      server.grpcAddress,
      credentials.createInsecure(),
    );
    clients.push(raw as DynClient);
    const err = await new Promise<ServiceError | null>((resolve) => {
      raw.makeUnaryRequest(
        "/inferadb.management.v1.SystemService/GetInfo",
        (b: Buffer) => b,
        (b: Buffer) => b,
        Buffer.from([0xff, 0xff, 0xff, 0xff]),
        (e) => resolve(e),
      );
    });
    expect(err?.code).toBeOneOf([status.INVALID_ARGUMENT, status.INTERNAL]);
    const health = client(ours.grpc.health.v1.Health);
    expect((await call(health, "Check", { service: "" })).res).toEqual({ status: "SERVING" });
  });
});
