/**
 * The OpenAPI 3.1 document of the HTTP front, generated from the app's own routes: paths, methods
 * and request schemas (path parameters, query, JSON body) are read from `app.routes` (the TypeBox
 * schemas Elysia validates with, which are JSON Schema already), answers from the table in
 * ./responses.ts, and error codes from the error catalogs (./error-codes.ts).
 *
 * The output is deterministic (paths sorted, methods in a fixed order, statuses ascending), so the
 * committed docs/openapi.json can be compared with a fresh one (`bun scripts/openapi.ts --check`).
 *
 * ```ts
 * const doc = await generateOpenApi(createSpecApp().routes);
 * ```
 */
import pkg from "../../../package.json" with { type: "json" };
import { FORM_ROUTES } from "../app.ts";
import { codesByStatus, loadErrorCodes } from "./error-codes.ts";
import { ROUTE_DOCS, type RouteDoc, SCHEMAS, SNOWFLAKE_PATTERN } from "./responses.ts";

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

/** What the generator needs of an Elysia route. */
export interface RouteLike {
  method: string;
  path: string;
  hooks?: { body?: unknown; params?: unknown; query?: unknown } | undefined;
}

export interface GenerateOptions {
  /** The answers table (default: ROUTE_DOCS). */
  docs?: Record<string, RouteDoc>;
  /** Code → statuses (default: read from the error catalogs). */
  errorCodes?: Map<string, Set<number>>;
}

const METHOD_ORDER = ["get", "put", "post", "patch", "delete", "options", "head", "trace"];

const STATUS_TEXT: Record<number, string> = {
  400: "Bad request: malformed JSON, invalid id or parameter, or a business rule refused",
  401: "Unauthenticated: no session, or an invalid or expired one",
  402: "Tier limit reached",
  403: "Forbidden",
  404: "Not found (also answered to non-members of an organization)",
  405: "Method not allowed (with `Allow`)",
  409: "Conflict",
  410: "Gone",
  413: "Request body too large",
  415: "Unsupported media type: JSON only",
  422: "Request does not match the schema (with `details`), or a reused Idempotency-Key",
  429: "Too many requests (with `Retry-After`)",
  500: "Internal error (a generic message; the request id is logged)",
  502: "Bad gateway",
  503: "Unavailable or overloaded; retry (with `Retry-After`)",
  504: "Deadline exceeded",
};

/** The route key of the answers table: `"GET /v1/organizations/:org"`. */
export function routeKey(method: string, path: string): string {
  return `${method.toUpperCase()} ${path}`;
}

/** `/v1/organizations/:org` → `/v1/organizations/{org}`. */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, "{$1}");
}

/**
 * A TypeBox / Elysia schema as plain JSON Schema: symbol keys (TypeBox's `Kind`) and functions
 * dropped, the `snowflake` format given its pattern, and Elysia's query coercion
 * (`anyOf: [{type: "string", format: "integer"}, <the declared schema>]`) undone.
 */
export function toJsonSchema(schema: unknown): Json {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (typeof schema !== "object" || schema === null) {
    return typeof schema === "function" || schema === undefined ? null : (schema as Json);
  }
  const s = schema as Record<string, unknown>;
  const any = s.anyOf;
  if (Array.isArray(any) && any.length === 2 && isCoercionBranch(any[0])) {
    return toJsonSchema(any[1]);
  }
  const out: JsonObject = {};
  for (const key of Object.keys(s)) {
    const v = s[key];
    if (v === undefined || typeof v === "function") continue;
    out[key] = toJsonSchema(v);
  }
  if (out.format === "snowflake" && out.pattern === undefined) out.pattern = SNOWFLAKE_PATTERN;
  return out;
}

function isObjectSchema(v: Json): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function isCoercionBranch(v: unknown): boolean {
  if (typeof v !== "object" || v === null) return false;
  const b = v as { type?: unknown; format?: unknown };
  return (
    b.type === "string" && ["integer", "numeric", "boolean", "number"].includes(b.format as string)
  );
}

function tagOf(path: string): string {
  if (path.startsWith("/ui/")) return "ui";
  if (!path.startsWith("/v1/") || path.startsWith("/v1/health")) return "system";
  if (path.includes("/audit-logs")) return "audit";
  if (path.includes("/teams")) return "teams";
  if (path.includes("invitations")) return "invitations";
  if (path.includes("/members")) return "members";
  return path.split("/")[2] ?? "system";
}

function operationId(method: string, path: string): string {
  const words = path
    .split("/")
    .filter(Boolean)
    .map((seg) => seg.replace(/^:/, "by-"))
    .flatMap((seg) => seg.split(/[^A-Za-z0-9]+/))
    .filter(Boolean);
  return [method.toLowerCase(), ...words.map((w) => w[0]!.toUpperCase() + w.slice(1))].join("");
}

function parametersOf(schema: unknown, where: "path" | "query"): Json[] {
  const s = toJsonSchema(schema);
  if (typeof s !== "object" || s === null || Array.isArray(s)) return [];
  const props = (s.properties ?? {}) as JsonObject;
  const required = new Set(Array.isArray(s.required) ? (s.required as string[]) : []);
  return Object.keys(props).map((name) => ({
    name,
    in: where,
    required: where === "path" || required.has(name),
    schema: props[name] as Json,
  }));
}

/** Error statuses a route can answer, from its shape and its own list. */
function errorStatuses(route: RouteLike, doc: RouteDoc): number[] {
  const out = new Set<number>(doc.errors ?? []);
  const hooks = route.hooks ?? {};
  // The body policy covers every route that may carry a body: too large 413, not JSON 415,
  // malformed 400; a body schema adds 422.
  const method = route.method.toUpperCase();
  if (method !== "GET" && method !== "HEAD") for (const s of [400, 413, 415]) out.add(s);
  if (hooks.body) for (const s of [400, 413, 415, 422]) out.add(s);
  if (hooks.params || hooks.query) out.add(400);
  if (doc.session) {
    out.add(401);
    // A cookie-authenticated write from another origin is refused (CSRF).
    if (method !== "GET") out.add(403);
  }
  out.add(500);
  return [...out].sort((a, b) => a - b);
}

const errorRef = (status: number | "default", oauth = false) => ({
  $ref: `#/components/responses/${oauth ? "OAuthError" : status === "default" ? "Error" : `Error${status}`}`,
});

function operation(route: RouteLike, doc: RouteDoc, usedErrors: Set<number>): JsonObject {
  const op: JsonObject = {
    operationId: operationId(route.method, route.path),
    summary: doc.summary,
    tags: [tagOf(route.path)],
  };
  const params = [
    ...parametersOf(route.hooks?.params, "path"),
    ...parametersOf(route.hooks?.query, "query"),
  ];
  // Path parameters Elysia knows from the path but no schema declares.
  for (const m of route.path.matchAll(/:([A-Za-z0-9_]+)/g)) {
    if (!params.some((p) => (p as JsonObject).name === m[1] && (p as JsonObject).in === "path")) {
      params.unshift({
        name: m[1] as string,
        in: "path",
        required: true,
        schema: { type: "string" },
      });
    }
  }
  if (params.length > 0) op.parameters = params;
  if (route.hooks?.body) {
    const form = (FORM_ROUTES as readonly string[]).includes(route.path);
    const schema = toJsonSchema(route.hooks.body);
    // Elysia (normalize: false) validates a body object that does not say otherwise as closed:
    // an unknown field is a 422. It writes that onto the schema when the route's validator is
    // first built; say it here so the document does not depend on which routes ran already.
    if (isObjectSchema(schema) && schema.type === "object" && !("additionalProperties" in schema)) {
      schema.additionalProperties = false;
    }
    op.requestBody = {
      required: true,
      content: {
        [form ? "application/x-www-form-urlencoded" : "application/json"]: { schema },
      },
    };
  }
  if (doc.session) op.security = [{ sessionCookie: [] }, { bearerAuth: [] }];
  const responses: JsonObject = {};
  const statuses = new Set([
    ...Object.keys(doc.responses).map(Number),
    ...errorStatuses(route, doc),
  ]);
  for (const status of [...statuses].sort((a, b) => a - b)) {
    const r = doc.responses[status];
    if (r) {
      const resp: JsonObject = { description: r.description, headers: requestIdHeader() };
      if (r.schema) {
        const types = r.contentType === undefined ? ["application/json"] : [r.contentType].flat();
        const schema = toJsonSchema(r.schema);
        resp.content = Object.fromEntries(types.map((t) => [t, { schema }]));
        if (r.alsoErrorBody && !doc.oauthErrors) {
          usedErrors.add(status);
          (resp.content as JsonObject)["application/json"] = {
            schema: { $ref: `#/components/schemas/Error${status}` },
          };
        }
      }
      responses[String(status)] = resp;
    } else {
      if (!doc.oauthErrors) usedErrors.add(status);
      responses[String(status)] = errorRef(status, doc.oauthErrors);
    }
  }
  responses.default = errorRef("default", doc.oauthErrors);
  op.responses = responses;
  return op;
}

const requestIdHeader = (): JsonObject => ({
  "X-Request-Id": { $ref: "#/components/headers/X-Request-Id" },
});

function errorSchema(codes: string[]): JsonObject {
  return {
    type: "object",
    description:
      "The one error shape (docs/http-api.md, A3): every rejection, including the framework's.",
    additionalProperties: false,
    required: ["error", "code", "request_id"],
    properties: {
      error: { type: "string", description: "Human-readable message; never internals" },
      code: { type: "string", enum: codes, description: "Stable machine-readable code" },
      request_id: { type: "string", description: "Same as the `X-Request-Id` header" },
      details: {
        type: "array",
        description: "Per-field problems of a schema mismatch or an invalid parameter",
        items: {
          type: "object",
          additionalProperties: false,
          required: ["field", "message"],
          properties: { field: { type: "string" }, message: { type: "string" } },
        },
      },
    },
  };
}

/** The error body of the OAuth-style routes (src/http/oauth.ts; RFC 6749 §5.2 plus A3's fields). */
function oauthErrorSchema(codes: string[]): JsonObject {
  const base = errorSchema(codes);
  const props = base.properties as JsonObject;
  return {
    ...base,
    description:
      "The OAuth 2.0 error body (RFC 6749 §5.2) with the A3 fields: `error` is the RFC's code, `error_description` the message",
    required: ["error", "error_description", "code", "request_id"],
    properties: {
      ...props,
      error: {
        type: "string",
        enum: [
          "invalid_request",
          "invalid_client",
          "invalid_grant",
          "invalid_scope",
          "unauthorized_client",
          "unsupported_grant_type",
          "temporarily_unavailable",
          "server_error",
          "authorization_pending",
          "slow_down",
          "expired_token",
          "access_denied",
        ],
        description: "RFC 6749 §5.2 error code",
      },
      error_description: { type: "string", description: "Human-readable message" },
    },
  };
}

function errorResponseObject(status: number | "default"): JsonObject {
  const headers: JsonObject = requestIdHeader();
  if (status === 429 || status === 503) {
    headers["Retry-After"] = { $ref: "#/components/headers/Retry-After" };
  }
  if (status === 405) {
    headers.Allow = { description: "The methods the path accepts", schema: { type: "string" } };
  }
  const name = status === "default" ? "Error" : `Error${status}`;
  return {
    description:
      status === "default" ? "Any other error (the error body)" : (STATUS_TEXT[status] ?? "Error"),
    headers,
    content: { "application/json": { schema: { $ref: `#/components/schemas/${name}` } } },
  };
}

function sortedObject(entries: [string, Json][]): JsonObject {
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Builds the document for `routes`. Throws when a route has no entry in the answers table. */
export async function generateOpenApi(
  routes: readonly RouteLike[],
  opts: GenerateOptions = {},
): Promise<JsonObject> {
  const docs = opts.docs ?? ROUTE_DOCS;
  const byStatus = codesByStatus(opts.errorCodes ?? (await loadErrorCodes()));
  const missing = routes
    .filter((r) => !docs[routeKey(r.method, r.path)])
    .map((r) => routeKey(r.method, r.path));
  if (missing.length > 0) {
    throw new Error(
      `OpenAPI: routes without an entry in src/http/openapi/responses.ts: ${missing.join(", ")}`,
    );
  }

  const usedErrors = new Set<number>();
  const paths = new Map<string, Map<string, JsonObject>>();
  for (const route of routes) {
    const method = route.method.toLowerCase();
    if (!METHOD_ORDER.includes(method)) continue;
    const doc = docs[routeKey(route.method, route.path)] as RouteDoc;
    const p = openApiPath(route.path);
    if (!paths.has(p)) paths.set(p, new Map());
    paths.get(p)?.set(method, operation(route, doc, usedErrors));
  }
  const pathsOut = sortedObject(
    [...paths].map(([p, methods]) => [
      p,
      Object.fromEntries(
        METHOD_ORDER.filter((m) => methods.has(m)).map((m) => [m, methods.get(m) as Json]),
      ),
    ]),
  );

  const allCodes = [...new Set([...byStatus.values()].flat())].sort();
  const schemas: [string, Json][] = Object.entries(SCHEMAS).map(([k, v]) => [k, toJsonSchema(v)]);
  schemas.push(["Error", errorSchema(allCodes)]);
  const responses: [string, Json][] = [["Error", errorResponseObject("default")]];
  if (Object.values(docs).some((d) => d.oauthErrors)) {
    schemas.push(["OAuthError", oauthErrorSchema(allCodes)]);
    responses.push([
      "OAuthError",
      {
        description: "An error (the OAuth error body)",
        headers: {
          ...requestIdHeader(),
          "Retry-After": { $ref: "#/components/headers/Retry-After" },
        },
        content: { "application/json": { schema: { $ref: "#/components/schemas/OAuthError" } } },
      },
    ]);
  }
  for (const status of [...usedErrors].sort((a, b) => a - b)) {
    schemas.push([`Error${status}`, errorSchema(byStatus.get(status) ?? [])]);
    responses.push([`Error${status}`, errorResponseObject(status)]);
  }

  return {
    openapi: "3.1.0",
    info: {
      title: "InferaDB Management API",
      version: pkg.version,
      description:
        "The control plane of InferaDB: accounts, sessions, organizations, members, invitations, " +
        "teams and the audit log. Ids are Snowflake decimal strings, times RFC 3339 UTC with " +
        "milliseconds, every error the body `{error, code, request_id, details?}` (docs/http-api.md, A3). Generated from the route schemas by `bun scripts/openapi.ts`.",
    },
    tags: [...new Set(routes.map((r) => tagOf(r.path)))].sort().map((name) => ({ name })),
    paths: pathsOut,
    components: {
      schemas: sortedObject(schemas),
      responses: sortedObject(responses),
      headers: {
        "Retry-After": {
          description: "Seconds to wait before retrying",
          schema: { type: "string", pattern: "^[0-9]+$" },
        },
        "X-Request-Id": {
          description: "The request id: the client's sane `X-Request-Id` or a fresh one",
          required: true,
          schema: { type: "string" },
        },
      },
      securitySchemes: {
        bearerAuth: {
          type: "http",
          scheme: "bearer",
          description: "The session token `<session_id>.<secret>`",
        },
        sessionCookie: { type: "apiKey", in: "cookie", name: "infera_session" },
      },
    },
  };
}

/** The whole document as written to docs/openapi.json: 2-space JSON and a final newline. */
export function serializeOpenApi(doc: unknown): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}
