/**
 * The OpenAPI document (src/http/openapi/, docs/openapi.json): it validates as OpenAPI 3.1 with an
 * independent validator, every route of the app is documented with a 2xx answer, error responses
 * carry the A3 shape with the stable codes of their status, the committed file is the generated
 * one, and the e2e contract checker (test/support/contract.ts) catches a drifting response.
 */
import { beforeAll, describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { Type } from "@sinclair/typebox";
import { codesByStatus, loadErrorCodes } from "../../../src/http/openapi/error-codes.ts";
import {
  generateOpenApi,
  openApiPath,
  routeKey,
  serializeOpenApi,
  toJsonSchema,
} from "../../../src/http/openapi/generate.ts";
import { ROUTE_DOCS } from "../../../src/http/openapi/responses.ts";
import { createSpecApp } from "../../../src/http/openapi/spec-app.ts";
import { CommonErrors } from "../../../src/lib/errors.ts";
import { createContractChecker } from "../../support/contract.ts";

// biome-ignore lint/suspicious/noExplicitAny: walking the generated JSON document
type Obj = Record<string, any>;

const routes = createSpecApp().routes;
let doc: Obj;

beforeAll(async () => {
  doc = (await generateOpenApi(routes)) as Obj;
});

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", "x-request-id": "req-1", ...headers },
  });

const user = {
  id: "123456789012345678",
  name: "Ada",
  created_at: "2024-05-01T10:00:00.000Z",
  tos_accepted_at: null,
};

describe("OpenAPI document", () => {
  test("validates as OpenAPI 3.1 (@seriousme/openapi-schema-validator)", async () => {
    const validator = new Validator();
    const res = await validator.validate(structuredClone(doc));
    expect(res.errors ?? []).toEqual([]);
    expect(res.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  test("the validator refuses a broken document (so the test above can fail)", async () => {
    const broken = structuredClone(doc);
    broken.paths["/v1/users/me"].get.responses = "none";
    expect((await new Validator().validate(broken)).valid).toBe(false);
  });

  test("the committed docs/openapi.json is the generated one (npm run openapi)", () => {
    const committed = readFileSync(resolve(import.meta.dir, "../../../docs/openapi.json"), "utf8");
    expect(committed).toBe(serializeOpenApi(doc));
  });

  test("GET /openapi.json serves the same document", async () => {
    const res = await createSpecApp().handle(new Request("http://localhost/openapi.json"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(await res.text()).toBe(serializeOpenApi(doc));
  });

  test("generation is deterministic", async () => {
    expect(serializeOpenApi(await generateOpenApi(createSpecApp().routes))).toBe(
      serializeOpenApi(doc),
    );
  });

  test("every route of the app is documented with a 2xx answer", () => {
    const undocumented = routes
      .map((r) => routeKey(r.method, r.path))
      .filter((key) => {
        const entry = ROUTE_DOCS[key];
        return (
          // A success, or for a redirect-only route (the OAuth consent form) its redirect.
          !entry || !Object.keys(entry.responses).some((s) => Number(s) >= 200 && Number(s) < 400)
        );
      });
    expect(undocumented).toEqual([]);
    for (const r of routes) {
      const op = doc.paths[openApiPath(r.path)]?.[r.method.toLowerCase()];
      expect(op, routeKey(r.method, r.path)).toBeDefined();
      expect(Object.keys(op.responses).some((s) => /^[23]\d\d$/.test(s))).toBe(true);
      // The OAuth-style routes answer the OAuth error body (src/http/oauth.ts), every other one A3's.
      const body = ROUTE_DOCS[routeKey(r.method, r.path)]?.oauthErrors ? "OAuthError" : "Error";
      expect(op.responses.default).toEqual({ $ref: `#/components/responses/${body}` });
    }
  });

  test("the document does not depend on which routes have already run", async () => {
    // Elysia writes `additionalProperties: false` onto a body schema when it first validates it.
    const app = createSpecApp();
    const res = await app.handle(
      new Request("http://localhost/v1/auth/login/password", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "a@example.com", extra: 1 }),
      }),
    );
    expect(res.status).toBe(422);
    expect(serializeOpenApi(await generateOpenApi(app.routes))).toBe(serializeOpenApi(doc));
    const body = doc.paths["/v1/auth/login/password"].post.requestBody.content["application/json"];
    expect(body.schema.additionalProperties).toBe(false);
  });

  test("a route without an entry in the answers table fails generation", async () => {
    const extra = [...routes, { method: "GET", path: "/v1/undocumented", hooks: {} }];
    await expect(generateOpenApi(extra)).rejects.toThrow("GET /v1/undocumented");
  });

  test("the answers table has no entry for a route that does not exist", () => {
    const keys = new Set(routes.map((r) => routeKey(r.method, r.path)));
    expect(Object.keys(ROUTE_DOCS).filter((k) => !keys.has(k))).toEqual([]);
  });

  test("paths use {param}; Snowflake ids carry the documented pattern", () => {
    const op = doc.paths["/v1/organizations/{org}/teams/{team}"].get;
    expect(op.parameters.map((p: Obj) => [p.name, p.in, p.required])).toEqual([
      ["org", "path", true],
      ["team", "path", true],
    ]);
    expect(op.parameters[0].schema).toMatchObject({
      type: "string",
      format: "snowflake",
      pattern: "^[1-9][0-9]{0,18}$",
    });
    expect(Object.keys(doc.paths).some((p) => p.includes(":"))).toBe(false);
    expect(Object.keys(doc.paths)).toEqual(Object.keys(doc.paths).sort());
  });

  test("query parameters are the declared schemas, not Elysia's coercion", () => {
    const params = doc.paths["/v1/organizations"].get.parameters as Obj[];
    expect(params.find((p) => p.name === "limit")).toEqual({
      name: "limit",
      in: "query",
      required: false,
      schema: { minimum: 0, maximum: 2 ** 31 - 1, type: "integer" },
    });
  });

  test("TypeBox symbols are stripped", () => {
    const s = toJsonSchema(Type.Object({ a: Type.String() })) as Obj;
    expect(Object.getOwnPropertySymbols(s)).toEqual([]);
    expect(Object.getOwnPropertySymbols(s.properties.a)).toEqual([]);
    expect(s).toEqual({ type: "object", properties: { a: { type: "string" } }, required: ["a"] });
  });

  test("request bodies are the route schemas", () => {
    const body = doc.paths["/v1/organizations/{org}/teams"].post.requestBody;
    expect(body.required).toBe(true);
    expect(body.content["application/json"].schema).toMatchObject({
      type: "object",
      additionalProperties: false,
      required: ["name"],
    });
  });

  test("error responses are the A3 shape with the stable codes of their status", async () => {
    const byStatus = codesByStatus(await loadErrorCodes());
    const schemas = doc.components.schemas;
    for (const [name, schema] of Object.entries(schemas) as [string, Obj][]) {
      const m = /^Error(\d{3})$/.exec(name);
      if (!m) continue;
      expect(schema.required).toEqual(["error", "code", "request_id"]);
      expect(Object.keys(schema.properties)).toEqual(["error", "code", "request_id", "details"]);
      expect(schema.properties.code.enum).toEqual(byStatus.get(Number(m[1])));
    }
    expect(schemas.Error404.properties.code.enum).toContain("ORG_NOT_FOUND");
    expect(schemas.Error404.properties.code.enum).toContain("ROUTE_NOT_FOUND");
    expect(schemas.Error401.properties.code.enum).toEqual(
      expect.arrayContaining(["NO_SESSION", "INVALID_SESSION", "INVALID_CREDENTIALS"]),
    );
    expect(schemas.Error422.properties.code.enum).toContain("VALIDATION_FAILED");
    expect(schemas.Error429.properties.code.enum).toContain("RATE_LIMITED");
    expect(schemas.Error404.properties.code.enum).not.toContain("VALIDATION_FAILED");
    // Every code of the common catalog is known to the default error schema.
    for (const code of Object.keys(CommonErrors.catalog)) {
      expect(schemas.Error.properties.code.enum).toContain(code);
    }
    const teams = doc.paths["/v1/organizations/{org}/teams"].post.responses;
    for (const s of ["400", "401", "403", "404", "409", "413", "415", "422", "429", "500", "503"]) {
      expect(teams[s], s).toEqual({ $ref: `#/components/responses/Error${s}` });
    }
  });
});

describe("contract checker", () => {
  const url = "http://127.0.0.1:1/v1/users/me";

  test("a matching response passes", async () => {
    const c = createContractChecker(doc);
    await c.check("GET", url, json({ user }));
    await c.check(
      "GET",
      "http://127.0.0.1:1/livez",
      new Response(null, { headers: { "x-request-id": "r" } }),
    );
  });

  test("a wrong field type fails, naming method, path, status and the problem", async () => {
    const c = createContractChecker(doc);
    const bad = json({ user: { ...user, name: 42 } });
    await expect(c.check("GET", url, bad)).rejects.toThrow(
      /GET \/v1\/users\/me -> 200[\s\S]*\/user\/name/,
    );
  });

  test("an undocumented field, a missing field or a bad id fails", async () => {
    const c = createContractChecker(doc);
    await expect(c.check("GET", url, json({ user: { ...user, extra: 1 } }))).rejects.toThrow();
    const { name: _, ...noName } = user;
    await expect(c.check("GET", url, json({ user: noName }))).rejects.toThrow();
    await expect(c.check("GET", url, json({ user: { ...user, id: 12 } }))).rejects.toThrow();
    await expect(c.check("GET", url, json({ user: { ...user, id: "012" } }))).rejects.toThrow();
  });

  test("an undocumented 2xx status fails", async () => {
    const c = createContractChecker(doc);
    await expect(c.check("GET", url, json({ user }, 201))).rejects.toThrow("not documented");
  });

  test("errors must be the A3 shape with a code of their status", async () => {
    const c = createContractChecker(doc);
    const a3 = { error: "Session not found or expired", code: "INVALID_SESSION", request_id: "r" };
    await c.check("GET", url, json(a3, 401));
    await expect(
      c.check("GET", url, json({ ...a3, code: "ORG_NOT_FOUND" }, 401)),
    ).rejects.toThrow();
    await expect(c.check("GET", url, json({ message: "nope" }, 401))).rejects.toThrow();
    // An undocumented error status falls back to `default`: any known code, A3 shape.
    await c.check("GET", url, json({ ...a3, code: "METHOD_NOT_ALLOWED" }, 405));
    await expect(c.check("GET", url, json({ ...a3, code: "MADE_UP" }, 418))).rejects.toThrow();
  });

  test("an unknown route must answer the A3 body", async () => {
    const c = createContractChecker(doc);
    const nf = { error: "No such route", code: "ROUTE_NOT_FOUND", request_id: "r" };
    await c.check("GET", "http://127.0.0.1:1/nope", json(nf, 404));
    await expect(
      c.check("GET", "http://127.0.0.1:1/nope", new Response("Not Found", { status: 404 })),
    ).rejects.toThrow();
  });

  test("literal segments win over parameters (members/me before members/{member})", async () => {
    const c = createContractChecker(doc);
    await c.check(
      "DELETE",
      "http://127.0.0.1:1/v1/organizations/123/members/me",
      new Response(null, { status: 204, headers: { "x-request-id": "r" } }),
    );
  });

  test("a body where none is documented, a missing X-Request-Id or a wrong media type fails", async () => {
    const c = createContractChecker(doc);
    await expect(
      c.check(
        "GET",
        "http://127.0.0.1:1/livez",
        new Response("x", { headers: { "x-request-id": "r" } }),
      ),
    ).rejects.toThrow("without a body");
    await expect(
      c.check(
        "GET",
        url,
        new Response(JSON.stringify({ user }), { headers: { "content-type": "application/json" } }),
      ),
    ).rejects.toThrow("X-Request-Id");
    await expect(
      c.check(
        "GET",
        url,
        new Response(JSON.stringify({ user }), { headers: { "x-request-id": "r" } }),
      ),
    ).rejects.toThrow("content type");
  });
});
