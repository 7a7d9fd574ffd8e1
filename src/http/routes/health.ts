/**
 * Health and metrics routes (docs/http-api.md#a15--health-and-metrics), Kubernetes style:
 * - `/livez`, `/v1/health/live`: 200, empty body, as long as the process answers;
 * - `/readyz`, `/startupz`, `/v1/health/ready`, `/v1/health/startup`: 200 (empty) when the node
 *   can serve (readiness gates: cluster registered, not fenced, membership observed) and a KV read
 *   succeeds (and, after a storage fault, a probe write), else 503 with the error body
 *   `UNAVAILABLE`, `Retry-After` and why in its message (`Node is not ready: storage: disk full …`);
 * - `/health`: 200 `OK` (text), the legacy liveness probe;
 * - `/v1/health`: the health document (status, version, uptime, storage, node and registered
 *   sections); 503 when unhealthy (the reference answered 200, docs/http-api.md#defects-of-the-original-fixed-here, #47);
 * - `/metrics`: Prometheus text exposition from the node's registry.
 */
import { Elysia } from "elysia";
import { CommonErrors } from "../../lib/errors.ts";
import type { HttpDeps } from "../../services/index.ts";
import { errorResponse } from "../plugins/errors.ts";
import { requestIdOf } from "../plugins/request-id.ts";

export const healthRoutes = (deps: HttpDeps) => {
  const { system } = deps.services;
  const probe = async (request: Request) => {
    const why = await system.notReady();
    return why.length === 0
      ? new Response(null, { status: 200 })
      : errorResponse(
          CommonErrors.UNAVAILABLE(`Node is not ready: ${why.join("; ")}`),
          requestIdOf(request),
          { "retry-after": "1" },
        );
  };
  const live = () => new Response(null, { status: 200 });

  const app = new Elysia({ name: "health-routes" })
    .get("/livez", live)
    .get("/v1/health/live", live)
    .get("/readyz", ({ request }) => probe(request))
    .get("/startupz", ({ request }) => probe(request))
    .get("/v1/health/ready", ({ request }) => probe(request))
    .get("/v1/health/startup", ({ request }) => probe(request))
    .get("/health", () => new Response("OK", { headers: { "content-type": "text/plain" } }))
    .get("/v1/health", async ({ request, set }) => {
      const report = await system.health();
      const body: Record<string, unknown> = { ...report, node_id: deps.config.cluster.node_id };
      if (report.status !== "healthy") {
        set.status = 503;
        set.headers["retry-after"] = "1";
        Object.assign(body, {
          error: "Storage is not reachable",
          code: "UNAVAILABLE",
          request_id: requestIdOf(request),
        });
      }
      return body;
    });
  if (!deps.config.observability.metrics_enabled) return app;
  return app.get("/metrics", async () => {
    const text = await deps.metrics.registry.metrics();
    return new Response(text, { headers: { "content-type": deps.metrics.registry.contentType } });
  });
};
