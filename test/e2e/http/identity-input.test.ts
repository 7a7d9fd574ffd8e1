/**
 * Bad input on every identity route (api.md A3, G7): malformed JSON, wrong media type, missing
 * and mistyped fields, unknown fields, a 10 MB body, over-long strings, unicode / emoji / control
 * characters, malformed path ids, and missing, malformed, forged or expired session credentials.
 * Every answer is a typed 4xx with the A3 body (or a success where the input is legal), never a
 * 500. Expiry and sliding refresh run on a fake clock.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { randomBytes } from "node:crypto";
import { FakeClock } from "../../../src/lib/clock.ts";
import { createTestServer, type TestServer } from "../../support/server.ts";
import { type Account, call, type Reply, registerAccount } from "./identity-helpers.ts";

interface Route {
  method: string;
  path: string;
  session: boolean;
  /** A valid body, when the route takes one. */
  body?: Record<string, unknown>;
  /** Body fields that are strings (for type and length abuse). */
  strings?: string[];
}

const SOME_ID = "123456789012345678";
const ROUTES: Route[] = [
  {
    method: "POST",
    path: "/v1/auth/register",
    session: false,
    body: { name: "N", email: "x@example.com", password: "long enough password" },
    strings: ["name", "email", "password"],
  },
  {
    method: "POST",
    path: "/v1/auth/login/password",
    session: false,
    body: { email: "x@example.com", password: "long enough password" },
    strings: ["email", "password"],
  },
  { method: "POST", path: "/v1/auth/logout", session: false },
  {
    method: "POST",
    path: "/v1/auth/verify-email",
    session: false,
    body: { token: "x" },
    strings: ["token"],
  },
  {
    method: "POST",
    path: "/v1/auth/password-reset/request",
    session: false,
    body: { email: "x@example.com" },
    strings: ["email"],
  },
  {
    method: "POST",
    path: "/v1/auth/password-reset/confirm",
    session: false,
    body: { token: "x", new_password: "long enough password" },
    strings: ["token", "new_password"],
  },
  { method: "GET", path: "/v1/auth/me", session: true },
  { method: "GET", path: "/v1/users/me", session: true },
  {
    method: "PATCH",
    path: "/v1/users/me",
    session: true,
    body: { name: "New name" },
    strings: ["name"],
  },
  { method: "DELETE", path: "/v1/users/me", session: true },
  { method: "GET", path: "/v1/users/sessions", session: true },
  { method: "DELETE", path: `/v1/users/sessions/${SOME_ID}`, session: true },
  { method: "POST", path: "/v1/users/sessions/revoke-others", session: true },
  {
    method: "POST",
    path: "/v1/users/emails",
    session: true,
    body: { email: "y@example.com" },
    strings: ["email"],
  },
  { method: "GET", path: "/v1/users/emails", session: true },
  {
    method: "PATCH",
    path: `/v1/users/emails/${SOME_ID}`,
    session: true,
    body: { is_primary: true },
  },
  { method: "DELETE", path: `/v1/users/emails/${SOME_ID}`, session: true },
  { method: "POST", path: `/v1/users/emails/${SOME_ID}/resend-verification`, session: true },
];

const BODY_ROUTES = ROUTES.filter((r) => r.body);
const SESSION_ROUTES = ROUTES.filter((r) => r.session);
const ID_ROUTES = ROUTES.filter((r) => r.path.includes(SOME_ID));

let server: TestServer;
let clock: FakeClock;
let account: Account;

beforeAll(async () => {
  clock = new FakeClock(Date.UTC(2026, 0, 1));
  server = await createTestServer({ clock });
  account = await registerAccount(server);
});
afterAll(async () => {
  await server.close();
});

/** A typed 4xx with the A3 body and a matching X-Request-Id. */
function expectA3(r: Reply, status?: number, code?: string) {
  expect(r.status).toBeGreaterThanOrEqual(400);
  expect(r.status).toBeLessThan(500);
  if (status !== undefined) expect(r.status).toBe(status);
  expect(typeof r.body?.error).toBe("string");
  expect(typeof r.body?.code).toBe("string");
  expect(r.body.request_id).toBe(r.headers.get("x-request-id"));
  if (code !== undefined) expect(r.body.code).toBe(code);
}

/** Never a 5xx; a 4xx must carry the A3 body. */
function expectNo500(r: Reply) {
  expect(r.status).toBeLessThan(500);
  if (r.status >= 400) expectA3(r);
}

const auth = (r: Route) => (r.session ? { bearer: account.session } : {});

describe("body abuse on every body route", () => {
  for (const r of BODY_ROUTES) {
    test(`${r.method} ${r.path}`, async () => {
      expectA3(await call(server, r.method, r.path, '{"name": ', auth(r)), 400, "MALFORMED_JSON");
      expectA3(
        await call(server, r.method, r.path, "name=x", {
          ...auth(r),
          headers: { "content-type": "text/plain" },
        }),
        415,
        "UNSUPPORTED_MEDIA_TYPE",
      );
      expectA3(await call(server, r.method, r.path, "[1,2]", auth(r)), 422, "VALIDATION_FAILED");
      expectA3(await call(server, r.method, r.path, "null", auth(r)), 422);
      const required = Object.keys(r.body ?? {}).filter(
        (k) => r.path !== "/v1/users/me" || k === "",
      );
      if (required.length > 0) {
        const missing = await call(server, r.method, r.path, {}, auth(r));
        expectA3(missing, 422, "VALIDATION_FAILED");
        expect(Array.isArray(missing.body.details)).toBe(true);
      }
      for (const field of Object.keys(r.body ?? {})) {
        for (const bad of [42, [], { nested: true }, true, 1e308]) {
          const typed = await call(server, r.method, r.path, { ...r.body, [field]: bad }, auth(r));
          if (field === "is_primary" && typeof bad === "boolean") continue;
          expectA3(typed, 422, "VALIDATION_FAILED");
        }
      }
      for (const field of r.strings ?? []) {
        expectA3(
          await call(server, r.method, r.path, { ...r.body, [field]: "a".repeat(20_000) }, auth(r)),
          422,
        );
        for (const weird of [
          "🚀💥👩‍👩‍👧",
          "a\u0000b\u001b[31m",
          "\u202e\ud800",
          "'; DROP TABLE users; --",
          "<img src=x onerror=alert(1)>",
        ]) {
          expectNo500(await call(server, r.method, r.path, { ...r.body, [field]: weird }, auth(r)));
        }
      }
      expectNo500(
        await call(
          server,
          r.method,
          r.path,
          { ...r.body, unknown_field: "x", __proto__: { admin: true } },
          auth(r),
        ),
      );
    });
  }
});

describe("oversized bodies", () => {
  test("a 10 MB body is 413 on every route that accepts a body", async () => {
    const big = JSON.stringify({ name: "x".repeat(10 * 1024 * 1024) });
    for (const r of ROUTES.filter((x) => x.method !== "GET")) {
      expectA3(await call(server, r.method, r.path, big, auth(r)), 413, "PAYLOAD_TOO_LARGE");
    }
  });
});

describe("path ids", () => {
  for (const r of ID_ROUTES) {
    test(`${r.method} ${r.path}`, async () => {
      for (const bad of ["abc", "-1", "0", "01", "99999999999999999999", "1.5", "%F0%9F%9A%80"]) {
        const res = await call(server, r.method, r.path.replace(SOME_ID, bad), r.body, auth(r));
        expectA3(res, 400, "INVALID_ID");
      }
      const missing = await call(server, r.method, r.path, r.body, auth(r));
      expectA3(missing, 404);
    });
  }
});

describe("session credentials", () => {
  const forged = () => `${SOME_ID}.${randomBytes(32).toString("base64url")}`;
  for (const r of SESSION_ROUTES) {
    test(`${r.method} ${r.path}`, async () => {
      expectA3(await call(server, r.method, r.path, r.body), 401, "NO_SESSION");
      const [id] = account.session.split(".");
      for (const bad of [
        "garbage",
        forged(),
        `${id}.${randomBytes(32).toString("base64url")}`, // right id, wrong secret
        `${account.session}x`,
        id as string,
        "%F0%9F%9A%80.x",
        "é.é",
      ]) {
        expectA3(
          await call(server, r.method, r.path, r.body, { bearer: bad }),
          401,
          "INVALID_SESSION",
        );
        expectA3(
          await call(server, r.method, r.path, r.body, { cookie: bad }),
          401,
          "INVALID_SESSION",
        );
      }
      const basic = await call(server, r.method, r.path, r.body, {
        headers: { authorization: "Basic dXNlcjpwYXNz" },
      });
      expectA3(basic, 401, "INVALID_SESSION");
    });
  }

  test("the cookie wins over the Authorization header", async () => {
    const r = await call(server, "GET", "/v1/users/me", undefined, {
      cookie: "garbage",
      bearer: account.session,
    });
    expectA3(r, 401, "INVALID_SESSION");
  });

  test("sliding expiry: used sessions live on, idle ones expire at the stored deadline", async () => {
    const idle = await registerAccount(server);
    const busy = await registerAccount(server);
    const day = 24 * 3600_000;
    clock.advance(day - 60_000);
    expect(
      (await call(server, "GET", "/v1/users/me", undefined, { bearer: busy.session })).status,
    ).toBe(200);
    clock.advance(120_000); // idle is now past its 24 h deadline; busy was refreshed
    expectA3(
      await call(server, "GET", "/v1/users/me", undefined, { bearer: idle.session }),
      401,
      "INVALID_SESSION",
    );
    const ok = await call(server, "GET", "/v1/users/me", undefined, { cookie: busy.session });
    expect(ok.status).toBe(200);
    // The cookie is re-sent with a Max-Age that follows the refreshed session.
    expect(ok.headers.get("set-cookie") ?? "").toMatch(/Max-Age=86\d{3}/);
    clock.advance(day + 1000);
    // Expired: every session route refuses it alike.
    for (const r of SESSION_ROUTES) {
      expectA3(
        await call(server, r.method, r.path, r.body, { bearer: busy.session }),
        401,
        "INVALID_SESSION",
      );
    }
  });
});
