/**
 * The composition root, and the only one: config → clock/log → KV → cluster → runtime → mail →
 * services → HTTP + gRPC. `buildNode(opts)` wires one node and returns its bound ports and `stop()`; run as a
 * script (`bun src/main.ts`) it loads config from argv/env/config.yaml, starts the node and shuts
 * it down gracefully on SIGTERM/SIGINT.
 *
 * Each step below is one named block; a subsystem joins by adding its lines in its step and
 * pushing its stop function on `shutdown` (stopped in reverse order of start).
 */

import { maxHeaderSize } from "node:http";
import { ACTOR_DEFINITIONS_MODULE, actorDefinitions } from "../actors/registry.ts";
import { type ClusterNode, createClusterNode } from "./cluster/node.ts";
import { findLivePeers } from "./cluster/peers.ts";
import { secretTag } from "./cluster/secret-tag.ts";
import { ConfigError, loadConfig } from "./config/load.ts";
import type { Config } from "./config/schema.ts";
import { createSealer } from "./crypto/envelope.ts";
import type { PasswordHasher } from "./crypto/password.ts";
import { Argon2Hasher } from "./crypto/password.ts";
import { RateLimiter } from "./domain/ratelimit/limiter.ts";
import type { DeliveryPolicy } from "./email/delivery.ts";
import type { Mailer } from "./email/mailer.ts";
import { type Mail, openMail } from "./email/open.ts";
import { Ed25519ServiceTokenSigner } from "./engine/auth.ts";
import {
  InvalidationDelivery,
  invalidationPolicyOf,
  kickingActorClient,
} from "./engine/invalidation.ts";
import { buildEngineLink, SERVICE_TOKEN_SUBJECT } from "./engine/link.ts";
import { loadServiceKey, ServiceKeyDirectory } from "./engine/service-key.ts";
import { startGrpcServer } from "./grpc/server.ts";
import { createHttpApp } from "./http/app.ts";
import { type ConnectionWatch, openDescriptors, watchConnections } from "./http/connections.ts";
import { FdbLoadError } from "./kv/backends/foundationdb.ts";
import { registerKvMetrics } from "./kv/metrics.ts";
import { leaseNodeId, type NodeIdLease } from "./kv/node-id.ts";
import { openKv } from "./kv/open.ts";
import type { ObservableKvStore } from "./kv/store.ts";
import type { KvBackend, KvStore } from "./kv/types.ts";
import { type Clock, systemClock } from "./lib/clock.ts";
import { HealthRegistry } from "./lib/health.ts";
import { SnowflakeGenerator } from "./lib/ids.ts";
import { createLogger, type Logger } from "./lib/log.ts";
import { createMetrics } from "./lib/metrics.ts";
import type { ActorClient } from "./runtime/client.ts";
import type { AnyActorDefinition } from "./runtime/define.ts";
import { startInternalEndpoint } from "./runtime/internal-endpoint.ts";
import { createActorRuntime } from "./runtime/runtime.ts";
import { retentionJobs } from "./services/audit/retention-jobs.ts";
import { AuditService } from "./services/audit/service.ts";
import { rateLimitCleanupJob, tokenCleanupJob } from "./services/auth/jobs.ts";
import { createAuthMetrics } from "./services/auth/metrics.ts";
import { AuthService } from "./services/auth/service.ts";
import { CERTIFICATE_SEAL_PURPOSE, ClientService } from "./services/clients/service.ts";
import { type ServiceDeps, serviceSettings } from "./services/deps.ts";
import { EmailService } from "./services/emails/service.ts";
import type { Services, TransportDeps } from "./services/index.ts";
import { engineLookupRoutes } from "./services/internal/engine-lookups.ts";
import { internalRoutes, managementJwksRoute } from "./services/internal/management-jwks.ts";
import { InvitationService } from "./services/invitations/service.ts";
import { JwksService } from "./services/jwks/service.ts";
import { nativeSigninCleanupJob } from "./services/oauth/jobs.ts";
import { OAuthService } from "./services/oauth/service.ts";
import { oauthSettings } from "./services/oauth/settings.ts";
import { vaultCascadeJob } from "./services/organizations/cascades.ts";
import { createClaimCleanupJob, OrganizationService } from "./services/organizations/service.ts";
import { passkeyChallengeCleanupJob } from "./services/passkeys/jobs.ts";
import { PasskeyService } from "./services/passkeys/service.ts";
import { passkeySettings } from "./services/passkeys/settings.ts";
import { sessionCleanupJob } from "./services/sessions/jobs.ts";
import { SessionService } from "./services/sessions/service.ts";
import { createSystemService } from "./services/system/service.ts";
import { TeamService } from "./services/teams/service.ts";
import { refreshCleanupJob } from "./services/tokens/jobs.ts";
import { TokenService } from "./services/tokens/service.ts";
import { UserService } from "./services/users/service.ts";
import { VaultService } from "./services/vaults/service.ts";
import { VaultSyncDriver } from "./services/vaults/sync-driver.ts";

export interface BuildNodeOptions {
  config: Config;
  /** Defaults to the system clock; tests pass a FakeClock. */
  clock?: Clock;
  /** Defaults to a logger built from `config.observability`. */
  log?: Logger;
  /** Use this backend instead of opening the one named in config (e.g. a fault-injecting memory backend). */
  kvBackend?: KvBackend;
  /** Startup warnings from the config loader, logged once the logger exists. */
  warnings?: readonly string[];
  /** Password hasher; default Argon2id at the production parameters (tests pass a cheap one). */
  hasher?: PasswordHasher;
  /** Mail transport; default from `email.transport`. */
  mailer?: Mailer;
  /** Mail outbox retry policy overrides (tests shorten the backoff). */
  deliveryPolicy?: Partial<DeliveryPolicy>;
  /**
   * The actor kinds this node runs: definitions for the main thread and the module that exports
   * them (`actorDefinitions`) for workers. Default: the product's, actors/registry.ts (tests add
   * their fixture actors).
   */
  actors?: { definitions: readonly AnyActorDefinition[]; module: string };
}

export interface NodeHandle {
  config: Config;
  /** Ports as actually bound (config may say 0). */
  httpPort: number;
  grpcPort: number;
  /** The node's KV store (for test support and tools; application code gets it injected). */
  kv: ObservableKvStore;
  /** The node's actor client (for test support and tools: a turn alone, without its service). */
  actors: ActorClient;
  services: Services;
  /** Sections of `/v1/health`; subsystems register theirs here. */
  health: HealthRegistry;
  /** This node's cluster membership (registry, leader election, leader-only jobs). */
  cluster: ClusterNode;
  /** What the transports were built from (tests mount extra fixture routes on the same deps). */
  transport: TransportDeps;
  /** The mail step: transport, outbox and delivery (tests drain deliveries). */
  mail: Mail;
  /** Engine cache invalidations (docs/engine-invalidation.md): delivery and the published keys. */
  invalidations: { delivery: InvalidationDelivery; keys: ServiceKeyDirectory };
  log: Logger;
  /** Graceful stop: stop accepting, drain HTTP (up to shutdown_grace_ms), stop gRPC, close KV. Idempotent. */
  stop(): Promise<void>;
}

export async function buildNode(opts: BuildNodeOptions): Promise<NodeHandle> {
  const shutdown = new ShutdownStack();
  // 0. Node id: a made-up one becomes the stable id kept beside the SQLite file (docs/cluster.md).
  const stable = opts.kvBackend ? { config: opts.config } : withStableNodeId(opts.config);
  const { config } = stable;
  if (stable.lease) shutdown.push("node-id", async () => stable.lease?.release());
  try {
    // 1. Clock and logging.
    const clock = opts.clock ?? systemClock;
    const log =
      opts.log ??
      createLogger({ level: config.observability.log_level, json: config.observability.json_logs });
    for (const w of opts.warnings ?? []) log.warn(w);
    const metrics = createMetrics({
      processMetrics: config.environment !== "test",
      defaultLabels: { node_id: config.cluster.node_id },
    });
    const health = new HealthRegistry();

    // 2. KV store.
    const kv = await openKv(config, { clock, log, backend: opts.kvBackend });
    registerKvMetrics(metrics.registry, kv);
    shutdown.push("kv", () => kv.close());

    // Snowflake ids (docs/http-api.md#a1--ids): the cluster step sets the worker id allocated by the node registry.
    const ids = new SnowflakeGenerator({ workerId: 0, clock });

    // 3a. Internal cluster endpoint (node-to-node actor forwarding, HMAC-authenticated): bound
    //     before registering so the registry advertises its real port (config may say 0).
    const internal = startInternalEndpoint({
      hostname: config.server.http_host,
      port: config.cluster.internal_port,
      secret: config.cluster.secret,
      clock,
      log,
    });
    shutdown.push("internal-endpoint", () => internal.stop());

    // 3. Cluster: registration (incarnation + worker id into `ids`), heartbeats, leader election,
    //    leader-only jobs; its `/v1/health` section and metrics. Leaves the cluster on shutdown.
    const cluster = createClusterNode({
      kv,
      clock,
      log,
      config: { ...config.cluster, internal_port: internal.port },
      ids,
      metrics: metrics.registry,
      health,
    });
    await cluster.start();
    shutdown.push("cluster", () => cluster.stop());

    // 3b. Nodes that do not share a cluster.secret can neither call nor be called by each other:
    //     refuse to start next to a live one (a config error, exit 2 from runCli).
    await refuseMismatchedPeers(kv, clock, config);

    // 4. Actor runtime: activations on the main thread or workers, fenced group commit, routing
    //    through the internal endpoint; the cluster's reminders become actor messages.
    const runtime = createActorRuntime({
      kv,
      clock,
      log,
      cluster,
      ids,
      config: config.cluster,
      metrics: metrics.registry,
      health,
      definitions: opts.actors?.definitions ?? actorDefinitions,
      definitionsModule: opts.actors?.module ?? ACTOR_DEFINITIONS_MODULE,
    });
    internal.setHandler((req) => runtime.receive(req), cluster.self().nodeId);
    // A vault's reminder turn may leave an engine call to make (docs/vaults.md#engine-sync).
    let syncDriver: VaultSyncDriver | undefined;
    cluster.setReminderDelivery(async (r) => {
      await runtime.deliverReminder(r);
      if (r.kind === "vault") syncDriver?.kick(r.id);
    });
    await runtime.start();
    shutdown.push("actors", () => runtime.stop());
    log.info("actor runtime started", {
      internal: `${config.cluster.advertise_address}:${internal.port}`,
      workers: config.cluster.workers,
    });

    // 5. Mail: transport, sealed outbox, delivery after commit, the retry job. Every service that
    //    sends mail gets this one outbox. Finishes in-flight deliveries before the store closes.
    const mail = openMail({
      config,
      kv,
      clock,
      ids,
      log,
      mailer: opts.mailer,
      deliveryPolicy: opts.deliveryPolicy,
    });
    shutdown.push("mail", () => mail.close());

    // 5a. This node's engine key (file, or ephemeral with a kid of its own), published in the KV
    //     store for the JWKS every node serves; one signer for gRPC calls and invalidation pushes.
    const api = config.server_api;
    const serviceKey = await loadServiceKey(config, log, {
      warn: api.grpc_endpoint.trim() !== "" || api.engine_http_endpoints.length > 0,
    });
    const keyDirectory = new ServiceKeyDirectory({
      kv,
      clock,
      log: log.child({ subsystem: "engine-keys" }),
      key: serviceKey,
      nodeId: cluster.self().nodeId,
    });
    await keyDirectory.start();
    shutdown.push("engine-keys", () => keyDirectory.stop());
    const signer = new Ed25519ServiceTokenSigner({
      privateKey: serviceKey.privateKey,
      kid: serviceKey.kid,
      issuer: config.auth.jwt_issuer,
      subject: SERVICE_TOKEN_SUBJECT,
      audience: api.service_token_audience,
      clock,
    });
    // Engine cache invalidations (docs/engine-invalidation.md): pushed at once after the commit
    // that wrote them (the services' actor client kicks), swept and retried by a leader job.
    const invalidations = new InvalidationDelivery({
      kv,
      clock,
      log: log.child({ subsystem: "engine-invalidation" }),
      signer,
      policy: invalidationPolicyOf(config),
      metrics: metrics.registry,
    });
    cluster.registerJob(invalidations.job());
    shutdown.push("engine-invalidation", () => invalidations.close());

    // 5b. Engine link (A13): the client of `server_api.grpc_endpoint` (none: standalone), the
    //     `engine` health section, the vault sync driver (main thread) and its leader job.
    const engine = await buildEngineLink({
      signer,
      config,
      clock,
      log,
      health,
      pending: () => syncDriver?.pending() ?? 0,
    });
    if (engine.client) {
      syncDriver = new VaultSyncDriver({
        kv,
        actors: runtime.client,
        engine: engine.client,
        clock,
        log: log.child({ subsystem: "vault-sync" }),
        outbox: mail.outbox,
        delivery: mail.delivery,
        frontendBaseUrl: config.frontend_base_url,
        metrics: metrics.registry,
        redriveIntervalMs: config.server_api.sync_redrive_interval_ms,
      });
      cluster.registerJob(syncDriver.job());
      const driver = syncDriver;
      shutdown.push("vault-sync", async () => {
        await driver.close();
        engine.client?.close();
      });
    }

    // 6. Services shared by HTTP and gRPC, one per feature, built in dependency order.
    const settings = serviceSettings(config);
    const authMetrics = createAuthMetrics(metrics.registry);
    const sd: ServiceDeps = {
      kv,
      clock,
      ids,
      log: log.child({ subsystem: "services" }),
      actors: kickingActorClient(runtime.client, () => invalidations.kick()),
      hasher: opts.hasher ?? new Argon2Hasher(),
      outbox: mail.outbox,
      delivery: mail.delivery,
      limiter: new RateLimiter({
        kv,
        clock,
        enabled: config.rate_limiting.enabled,
        onDenied: (category) => authMetrics.rateLimitsExceeded.inc({ category }),
      }),
      sealer: createSealer(config.auth.key_encryption_secret, "request-claims"),
      settings,
      metrics: authMetrics,
    };
    const sessions = new SessionService(sd);
    const emails = new EmailService(sd);
    const organizations = new OrganizationService(sd);
    // Certificate private keys: sealed under the current secret, opened under previous ones too.
    const certificateKeys = createSealer(
      config.auth.key_encryption_secret,
      CERTIFICATE_SEAL_PURPOSE,
      config.auth.previous_key_encryption_secrets,
    );
    const services: Services = {
      system: createSystemService({ config, clock, kv, health }),
      auth: new AuthService(sd, sessions, emails, organizations),
      users: new UserService(sd, emails, organizations),
      passkeys: new PasskeyService(sd, sessions, passkeySettings(config)),
      oauth: new OAuthService(sd, sessions, oauthSettings(config)),
      sessions,
      emails,
      organizations,
      invitations: new InvitationService(sd),
      teams: new TeamService(sd),
      vaults: new VaultService(sd, {
        standalone: engine.client === null,
        syncPolicy: engine.policy,
        onSyncWork: (vaultId) => syncDriver?.kick(vaultId),
        onSyncStart: (vaultId) => syncDriver?.start(vaultId),
      }),
      audit: new AuditService(sd, organizations),
      clients: new ClientService(sd, certificateKeys),
      jwks: new JwksService({ kv }),
      tokens: new TokenService(sd, certificateKeys, {
        issuer: config.auth.jwt_issuer,
        audience: config.auth.jwt_audience,
        assertionAudience: config.auth.client_assertion_audience,
        perClient: {
          category: "token_client",
          limit: config.rate_limiting.token_requests_per_client_per_minute,
          windowSec: 60,
        },
      }),
    };
    // The engine's lookups beside forwarding on the internal listener (docs/vaults.md).
    // Beside them, the JWKS of this service's keys the engine verifies our pushes with.
    internal.setRoutes(
      internalRoutes(
        managementJwksRoute(keyDirectory, log),
        engineLookupRoutes({
          kv,
          clock,
          log,
          settings: {
            jwksUrl: config.server_api.engine_jwks_url,
            issuer: config.server_api.engine_jwt_issuer,
            audience: config.server_api.engine_jwt_audience,
          },
        }),
      ),
    );
    // Leader-only jobs of each feature (fenced, batched): mail outbox, session / one-time token /
    // rate-limit cleanup, organization create claims, audit and failed-mail retention.
    for (const job of [
      ...mail.jobs,
      sessionCleanupJob(settings.sessionRetentionMs),
      tokenCleanupJob(),
      refreshCleanupJob(),
      passkeyChallengeCleanupJob(),
      nativeSigninCleanupJob(),
      rateLimitCleanupJob(),
      createClaimCleanupJob(),
      vaultCascadeJob(sd),
      ...retentionJobs(config),
    ]) {
      cluster.registerJob(job);
    }

    // 7. Transports.
    let connectionWatch: ConnectionWatch | undefined;
    const deps: TransportDeps = {
      config,
      clock,
      log,
      metrics,
      health,
      services,
      connections: {
        get over() {
          return connectionWatch?.over === true;
        },
      },
    };
    // Above Bun's parser limit a request gets Bun's bare 431 instead of ours with the error body.
    if (maxHeaderSize <= config.server.max_header_bytes) {
      log.warn("http headers above the parser limit get a bare 431", {
        parser_limit: maxHeaderSize,
        max_header_bytes: config.server.max_header_bytes,
        fix: "start bun with --max-http-header-size above server.max_header_bytes (npm start does)",
      });
    }
    // Descriptors held before any connection is accepted: the baseline of the connection count.
    const descriptorBaseline = openDescriptors();
    const http = createHttpApp(deps).listen({
      hostname: config.server.http_host,
      port: config.server.http_port,
      // The body plugin enforces server.max_body_bytes (Content-Length and streamed size) with an
      // 413 with the error body; Bun's own cap is lifted so its plain-text 413 never answers first. Bodies stream.
      maxRequestBodySize: Number.MAX_SAFE_INTEGER,
      idleTimeout: config.server.idle_timeout_s,
    });
    const server = http.server;
    if (!server) throw new Error("HTTP server did not start");
    let httpDrained: Promise<void> | undefined;
    const stopHttp = () => {
      httpDrained ??= drainHttp(server, config.server.shutdown_grace_ms, clock);
      return httpDrained;
    };
    shutdown.push("http", stopHttp);

    const grpc = await startGrpcServer(deps, {
      host: config.server.grpc_host,
      port: config.server.grpc_port,
    });
    // The listening sockets (HTTP, gRPC) count as connections above that baseline: a few.
    connectionWatch = watchConnections({
      max: config.server.max_connections,
      log,
      baseline: descriptorBaseline,
    });
    const watch = connectionWatch;
    shutdown.push("connection-watch", async () => watch.stop());
    // Both listeners stop accepting at once and drain in parallel (within one grace period).
    shutdown.push("grpc", async () => {
      await Promise.all([stopHttp(), grpc.stop(config.server.shutdown_grace_ms)]);
    });

    log.info("node started", {
      node_id: config.cluster.node_id,
      environment: config.environment,
      backend: kv.backend,
      http: `${config.server.http_host}:${server.port}`,
      grpc: `${config.server.grpc_host}:${grpc.port}`,
    });
    return {
      config,
      httpPort: server.port ?? config.server.http_port,
      grpcPort: grpc.port,
      kv,
      actors: runtime.client,
      services,
      health,
      cluster,
      transport: deps,
      mail,
      invalidations: { delivery: invalidations, keys: keyDirectory },
      log,
      stop: () => shutdown.run(log),
    };
  } catch (e) {
    await shutdown.run(opts.log ?? createLogger({ level: "silent" }));
    throw e;
  }
}

/**
 * Throws a `ConfigError` naming `cluster.secret` when a node heartbeating on this store runs with
 * another secret (or none), or when this node has no configured secret and any node is live.
 */
async function refuseMismatchedPeers(kv: KvStore, clock: Clock, config: Config) {
  const { suspect_ms, node_id, secret, secret_ephemeral } = config.cluster;
  const configured = secret !== undefined && !secret_ephemeral;
  const mine = secretTag(configured ? secret : undefined);
  // Watched for suspect_ms (src/cluster/peers.ts says why); only the records that would refuse
  // the start: with a configured secret, those of another one.
  const mismatched = await findLivePeers(kv, clock, {
    selfId: node_id,
    windowMs: suspect_ms,
    relevant: configured ? (p) => (p.secretTag ?? mine) !== mine : undefined,
  });
  if (mismatched.length === 0) return;
  const ids = mismatched.map((p) => p.nodeId).join(", ");
  throw new ConfigError(
    "cluster.secret",
    configured
      ? `differs from the one of the live nodes ${ids} on this store; set the same INFERADB_MGMT__CLUSTER__SECRET on every node`
      : `is not set but other nodes are live on this store (${ids}); set the same INFERADB_MGMT__CLUSTER__SECRET on every node`,
  );
}

/**
 * The node id a node runs under: the configured `cluster.node_id`; else, on SQLite with a file, the
 * stable id of the first free slot beside the file; else (memory, FoundationDB: no local data to
 * keep it beside) the id the loader made up, random per start. Returns the config to run with and
 * the lease to release on stop.
 */
export function withStableNodeId(config: Config): { config: Config; lease?: NodeIdLease } {
  const { storage, cluster } = config;
  if (!cluster.node_id_generated || storage.backend !== "sqlite") return { config };
  if (storage.sqlite_path === ":memory:") return { config };
  const lease = leaseNodeId(storage.sqlite_path, () => cluster.node_id);
  if (!lease) return { config };
  const { node_id_generated: _generated, ...rest } = cluster;
  return { config: { ...config, cluster: { ...rest, node_id: lease.nodeId } }, lease };
}

/** Stop functions run in reverse order of registration; a failing one is logged, the rest still run. */
class ShutdownStack {
  #steps: { name: string; stop: () => Promise<void> }[] = [];
  #done: Promise<void> | undefined;

  push(name: string, stop: () => Promise<void>): void {
    this.#steps.push({ name, stop });
  }

  run(log: Logger): Promise<void> {
    this.#done ??= (async () => {
      for (const step of this.#steps.reverse()) {
        try {
          await step.stop();
        } catch (e) {
          log.error("shutdown step failed", { step: step.name, err: e });
        }
      }
    })();
    return this.#done;
  }
}

/** Stops accepting connections and waits for in-flight requests, then forces after `graceMs`. */
async function drainHttp(
  server: { stop(force?: boolean): Promise<void> },
  graceMs: number,
  clock: Clock,
) {
  const ac = new AbortController();
  const drained = server.stop(false).then(() => true);
  const timedOut = clock.sleep(graceMs, ac.signal).then(
    () => false,
    () => true,
  );
  if (!(await Promise.race([drained, timedOut]))) await server.stop(true);
  ac.abort();
}

/**
 * CLI entry: load config (one-line error and exit 2 when invalid), start, stop on signals.
 * `extra` adds build options (the multi-process tests' entry passes their fixture actor kinds).
 */
export async function runCli(extra: Partial<BuildNodeOptions> = {}): Promise<void> {
  let loaded: ReturnType<typeof loadConfig>;
  try {
    loaded = loadConfig({
      argv: process.argv.slice(2),
      env: process.env,
      cwd: process.cwd(),
      isTTY: Boolean(process.stdout.isTTY),
    });
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`config error: ${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
  let node: NodeHandle;
  try {
    node = await buildNode({ ...extra, config: loaded.config, warnings: loaded.warnings });
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`config error: ${e.message}\n`);
      process.exit(2);
    }
    // FoundationDB's client library missing, too old or failing to start: an installation
    // problem to fix before this node can start, reported like a config error (one line, exit 2).
    if (e instanceof FdbLoadError) {
      process.stderr.write(`storage error: ${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
  let stopping = false;
  const onSignal = (signal: string) => {
    if (stopping) return;
    stopping = true;
    node.log.info("shutting down", { signal });
    node.stop().then(
      () => process.exit(0),
      (e: unknown) => {
        node.log.error("shutdown failed", { err: e });
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", () => onSignal("SIGTERM"));
  process.on("SIGINT", () => onSignal("SIGINT"));
  // A stray rejection is a bug to log, not a reason to drop every in-flight request.
  process.on("unhandledRejection", (e) => node.log.error("unhandled rejection", { err: e }));
}

if (import.meta.main) {
  runCli().catch((e: unknown) => {
    process.stderr.write(`fatal: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
