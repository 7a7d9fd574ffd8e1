/**
 * Regression tests of the defects the HTTP fuzzer (./fuzz.test.ts) found (docs/robustness.md,
 * "HTTP fuzzer"). Every response goes through the OpenAPI contract check of the test server's
 * fetch, so an undocumented answer fails here too.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { createTestServer, type TestServer } from "../../support/server.ts";

let server: TestServer;

beforeAll(async () => {
  server = await createTestServer();
});
afterAll(() => server.close());

async function errorBody(res: Response) {
  const body = (await res.json()) as Record<string, unknown>;
  expect(typeof body.code).toBe("string");
  expect(body.request_id).toBe(res.headers.get("x-request-id") as string);
  return body;
}

const form = { "content-type": "application/x-www-form-urlencoded" };

test("431 before routing on an OAuth-style route answers the OAuth error body (seed 15015 case 2874)", async () => {
  for (const path of ["/oauth/device_authorization", "/oauth/token", "/v1/token"]) {
    const res = await server.fetch(path, {
      method: "POST",
      headers: { ...form, "x-fuzz": "h".repeat(40_000) },
      body: "client_id=x",
    });
    expect(res.status).toBe(431);
    const body = await errorBody(res);
    expect(body).toMatchObject({ error: "invalid_request", code: "HEADERS_TOO_LARGE" });
    expect(typeof body.error_description).toBe("string");
  }
});

test("413 by Content-Length on an OAuth-style route answers the OAuth error body", async () => {
  const res = await server.fetch("/v1/token", {
    method: "POST",
    headers: form,
    body: `grant_type=${"x".repeat(server.config.server.max_body_bytes + 1)}`,
  });
  expect(res.status).toBe(413);
  const body = await errorBody(res);
  expect(body.code).toBe("PAYLOAD_TOO_LARGE");
  expect(typeof body.error_description).toBe("string");
});

test("a 431 elsewhere keeps the A3 body (no error_description)", async () => {
  const res = await server.fetch("/v1/auth/me", { headers: { "x-fuzz": "h".repeat(40_000) } });
  expect(res.status).toBe(431);
  const body = await errorBody(res);
  expect(body.error_description).toBeUndefined();
});

test("the HTML OAuth pages document the JSON error body of a malformed request (cases 225, 823, 1440)", async () => {
  // Invalid UTF-8 in the form body of POST /oauth/device and POST /oauth/authorize.
  for (const path of ["/oauth/device", "/oauth/authorize"]) {
    const res = await server.fetch(path, {
      method: "POST",
      headers: form,
      body: Buffer.concat([Buffer.from("user_code=a"), Buffer.from([0xff, 0xfe])]),
    });
    expect(res.status).toBe(400);
    expect((await errorBody(res)).code).toBe("MALFORMED_JSON");
  }
  // A repeated form parameter.
  const rep = await server.fetch("/oauth/device", {
    method: "POST",
    headers: form,
    body: "user_code=a&user_code=b",
  });
  expect(rep.status).toBe(400);
  expect((await errorBody(rep)).code).toBe("INVALID_ARGUMENT");
  // A query parameter beyond its documented length on GET /oauth/authorize.
  const q = await server.fetch(`/oauth/authorize?scope=${"9".repeat(20_000)}`);
  expect(q.status).toBe(400);
  expect(q.headers.get("content-type")).toStartWith("application/json");
  await errorBody(q);
});

test("HEAD on a GET route is checked as the GET answer without a body (case 1053)", async () => {
  for (const path of ["/ui/register", "/livez", "/openapi.json"]) {
    const res = await server.fetch(path, { method: "HEAD" });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("");
  }
});
