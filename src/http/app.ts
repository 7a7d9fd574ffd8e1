/**
 * The HTTP front: `createHttpApp(deps)` returns the Elysia app without listening (tests call
 * `app.handle(request)`; src/main.ts listens). Cross-cutting plugins come first, so they cover
 * every route: request id, metrics, body policy (size, content type, JSON), the error boundary
 * (the error body of docs/http-api.md#a3--error-body for every rejection). Then one `.use(...)` line per feature's routes.
 */
import { Elysia } from "elysia";
import type { HttpDeps } from "../services/index.ts";
import { admissionPlugin } from "./plugins/admission.ts";
import { bodyPlugin } from "./plugins/body.ts";
import { errorsPlugin } from "./plugins/errors.ts";
import { createHttpMetrics } from "./plugins/metrics.ts";
import { requestIdPlugin } from "./plugins/request-id.ts";
import { auditRoutes } from "./routes/audit.ts";
import { authRoutes } from "./routes/auth.ts";
import { clientRoutes } from "./routes/clients.ts";
import { healthRoutes } from "./routes/health.ts";
import { jwksRoutes } from "./routes/jwks.ts";
import { oauthRoutes } from "./routes/oauth.ts";
import { openapiRoutes } from "./routes/openapi.ts";
import { organizationRoutes } from "./routes/organizations.ts";
import { passkeyRoutes } from "./routes/passkeys.ts";
import { teamRoutes } from "./routes/teams.ts";
import { tokenRoutes } from "./routes/tokens.ts";
import { uiRoutes } from "./routes/ui.ts";
import { userRoutes } from "./routes/users.ts";
import { vaultRoutes } from "./routes/vaults.ts";

/** Routes that take `application/x-www-form-urlencoded` instead of JSON (RFC 6749 style). */
export const FORM_ROUTES = [
  "/v1/token",
  "/oauth/token",
  "/oauth/device_authorization",
  "/oauth/authorize",
  "/oauth/device",
] as const;

export function createHttpApp(deps: HttpDeps) {
  const log = deps.log.child({ subsystem: "http" });
  const routes = () => app.routes;
  const httpMetrics = createHttpMetrics(deps.metrics);
  // normalize: false makes `additionalProperties: false` schemas reject unknown fields (422)
  // instead of silently stripping them.
  const app = new Elysia({ name: "inferadb-http", normalize: false })
    .use(requestIdPlugin())
    .use(httpMetrics.plugin)
    .use(
      bodyPlugin({
        maxBodyBytes: deps.config.server.max_body_bytes,
        maxHeaderBytes: deps.config.server.max_header_bytes,
        formRoutes: FORM_ROUTES,
      }),
    )
    .use(errorsPlugin({ log, routes, onResponse: httpMetrics.record }))
    .use(
      admissionPlugin({
        maxInflight: deps.config.server.max_inflight_requests,
        maxLagMs: deps.config.server.max_event_loop_lag_ms,
        connections: deps.connections,
      }),
    )
    // Feature routes: one line each.
    .use(healthRoutes(deps))
    .use(authRoutes(deps))
    .use(userRoutes(deps))
    .use(passkeyRoutes(deps))
    .use(oauthRoutes(deps))
    .use(organizationRoutes(deps))
    .use(teamRoutes(deps))
    .use(vaultRoutes(deps))
    .use(clientRoutes(deps))
    .use(jwksRoutes(deps))
    .use(tokenRoutes(deps))
    .use(auditRoutes(deps))
    .use(uiRoutes())
    .use(openapiRoutes(routes));
  return app;
}

export type HttpApp = ReturnType<typeof createHttpApp>;
