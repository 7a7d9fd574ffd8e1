/** gRPC `inferadb.management.v1.SystemService`: node information (same source as /v1/health). */
import type { GrpcDeps } from "../../services/index.ts";
import type { SystemServiceHandlers } from "../generated/inferadb/management/v1/SystemService.ts";
import { unary } from "../status.ts";
import { callEnv } from "./call.ts";

export const SYSTEM_SERVICE = "inferadb.management.v1.SystemService";

export function systemService(deps: GrpcDeps, log = deps.log): SystemServiceHandlers {
  const env = callEnv(deps, log);
  return {
    GetInfo: unary(env, () => deps.services.system.info()),
  };
}
