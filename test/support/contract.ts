/**
 * The OpenAPI contract check of the e2e suites: every HTTP response a test receives from a test
 * server must match the documented answer for its route and status (docs/openapi.json, generated
 * by src/http/openapi/). A drift fails the test that received the response.
 *
 * - The request's method and path are matched to a route template (literal segments win over
 *   parameters: `/members/me` before `/members/{member}`).
 * - A 2xx status must be documented for that operation; any other status uses its own entry or
 *   the operation's `default` (the A3 error body).
 * - A request no route matches (404 unknown route, 405 wrong method) must get the A3 error body.
 * - JSON answers are validated with Ajv (draft 2020-12) against the documented schema; answers
 *   documented without a body must have none; other media types are checked by content type.
 *   Required headers (`X-Request-Id`) must be present.
 *
 * `createTestServer()` calls `installContractFetch()` and registers its origin, so `server.fetch`
 * and plain `fetch(server.url + ...)` are both checked. `createContractChecker(doc)` is the
 * checker itself, for unit tests.
 */
import Ajv2020, { type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { generateOpenApi } from "../../src/http/openapi/generate.ts";
import { SNOWFLAKE_PATTERN } from "../../src/http/openapi/responses.ts";
import { createSpecApp } from "../../src/http/openapi/spec-app.ts";

type Obj = Record<string, unknown>;

export interface ContractChecker {
  /** Throws when `res` (to `method url`) does not match the document. Reads a clone of the body. */
  check(method: string, url: string | URL, res: Response): Promise<void>;
}

const DOC_ID = "urn:inferadb:openapi";
const METHODS = ["get", "put", "post", "patch", "delete", "options", "head", "trace"];

interface Template {
  path: string;
  re: RegExp;
  literals: number;
  ops: Obj;
}

/** `a/b` JSON pointer segment escaping. */
const esc = (s: string) => s.replaceAll("~", "~0").replaceAll("/", "~1");

function formatErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .slice(0, 10)
    .map(
      (e) =>
        `  ${e.instancePath || "(root)"} ${e.message ?? "invalid"} ${JSON.stringify(e.params)}`,
    )
    .join("\n");
}

export function createContractChecker(doc: Obj): ContractChecker {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat("snowflake", new RegExp(SNOWFLAKE_PATTERN));
  ajv.addSchema({ ...doc, $id: DOC_ID });
  const validators = new Map<string, ValidateFunction>();
  const validatorAt = (pointer: string) => {
    let v = validators.get(pointer);
    if (!v) {
      v = ajv.compile({ $ref: `${DOC_ID}#${pointer}` });
      validators.set(pointer, v);
    }
    return v;
  };

  const components = (doc.components ?? {}) as Obj;
  const templates: Template[] = Object.entries((doc.paths ?? {}) as Obj).map(([path, ops]) => {
    const segs = path.split("/");
    const re = new RegExp(
      `^${segs
        .map((s) => (/^\{[^}]+\}$/.test(s) ? "[^/]+" : s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
        .join("/")}/?$`,
    );
    return {
      path,
      re,
      literals: segs.filter((s) => s && !s.startsWith("{")).length,
      ops: ops as Obj,
    };
  });

  /** Resolves a `#/components/responses/X` reference to the object and its JSON pointer. */
  function resolveResponse(r: Obj, pointer: string): { resp: Obj; pointer: string } {
    const ref = r.$ref;
    if (typeof ref !== "string") return { resp: r, pointer };
    const name = ref.replace("#/components/responses/", "");
    const resp = ((components.responses ?? {}) as Obj)[name] as Obj | undefined;
    if (!resp) throw new Error(`OpenAPI contract: unresolvable response reference ${ref}`);
    return { resp, pointer: `/components/responses/${esc(name)}` };
  }

  function findOperation(method: string, path: string) {
    const lower = method.toLowerCase();
    // A HEAD answer is the GET answer without its body (RFC 9110 §9.3.2; Bun answers HEAD on
    // every GET route), so HEAD is checked against the GET operation unless it has its own.
    const m =
      lower === "head" && !templates.some((t) => t.re.test(path) && t.ops.head !== undefined)
        ? "get"
        : lower;
    const matches = templates
      .filter((t) => t.re.test(path) && METHODS.includes(m) && t.ops[m] !== undefined)
      .sort((a, b) => b.literals - a.literals);
    const t = matches[0];
    return t ? { template: t.path, op: t.ops[m] as Obj, method: m } : undefined;
  }

  return {
    async check(method, rawUrl, res) {
      const url = new URL(String(rawUrl));
      const path = url.pathname;
      const status = res.status;
      const found = findOperation(method, path);
      const where = `${method.toUpperCase()} ${path} -> ${status}`;
      let resp: Obj;
      let pointer: string;
      if (!found) {
        // No route: the framework's rejection (404, 405), which must be the A3 body.
        ({ resp, pointer } = resolveResponse(
          { $ref: "#/components/responses/Error" },
          "/components/responses/Error",
        ));
      } else {
        const responses = (found.op.responses ?? {}) as Obj;
        const base = `/paths/${esc(found.template)}/${found.method}/responses`;
        const explicit = responses[String(status)] as Obj | undefined;
        if (!explicit && status >= 200 && status < 300) {
          throw new Error(
            `OpenAPI contract: ${where}: status ${status} is not documented for ` +
              `${method.toUpperCase()} ${found.template} (documented: ${Object.keys(responses).join(", ")})`,
          );
        }
        const entry = explicit ?? (responses.default as Obj | undefined);
        if (!entry) {
          throw new Error(`OpenAPI contract: ${where}: no entry and no default response`);
        }
        ({ resp, pointer } = resolveResponse(entry, `${base}/${explicit ? status : "default"}`));
      }

      for (const [name, h] of Object.entries((resp.headers ?? {}) as Obj)) {
        const header = (h as Obj).$ref
          ? (((components.headers ?? {}) as Obj)[
              String((h as Obj).$ref)
                .split("/")
                .pop() as string
            ] as Obj)
          : (h as Obj);
        if (header?.required && !res.headers.has(name)) {
          throw new Error(`OpenAPI contract: ${where}: required header ${name} is missing`);
        }
      }

      const content = resp.content as Obj | undefined;
      const text = method.toUpperCase() === "HEAD" ? "" : await res.clone().text();
      if (!content) {
        if (text !== "") {
          throw new Error(
            `OpenAPI contract: ${where}: documented without a body but got ${JSON.stringify(text.slice(0, 200))}`,
          );
        }
        return;
      }
      const type =
        (res.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
      const mediaTypes = Object.keys(content);
      if (!mediaTypes.includes(type)) {
        throw new Error(
          `OpenAPI contract: ${where}: content type ${JSON.stringify(type)} is not documented ` +
            `(documented: ${mediaTypes.join(", ")})`,
        );
      }
      if (type !== "application/json" || method.toUpperCase() === "HEAD") return;
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        throw new Error(`OpenAPI contract: ${where}: body is not JSON: ${text.slice(0, 200)}`);
      }
      const validate = validatorAt(`${pointer}/content/${esc(type)}/schema`);
      if (!validate(body)) {
        throw new Error(
          `OpenAPI contract: ${where} does not match the documented schema ` +
            `(docs/openapi.json #${pointer}):\n${formatErrors(validate.errors)}\n` +
            `  body: ${text.slice(0, 500)}`,
        );
      }
    },
  };
}

// The fetch wrapper ----------------------------------------------------------------------------

let checker: Promise<ContractChecker> | undefined;
const origins = new Set<string>();
let installed = false;

/** The checker for the app's current routes (generated once per process). */
export function contractChecker(): Promise<ContractChecker> {
  checker ??= generateOpenApi(createSpecApp().routes).then((doc) => createContractChecker(doc));
  return checker;
}

/** Responses from `origin` (`http://127.0.0.1:1234`) are checked from now on. */
export function registerContractOrigin(origin: string): void {
  origins.add(new URL(origin).origin);
}

export function unregisterContractOrigin(origin: string): void {
  origins.delete(new URL(origin).origin);
}

/** Replaces `globalThis.fetch` (once) with one that checks responses from registered origins. */
export async function installContractFetch(): Promise<void> {
  const c = await contractChecker();
  if (installed) return;
  installed = true;
  const original = globalThis.fetch;
  const wrapped = async (input: string | URL | Request, init?: RequestInit) => {
    const res = await original(input, init);
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    let origin: string;
    try {
      origin = new URL(url).origin;
    } catch {
      return res;
    }
    if (!origins.has(origin)) return res;
    const method = init?.method ?? (input instanceof Request ? input.method : "GET");
    await c.check(method, url, res);
    return res;
  };
  globalThis.fetch = Object.assign(wrapped, { preconnect: original.preconnect }) as typeof fetch;
}
