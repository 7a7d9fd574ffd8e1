/**
 * JWKS routes (docs/clients.md#jwks; Part B §6.17, routes 17-19), public (no session):
 *
 *   GET /.well-known/jwks.json                           every published key of every live organization
 *   GET /v1/organizations/{org}/jwks.json                the organization's keys (what the engine fetches)
 *   GET /v1/organizations/{org}/.well-known/jwks.json    the same
 *
 * `Cache-Control: public, max-age=30, must-revalidate` and a strong `ETag`; `If-None-Match` with
 * the current tag answers 304 without a body. Unknown or deleted organization: 404 `ORG_NOT_FOUND`
 * (error body, A3); an id that is not a Snowflake: 400 `INVALID_ID`.
 */
import { Elysia } from "elysia";
import type { HttpDeps } from "../../services/index.ts";
import type { JwksAnswer } from "../../services/jwks/service.ts";
import { idParams } from "../schemas.ts";

/** Short: keys leave the set at once, so shared caches must come back soon (the ETag makes it cheap). */
export const JWKS_CACHE_CONTROL = "public, max-age=30, must-revalidate";

type Set = { status?: number | string; headers: Record<string, string | number> };

function answer(set: Set, a: JwksAnswer) {
  set.headers["cache-control"] = JWKS_CACHE_CONTROL;
  set.headers.etag = a.etag;
  if (a.notModified) {
    return new Response(null, {
      status: 304,
      headers: { "cache-control": JWKS_CACHE_CONTROL, etag: a.etag },
    });
  }
  return a.body;
}

export const jwksRoutes = (deps: HttpDeps) => {
  const { jwks } = deps.services;
  const org = async ({
    params,
    request,
    set,
  }: {
    params: { org: string };
    request: Request;
    set: Set;
  }) => answer(set, await jwks.organization(params.org, request.headers.get("if-none-match")));

  return new Elysia({ name: "jwks-routes" })
    .get("/.well-known/jwks.json", async ({ request, set }) =>
      answer(set, await jwks.global(request.headers.get("if-none-match"))),
    )
    .get("/v1/organizations/:org/jwks.json", org, { params: idParams("org") })
    .get("/v1/organizations/:org/.well-known/jwks.json", org, { params: idParams("org") });
};
