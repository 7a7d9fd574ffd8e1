/**
 * The service layer's surface: one `Services` object built in src/main.ts and handed to both
 * transports (HTTP and gRPC), so REST and gRPC always call the same use cases. Each feature adds
 * one field here (its service from src/services/<feature>.ts) and one line in main.ts.
 *
 * Transports receive `TransportDeps`; they never see the KV store, backends or domain repos.
 */
import type { Config } from "../config/schema.ts";
import type { Clock } from "../lib/clock.ts";
import type { HealthRegistry } from "../lib/health.ts";
import type { Logger } from "../lib/log.ts";
import type { Metrics } from "../lib/metrics.ts";
import type { IdentityServices } from "./identity-services.ts";
import type { OrgServices } from "./org-services.ts";
import type { SystemService } from "./system.ts";

/** The actor runtime's client (services that own actors get it in their deps from main.ts). */
export type { ActorClient, AskOptions } from "../runtime/client.ts";

export interface Services {
  /** Node info, readiness and the health document. */
  system: SystemService;
  /** Accounts, sessions, email addresses, password reset (src/services/identity-services.ts). */
  identity: IdentityServices;
  /** Organizations, members, invitations, teams, audit log (src/services/org-services.ts). */
  orgs: OrgServices;
}

/** What the HTTP and gRPC fronts are built from. */
export interface TransportDeps {
  config: Config;
  clock: Clock;
  log: Logger;
  metrics: Metrics;
  health: HealthRegistry;
  services: Services;
}

export type HttpDeps = TransportDeps;
export type GrpcDeps = TransportDeps;
