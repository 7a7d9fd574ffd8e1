/** gRPC `inferadb.management.v1.SystemService`: node information (same source as /v1/health). */
import type { UntypedServiceImplementation } from "@grpc/grpc-js";
import type { GrpcDeps } from "../../services/index.ts";
import { unary } from "../status.ts";

export const SYSTEM_SERVICE = "inferadb.management.v1.SystemService";

export function systemService(deps: GrpcDeps, log = deps.log): UntypedServiceImplementation {
  return {
    GetInfo: unary(log, () => deps.services.system.info()),
  };
}
