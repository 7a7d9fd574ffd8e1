/**
 * `GET /openapi.json` on a real node serves the committed document (docs/openapi.json). Like every
 * e2e response, the answer itself is checked against the document (test/support/contract.ts).
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { registerContractOrigin, unregisterContractOrigin } from "../../support/contract.ts";
import { createTestServer, type TestServer } from "../../support/server.ts";

let server: TestServer;

beforeAll(async () => {
  server = await createTestServer();
});

afterAll(() => server.close());

test("GET /openapi.json serves docs/openapi.json", async () => {
  const res = await server.fetch("/openapi.json");
  expect(res.status).toBe(200);
  expect(res.headers.get("x-request-id")).toBeTruthy();
  const committed = readFileSync(resolve(import.meta.dir, "../../../docs/openapi.json"), "utf8");
  expect(await res.text()).toBe(committed);
});

test("a response that drifts from the document fails the fetch that received it", async () => {
  // A stand-in server on a real socket, registered like a test server, answering GET /v1/users/me
  // with a user whose name is a number.
  const drift = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch: () =>
      Response.json(
        {
          user: {
            id: "1",
            name: 42,
            created_at: "2024-01-01T00:00:00.000Z",
            tos_accepted_at: null,
          },
        },
        { headers: { "x-request-id": "r" } },
      ),
  });
  const origin = `http://127.0.0.1:${drift.port}`;
  registerContractOrigin(origin);
  try {
    await expect(fetch(`${origin}/v1/users/me`)).rejects.toThrow(/GET \/v1\/users\/me -> 200/);
  } finally {
    unregisterContractOrigin(origin);
    drift.stop(true);
  }
  // Unregistered origins are not checked.
  const again = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response("x") });
  try {
    expect(await (await fetch(`http://127.0.0.1:${again.port}/v1/users/me`)).text()).toBe("x");
  } finally {
    again.stop(true);
  }
});
