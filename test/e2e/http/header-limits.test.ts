/**
 * Oversized request lines and headers get the error body (431 `HEADERS_TOO_LARGE` with a request
 * id), not Bun's bare 431: the test process runs with `--max-http-header-size=262144` (npm test,
 * npm start), and `server.max_header_bytes` (32 KiB by default) is checked on every request.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { maxHeaderSize } from "node:http";
import { createTestServer, type TestServer } from "../../support/server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer();
});
afterAll(() => server.close());

async function expectA3_431(res: Response) {
  expect(res.status).toBe(431);
  expect(res.headers.get("x-request-id")).toBeTruthy();
  const body = (await res.json()) as { code: string; request_id: string };
  expect(body.code).toBe("HEADERS_TOO_LARGE");
  expect(body.request_id).toBe(res.headers.get("x-request-id") as string);
}

test("the process parses headers larger than the configured limit", () => {
  // Otherwise Bun's own parser would answer first (bare 431, no body): see package.json scripts.
  expect(maxHeaderSize).toBeGreaterThan(server.config.server.max_header_bytes);
});

test("a 60 KB cookie or a 60 KB URL gets 431 with the error body", async () => {
  await expectA3_431(
    await server.fetch("/livez", { headers: { cookie: `a=${"x".repeat(60_000)}` } }),
  );
  await expectA3_431(await server.fetch(`/v1/users/me?pad=${"y".repeat(60_000)}`));
  // Just under the limit is served as usual.
  const ok = await server.fetch("/livez", { headers: { "x-pad": "z".repeat(20_000) } });
  expect(ok.status).toBe(200);
});

test("the limit is configurable", async () => {
  const small = await createTestServer({ config: { server: { max_header_bytes: 4096 } } });
  try {
    await expectA3_431(await small.fetch("/livez", { headers: { "x-pad": "z".repeat(5000) } }));
    expect((await small.fetch("/livez")).status).toBe(200);
  } finally {
    await small.close();
  }
});
