/**
 * Regression tests for the defects the gRPC fuzzer found (docs/robustness.md): the standard
 * health service decoded requests without `tolerantDefinition` (an undecodable Check or Watch was
 * INTERNAL), and Check echoed any service name into its NOT_FOUND message (a 2 MB name overflowed
 * the status trailer: the stream was reset, the client saw INTERNAL).
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { Client, credentials, Metadata, type ServiceError, status } from "@grpc/grpc-js";
import { createTestServer, type TestServer } from "../../support/server.ts";

let server: TestServer;
let raw: Client;
beforeAll(async () => {
  server = await createTestServer();
  raw = new Client(server.grpcAddress, credentials.createInsecure());
});
afterAll(async () => {
  raw?.close();
  await server?.close();
});

const CHECK = "/grpc.health.v1.Health/Check";

function unary(bytes: Buffer): Promise<ServiceError | null> {
  return new Promise((resolve) =>
    raw.makeUnaryRequest(
      CHECK,
      (b: Buffer) => b,
      (b: Buffer) => b,
      bytes,
      new Metadata(),
      (e) => resolve(e),
    ),
  );
}

test("an undecodable Health/Check is INVALID_ARGUMENT (was INTERNAL)", async () => {
  const err = await unary(Buffer.from([0xff, 0xff, 0xff]));
  expect(err?.code).toBe(status.INVALID_ARGUMENT);
  expect(err?.metadata.get("x-error-code")).toEqual(["INVALID_ARGUMENT"]);
});

test("an undecodable Health/Watch is INVALID_ARGUMENT (was INTERNAL)", async () => {
  const err = await new Promise<ServiceError | undefined>((resolve) => {
    const call = raw.makeServerStreamRequest(
      "/grpc.health.v1.Health/Watch",
      (b: Buffer) => b,
      (b: Buffer) => b,
      Buffer.from([0xff, 0xff, 0xff]),
      new Metadata(),
    );
    call.on("data", () => resolve(undefined));
    call.on("error", (e: ServiceError) => resolve(e));
  });
  expect(err?.code).toBe(status.INVALID_ARGUMENT);
});

test("Health/Check of a 2 MB service name is NOT_FOUND with a short message (was a reset stream)", async () => {
  const size = server.config.server.max_body_bytes - 64;
  const name = Buffer.alloc(size, 0x61);
  const header = Buffer.from([0x0a, 0x80 | (size & 0x7f), 0x80 | ((size >> 7) & 0x7f), size >> 14]);
  const err = await unary(Buffer.concat([header, name]));
  expect(err?.code).toBe(status.NOT_FOUND);
  expect(err?.details).toBe("unknown service");
  const short = await unary(Buffer.from([0x0a, 0x03, 0x61, 0x62, 0x63]));
  expect(short?.details).toBe("unknown service: abc");
});
