/**
 * `GET /internal/management-jwks.json` on the internal listener (docs/engine-invalidation.md;
 * ../shared/spec/engine.md "What this service may push to the engine"): the public keys the
 * engine verifies this service's JWTs with — every live node's current key, read from the KV
 * store (src/engine/service-key.ts). Public keys only, so unauthenticated, like any JWKS.
 */
import { MANAGEMENT_JWKS_PATH, type ServiceKeyDirectory } from "../../engine/service-key.ts";
import type { Logger } from "../../lib/log.ts";
import type { InternalRouteHandler } from "./engine-lookups.ts";

export function managementJwksRoute(keys: ServiceKeyDirectory, log: Logger): InternalRouteHandler {
  return async (req, url) => {
    if (url.pathname !== MANAGEMENT_JWKS_PATH) return undefined;
    if (req.method !== "GET" && req.method !== "HEAD") {
      return Response.json(
        {
          error: "Method not allowed",
          code: "METHOD_NOT_ALLOWED",
          request_id: crypto.randomUUID(),
        },
        { status: 405, headers: { allow: "GET, HEAD" } },
      );
    }
    try {
      return Response.json(await keys.jwks(), {
        headers: { "cache-control": "public, max-age=60" },
      });
    } catch (e) {
      log.warn("management jwks unavailable", { err: e });
      return Response.json(
        {
          error: "Service unavailable; retry later",
          code: "UNAVAILABLE",
          request_id: crypto.randomUUID(),
        },
        { status: 503, headers: { "retry-after": "5" } },
      );
    }
  };
}

/** The first of `routes` that answers. */
export function internalRoutes(...routes: InternalRouteHandler[]): InternalRouteHandler {
  return async (req, url) => {
    for (const r of routes) {
      const res = await r(req, url);
      if (res) return res;
    }
    return undefined;
  };
}
