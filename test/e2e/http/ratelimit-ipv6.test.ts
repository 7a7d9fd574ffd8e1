/**
 * Per-IP limits count an IPv6 /64 as one client (src/domain/ratelimit/client.ts): a client behind
 * a trusted proxy that rotates through addresses of its /64 still spends one bucket, while another
 * /64 and an IPv4 client keep their own.
 */
import { afterAll, expect, test } from "bun:test";
import { createTestServer, type TestServer } from "../../support/server.ts";
import { call } from "./identity-helpers.ts";

const servers: TestServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

test("addresses of one IPv6 /64 share the registration limit; other clients do not", async () => {
  const s = await createTestServer({
    config: {
      rate_limiting: { enabled: true, registrations_per_ip_per_day: 2 },
      server: { trusted_proxies: ["127.0.0.0/8", "::1"] },
    },
  });
  servers.push(s);
  let n = 0;
  const register = async (ip: string) =>
    (
      await call(
        s,
        "POST",
        "/v1/auth/register",
        { name: "V6", email: `v6-${n++}@example.com`, password: "long enough password" },
        { headers: { "x-forwarded-for": ip } },
      )
    ).status;
  expect(await register("2001:db8:aa:1::1")).toBe(201);
  expect(await register("2001:db8:aa:1::2")).toBe(201);
  // A third address of the same /64 is the same client.
  expect(await register("2001:db8:aa:1:ffff:1234:5678:9abc")).toBe(429);
  // Another /64 and an IPv4 client have their own buckets.
  expect(await register("2001:db8:aa:2::1")).toBe(201);
  expect(await register("192.0.2.10")).toBe(201);
});
