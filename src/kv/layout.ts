/**
 * The top-level keyspace: one root subspace per owner, so features never collide. A feature
 * defines its own keys under its root in its domain module (e.g. src/domain/users/keys.ts) and
 * documents them in docs/kv-layout.md.
 */
import { Subspace } from "./keyspace.ts";

export const Roots = {
  /** Cluster coordination: node registry, worker ids, leader record (src/cluster). */
  cluster: new Subspace(["cluster"]),
  /** Actor runtime: owner keys, persisted snapshots, idempotency outcomes (src/runtime). */
  actor: new Subspace(["actor"]),
  /** Durable reminders, time-bucketed (src/cluster). */
  reminder: new Subspace(["reminder"]),
  /** Leader-only job cursors and state (src/cluster). */
  job: new Subspace(["job"]),
  /** Users, their emails and indexes (src/domain/users). */
  user: new Subspace(["user"]),
  /** Sessions (src/domain/sessions). */
  session: new Subspace(["session"]),
  /** One-time secret tokens: verification, reset, invitation, CLI codes (src/domain/tokens). */
  token: new Subspace(["token"]),
  /** Mail outbox (src/email). */
  outbox: new Subspace(["outbox"]),
  /** Rate-limit counters (src/domain/ratelimit). */
  ratelimit: new Subspace(["ratelimit"]),
  /** Audit events (src/domain/audit). */
  audit: new Subspace(["audit"]),
  /** Organizations and everything they own: members, invitations, teams (src/domain/organizations). */
  org: new Subspace(["org"]),
  /** Vaults, grants, token families (src/domain/vaults). */
  vault: new Subspace(["vault"]),
  /** Service clients and certificates (src/domain/clients). */
  client: new Subspace(["client"]),
  /** Engine cache invalidations to push and the service's published keys (src/domain/invalidations, src/engine). */
  engine: new Subspace(["engine"]),
  /** Probe key for health checks. */
  health: new Subspace(["health"]),
} as const;
