/**
 * The gRPC front (@grpc/grpc-js): our services from proto/inferadb/management/v1, the standard
 * `grpc.health.v1.Health` (serving status follows readiness) and server reflection
 * (@grpc/reflection, v1 and v1alpha) listing exactly the services served, so generic tools
 * (grpcurl, grpc_health_probe) can discover them.
 *
 * A feature adds its service with one line in `SERVICES` (name + implementation factory).
 * Handlers are thin: decode → services → encode; errors map through src/grpc/status.ts.
 */
import { Server, ServerCredentials, type UntypedServiceImplementation } from "@grpc/grpc-js";
import { ReflectionService } from "@grpc/reflection";
import type { GrpcDeps } from "../services/index.ts";
import { loadProtos } from "./protos.ts";
import { AUTH_SERVICE, authService } from "./services/auth.ts";
import { CLIENT_SERVICE, clientService } from "./services/clients.ts";
import { HEALTH_SERVICE, healthService } from "./services/health.ts";
import { ORGANIZATION_SERVICE, organizationService } from "./services/organizations.ts";
import { SYSTEM_SERVICE, systemService } from "./services/system.ts";
import { TEAM_SERVICE, teamService } from "./services/teams.ts";
import { TOKEN_SERVICE, tokenService } from "./services/tokens.ts";
import { USER_SERVICE, userService } from "./services/users.ts";
import { VAULT_SERVICE, vaultService } from "./services/vaults.ts";
import { tolerantDefinition } from "./status.ts";

/** Our services: fully qualified name → implementation factory. */
const SERVICES: [string, (deps: GrpcDeps) => UntypedServiceImplementation][] = [
  [SYSTEM_SERVICE, systemService],
  [AUTH_SERVICE, authService],
  [USER_SERVICE, userService],
  [ORGANIZATION_SERVICE, organizationService],
  [TEAM_SERVICE, teamService],
  [VAULT_SERVICE, vaultService],
  [CLIENT_SERVICE, clientService],
  [TOKEN_SERVICE, tokenService],
];

export interface GrpcFront {
  /** The port actually bound. */
  readonly port: number;
  /** Fully qualified names of the services served (ours + health + reflection). */
  readonly services: readonly string[];
  /** Reports NOT_SERVING, ends Watch streams, drains calls for up to `graceMs`, then forces. */
  stop(graceMs: number): Promise<void>;
}

const REFLECTION_SERVICES = [
  "grpc.reflection.v1.ServerReflection",
  "grpc.reflection.v1alpha.ServerReflection",
];

export async function startGrpcServer(
  deps: GrpcDeps,
  opts: { host: string; port: number },
): Promise<GrpcFront> {
  const log = deps.log.child({ subsystem: "grpc" });
  const protos = loadProtos();
  const server = new Server({
    "grpc.max_receive_message_length": deps.config.server.max_body_bytes,
  });
  const ours = SERVICES.map(([name]) => name);
  const health = healthService({ ...deps, log }, () => [...ours, HEALTH_SERVICE]);

  for (const [name, factory] of SERVICES) {
    server.addService(tolerantDefinition(protos.service(name)), factory({ ...deps, log }));
  }
  server.addService(tolerantDefinition(protos.service(HEALTH_SERVICE)), health.implementation);
  new ReflectionService(protos.packageDefinition, {
    services: [...ours, HEALTH_SERVICE],
  }).addToServer(server);

  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(
      `${opts.host.includes(":") ? `[${opts.host}]` : opts.host}:${opts.port}`,
      ServerCredentials.createInsecure(),
      (err, bound) => (err ? reject(err) : resolve(bound)),
    );
  });
  log.debug("grpc listening", { host: opts.host, port });

  return {
    port,
    services: [...ours, HEALTH_SERVICE, ...REFLECTION_SERVICES],
    async stop(graceMs) {
      health.shutdown();
      const graceful = new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
      const ac = new AbortController();
      const timedOut = deps.clock.sleep(graceMs, ac.signal).then(
        () => true,
        () => false,
      );
      if (await Promise.race([graceful.then(() => false), timedOut])) server.forceShutdown();
      ac.abort();
    },
  };
}
