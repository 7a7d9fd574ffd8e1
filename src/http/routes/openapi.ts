/**
 * `GET /openapi.json`: the OpenAPI 3.1 document of this app, generated from its own routes on the
 * first request and cached (the same document as docs/openapi.json; src/http/openapi/).
 */
import { Elysia } from "elysia";
import { generateOpenApi, type RouteLike, serializeOpenApi } from "../openapi/generate.ts";

export const openapiRoutes = (routes: () => readonly RouteLike[]) => {
  let body: Promise<string> | undefined;
  return new Elysia({ name: "openapi-routes" }).get("/openapi.json", async () => {
    body ??= generateOpenApi(routes()).then(serializeOpenApi);
    const text = await body.catch((e: unknown) => {
      body = undefined;
      throw e;
    });
    return new Response(text, { headers: { "content-type": "application/json" } });
  });
};
