/**
 * The gRPC front resolves the client address as HTTP does (src/lib/net.ts): the socket peer, or,
 * when the peer is one of `server.trusted_proxies`, the first untrusted hop of `x-forwarded-for`
 * metadata. Checked through the per-IP registration limit, which counts that address.
 */
import { afterAll, expect, test } from "bun:test";
import { Metadata, status } from "@grpc/grpc-js";
import { createTestServer, type TestServer } from "../../support/server.ts";
import { GrpcClients } from "./grpc-harness.ts";

const open: { server: TestServer; g: GrpcClients }[] = [];
afterAll(async () => {
  for (const o of open) o.g.close();
  await Promise.all(open.map((o) => o.server.close()));
});

async function start(trusted: string[]) {
  const server = await createTestServer({
    config: {
      rate_limiting: { enabled: true, registrations_per_ip_per_day: 1 },
      server: { trusted_proxies: trusted },
    },
  });
  const g = new GrpcClients(server.grpcAddress);
  open.push({ server, g });
  let n = 0;
  return async (forwardedFor: string) => {
    const md = new Metadata();
    md.set("x-forwarded-for", forwardedFor);
    const req = { name: "Ip", email: `ip-${n++}@example.com`, password: "long enough password" };
    const { err } = await g.call("AuthService", "Register", req, md);
    return err?.code ?? status.OK;
  };
}

test("behind a trusted proxy, x-forwarded-for names the client", async () => {
  const register = await start(["127.0.0.0/8", "::1"]);
  expect(await register("10.0.0.1")).toBe(status.OK);
  expect(await register("10.0.0.2")).toBe(status.OK);
  expect(await register("10.0.0.1")).toBe(status.RESOURCE_EXHAUSTED);
  // A spoofed left-most hop is not believed: the right-most untrusted hop is the client.
  expect(await register("10.9.9.9, 10.0.0.2")).toBe(status.RESOURCE_EXHAUSTED);
});

test("without a trusted proxy the metadata is ignored: every call counts as the socket peer", async () => {
  const register = await start([]);
  expect(await register("10.0.0.1")).toBe(status.OK);
  expect(await register("10.0.0.2")).toBe(status.RESOURCE_EXHAUSTED);
});
