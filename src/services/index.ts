/**
 * The service layer's surface: one `Services` object built in src/main.ts and handed to both
 * transports (HTTP and gRPC), so REST and gRPC always call the same use cases. One field per
 * feature, named as the feature is named in every layer (`http/routes/teams.ts`,
 * `grpc/services/teams.ts`, `services/teams/`, `domain/teams/`); each feature's input schemas sit
 * next to its use cases (`services/<feature>/inputs.ts`).
 *
 * Transports receive `TransportDeps`; they never see the KV store, backends or domain repos.
 */
import type { Config } from "../config/schema.ts";
import type { Clock } from "../lib/clock.ts";
import type { HealthRegistry } from "../lib/health.ts";
import type { Logger } from "../lib/log.ts";
import type { Metrics } from "../lib/metrics.ts";
import type { AuditService } from "./audit/service.ts";
import type { AuthService } from "./auth/service.ts";
import type { ClientService } from "./clients/service.ts";
import type { EmailService } from "./emails/service.ts";
import type { InvitationService } from "./invitations/service.ts";
import type { JwksService } from "./jwks/service.ts";
import type { OAuthService } from "./oauth/service.ts";
import type { OrganizationService } from "./organizations/service.ts";
import type { PasskeyService } from "./passkeys/service.ts";
import type { SessionService } from "./sessions/service.ts";
import type { SystemService } from "./system/service.ts";
import type { TeamService } from "./teams/service.ts";
import type { TokenService } from "./tokens/service.ts";
import type { UserService } from "./users/service.ts";
import type { VaultService } from "./vaults/service.ts";

export interface Services {
  /** Node info, readiness and the health document. */
  system: SystemService;
  /** Registration, password sign-in, password reset. */
  auth: AuthService;
  /** The signed-in user's profile and account deletion. */
  users: UserService;
  /** Passkeys: WebAuthn enrolment, sign-in and management (docs/passkeys.md). */
  passkeys: PasskeyService;
  /** Native-app sign-in: CLI PKCE, OAuth 2.0 authorization code and device grants. */
  oauth: OAuthService;
  /** Sessions: resolving credentials, listing, revoking, sign-out. */
  sessions: SessionService;
  /** Email addresses and their verification. */
  emails: EmailService;
  /** Organizations, their members, ownership transfer. */
  organizations: OrganizationService;
  /** Invitations to organizations (sent, accepted, declined). */
  invitations: InvitationService;
  /** Teams, team members and team permissions. */
  teams: TeamService;
  /** Vaults and their user and team grants. */
  vaults: VaultService;
  /** Service clients of organizations and their Ed25519 certificates. */
  clients: ClientService;
  /** The public keys of the certificates (JWKS), per organization and global. */
  jwks: JwksService;
  /** Vault access tokens (EdDSA JWTs signed with a published certificate key). */
  tokens: TokenService;
  /** The organization audit log. */
  audit: AuditService;
}

/** What the HTTP and gRPC fronts are built from. */
export interface TransportDeps {
  config: Config;
  clock: Clock;
  log: Logger;
  metrics: Metrics;
  health: HealthRegistry;
  services: Services;
  /** Whether the node holds more connections than `server.max_connections` (src/http/connections.ts). */
  connections?: { readonly over: boolean };
}

export type HttpDeps = TransportDeps;
export type GrpcDeps = TransportDeps;
