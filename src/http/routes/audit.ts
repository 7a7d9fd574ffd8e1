/**
 * The organization audit log route (docs/organizations.md#audit-log; docs/http-api.md (A11, A16)): OWNER only, filters and cursor
 * pagination; answers `{audit_logs, next_cursor}`.
 */
import { Elysia } from "elysia";
import { AuditQueryInput } from "../../services/audit/inputs.ts";
import type { HttpDeps } from "../../services/index.ts";
import { authPlugin } from "../plugins/auth.ts";
import { idParams, queryOf } from "../schemas.ts";

export const auditRoutes = (deps: HttpDeps) => {
  const { audit } = deps.services;
  return new Elysia({ name: "audit-routes" })
    .use(authPlugin(deps))
    .get(
      "/v1/organizations/:org/audit-logs",
      ({ principal, params, query }) => audit.list(principal, params.org, query),
      { requireSession: true, params: idParams("org"), query: queryOf(AuditQueryInput) },
    );
};
