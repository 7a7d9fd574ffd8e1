/**
 * The organization audit log route (api.md route 71 with A11, A16): OWNER only, filters and cursor
 * pagination; answers `{audit_logs, next_cursor}`.
 */
import { Elysia } from "elysia";
import type { HttpDeps } from "../../services/index.ts";
import { authPlugin } from "../plugins/auth.ts";
import { idParams } from "../schemas.ts";
import { AuditQuerySchema } from "./org-schemas.ts";

export const auditRoutes = (deps: HttpDeps) => {
  const { audit } = deps.services.orgs;
  return new Elysia({ name: "audit-routes" })
    .use(authPlugin(deps))
    .get(
      "/v1/organizations/:org/audit-logs",
      ({ principal, params, query }) => audit.list(principal, params.org, query),
      { requireSession: true, params: idParams("org"), query: AuditQuerySchema },
    );
};
