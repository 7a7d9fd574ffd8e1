/**
 * The one error boundary of the HTTP front. Every rejection leaves as the error body (docs/http-api.md#a3--error-body)
 * `{"error","code","request_id"[,"details"]}` with `X-Request-Id`:
 * - framework rejections: malformed JSON 400, schema mismatch 422 (with `details`), bad query or
 *   path parameters 400 (`INVALID_ARGUMENT` / `INVALID_ID`), unknown route 404, known path with
 *   another method 405 (with `Allow`), and whatever the body parser raised (413, 415);
 * - `AppError`s through `toPublic` (status from the one KIND_STATUS table, `Retry-After` when the
 *   error has `retryAfterSeconds`), and `KvError`s the same way (503 `UNAVAILABLE`,
 *   `STORAGE_FULL` or `STORAGE_UNAVAILABLE` with `Retry-After`; 413 for `too_large`);
 * - anything else: 500 with a generic message, logged with the request id (never a stack).
 */
import { Elysia } from "elysia";
import {
  type AppError,
  CommonErrors,
  type FieldProblem,
  isAppError,
  toPublic,
} from "../../lib/errors.ts";
import type { Logger } from "../../lib/log.ts";
import { problemsOf, type SchemaError } from "../../lib/schema.ts";
import { OAUTH_ROUTES, oauthErrorOf } from "../oauth.ts";
import { requestIdOf, SECURITY_HEADERS } from "./request-id.ts";

/** Builds the error response for any thrown value. */
export function errorResponse(
  e: unknown,
  requestId: string,
  extraHeaders?: Record<string, string>,
  opts: { oauth?: boolean } = {},
): Response {
  const pub = toPublic(e);
  const body: Record<string, unknown> = opts.oauth
    ? {
        error: oauthErrorOf(pub.code, pub.status),
        error_description: pub.message,
        code: pub.code,
        request_id: requestId,
      }
    : { error: pub.message, code: pub.code, request_id: requestId };
  if (pub.details) body.details = pub.details;
  const headers = new Headers(SECURITY_HEADERS);
  for (const [k, v] of Object.entries(extraHeaders ?? {})) headers.set(k, v);
  headers.set("content-type", "application/json");
  headers.set("x-request-id", requestId);
  if (pub.retryAfterSeconds !== undefined) {
    headers.set("retry-after", String(Math.max(0, Math.ceil(pub.retryAfterSeconds))));
  }
  return new Response(JSON.stringify(body), { status: pub.status, headers });
}

interface RouteLike {
  method: string;
  path: string;
}

/** Methods registered for `path` on other routes (for 405 + Allow). Cached per route count. */
export function createMethodIndex(routes: () => readonly RouteLike[]) {
  let cachedFor = -1;
  let patterns: { method: string; re: RegExp }[] = [];
  return (path: string): string[] => {
    const all = routes();
    if (all.length !== cachedFor) {
      cachedFor = all.length;
      patterns = all.map((r) => ({
        method: r.method.toUpperCase(),
        re: new RegExp(
          `^${r.path
            .split("/")
            .map((seg) =>
              seg.startsWith(":")
                ? "[^/]+"
                : seg === "*"
                  ? ".*"
                  : seg.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"),
            )
            .join("/")}/?$`,
        ),
      }));
    }
    const methods = new Set<string>();
    for (const p of patterns) if (p.re.test(path)) methods.add(p.method);
    return [...methods];
  };
}

/**
 * `{field, message}` list from Elysia's validation error (its `all` array holds TypeBox's errors),
 * formatted by the same `problemsOf` the gRPC front and the actor protocols use.
 */
function validationDetails(error: unknown): FieldProblem[] {
  const all = (error as { all?: SchemaError[] }).all;
  const fallback = (error as { valueError?: { path?: string } }).valueError?.path;
  return problemsOf(all ?? [], fallback);
}

/** Maps Elysia's error codes and thrown values to an AppError (or the raw value when unknown). */
function classify(
  code: unknown,
  error: unknown,
  allowed: (path: string) => string[],
  request: Request,
) {
  if (isAppError(error)) return { err: error as AppError };
  // A KvError that escaped a route (the store unavailable: disk full, read-only, write lock held
  // elsewhere) is transient: `toPublic` makes it a 503 with Retry-After, not a 500.
  if ((error as { name?: unknown } | null)?.name === "KvError") return { err: error as AppError };
  switch (code) {
    case "NOT_FOUND": {
      const path = new URL(request.url).pathname;
      const methods = allowed(path).filter((m) => m !== request.method);
      if (methods.length > 0) {
        return { err: CommonErrors.METHOD_NOT_ALLOWED(), headers: { allow: methods.join(", ") } };
      }
      return { err: CommonErrors.ROUTE_NOT_FOUND() };
    }
    case "PARSE": {
      const cause = (error as { cause?: unknown }).cause;
      return { err: isAppError(cause) ? cause : CommonErrors.MALFORMED_JSON() };
    }
    case "VALIDATION": {
      const on = (error as { type?: string }).type;
      const details = validationDetails(error);
      if (on === "params") return { err: CommonErrors.INVALID_ID(undefined, { details }) };
      if (on === "body") return { err: CommonErrors.VALIDATION_FAILED(undefined, { details }) };
      if (on === "response") return { unexpected: error };
      return { err: CommonErrors.INVALID_ARGUMENT(undefined, { details }) };
    }
    case "INVALID_COOKIE_SIGNATURE":
      return { err: CommonErrors.INVALID_ARGUMENT("Invalid cookie") };
    default:
      return { unexpected: error };
  }
}

export interface ErrorsPluginOptions {
  log: Logger;
  /** The app's routes (for 405 detection); read lazily, so routes added later count. */
  routes: () => readonly RouteLike[];
  /** Told of every error response built here (the metrics plugin's recorder). */
  onResponse?: (request: Request, route: string, status: number) => void;
}

export const errorsPlugin = (opts: ErrorsPluginOptions) => {
  const allowed = createMethodIndex(opts.routes);
  return new Elysia({ name: "errors" }).onError(
    { as: "global" },
    ({ code, error, request, route }) => {
      const requestId = requestIdOf(request);
      const response = respond(code, error, request, route, requestId);
      opts.onResponse?.(request, route, response.status);
      return response;
    },
  );

  function respond(
    code: unknown,
    error: unknown,
    request: Request,
    route: string,
    requestId: string,
  ): Response {
    const c = classify(code, error, allowed, request);
    if (c.err) {
      const pub = toPublic(c.err);
      // Shed load is expected under overload, and a log line per shed request would add to it.
      if (pub.status >= 500 && pub.code !== "OVERLOADED") {
        opts.log.error("request failed", {
          request_id: requestId,
          route,
          code: pub.code,
          err: c.err,
        });
      }
      return errorResponse(c.err, requestId, c.headers, { oauth: OAUTH_ROUTES.has(route) });
    }
    opts.log.error("unexpected error", { request_id: requestId, route, err: c.unexpected });
    return errorResponse(CommonErrors.INTERNAL(), requestId, undefined, {
      oauth: OAUTH_ROUTES.has(route),
    });
  }
};
