/**
 * The one definition of the node's configuration. Every key, its type, bounds and default live
 * here; the `Config` type is inferred from the schema, and the loader (src/config/load.ts) layers
 * defaults < config.yaml < INFERADB_MGMT__SECTION__KEY env < CLI flags on top of it.
 *
 * Units: durations suffixed `_ms` are milliseconds, `_s` / session TTLs are seconds, sizes bytes.
 * A `description` on a schema node is the phrase used in the one-line config error
 * ("server.http_port: must be an integer 0..65535 (got "abc")").
 */
import { type Static, t } from "elysia";

/**
 * Integers are `t.Number({multipleOf: 1})` rather than Elysia's `t.Integer`, which also accepts
 * numeric strings (a convenience for query strings that would leave strings in the config).
 */
const int = (def: number, minimum: number, maximum: number | undefined, description: string) =>
  t.Number({
    multipleOf: 1,
    minimum,
    default: def,
    description,
    ...(maximum === undefined ? {} : { maximum }),
  });
const port = (def: number) => int(def, 0, 65535, "must be an integer 0..65535");
const positiveInt = (def: number) => int(def, 1, undefined, "must be an integer >= 1");
const seconds = (def: number) => int(def, 1, undefined, "must be a whole number of seconds >= 1");
const millis = (def: number) =>
  int(def, 1, undefined, "must be a whole number of milliseconds >= 1");
const httpUrl = (def: string) =>
  t.String({
    default: def,
    pattern: "^https?://.*[^/]$",
    description: "must start with http:// or https:// and must not end with /",
  });

export const ENVIRONMENTS = ["development", "production", "test"] as const;
export const BACKENDS = ["memory", "sqlite", "foundationdb"] as const;
export const LOG_LEVELS = ["debug", "info", "warn", "error", "silent"] as const;

export const ServerSchema = t.Object({
  http_host: t.String({ default: "127.0.0.1", minLength: 1 }),
  http_port: port(3000),
  grpc_host: t.String({ default: "127.0.0.1", minLength: 1 }),
  grpc_port: port(3001),
  /** IPs or CIDRs whose X-Forwarded-For is believed (client IP for rate limits and audit). */
  trusted_proxies: t.Array(t.String({ minLength: 1 }), { default: [] }),
  /** Largest accepted request body in bytes; larger bodies get 413 without being buffered. */
  max_body_bytes: positiveInt(2097152),
  /**
   * Largest accepted request line plus headers in bytes (a 431 with the error body above it).
   * Bun's own parser answers a bare 431 above its `--max-http-header-size` (16 KiB unless the
   * process is started with a larger one, as `npm start` does with 256 KiB).
   */
  max_header_bytes: positiveInt(32768),
  /**
   * Bun's idle timeout of an HTTP connection, in seconds (1..255): a keep-alive connection with no
   * request, a request body that stalls (measured: a body trickling one byte a second is cut at
   * this bound) or a response the client does not read for this long is closed. Request headers
   * have Bun's own fixed bound of about 10 s (docs/robustness.md).
   */
  idle_timeout_s: int(10, 1, 255, "must be a whole number of seconds 1..255"),
  /**
   * Requests in flight (Bun's count of requests not yet answered) beyond which a new request is
   * refused with 503 OVERLOADED and Retry-After; 0 disables. Probes and /metrics are exempt.
   */
  max_inflight_requests: int(256, 0, undefined, "must be an integer >= 0"),
  /**
   * Smoothed event-loop lag, in ms, beyond which a new request is refused with 503 OVERLOADED and
   * Retry-After (the CPU is saturated); 0 disables. Probes and /metrics are exempt.
   */
  max_event_loop_lag_ms: int(0, 0, undefined, "must be a whole number of milliseconds >= 0"),
  /**
   * Open connections (the node's file descriptors above those it held at start, sampled each
   * second) beyond which every answer carries `Connection: close`, so keep-alive connections are
   * given back before the open-file limit is reached; 0 disables. Bun cannot refuse a connection
   * at accept (docs/robustness.md). A warning at start when the open-file limit is below it + 256.
   */
  max_connections: int(10000, 0, undefined, "must be an integer >= 0"),
  /** How long graceful shutdown waits for in-flight HTTP requests, in ms. */
  shutdown_grace_ms: int(10000, 0, undefined, "must be a whole number of milliseconds >= 0"),
});

export const StorageSchema = t.Object({
  backend: t.Union(
    BACKENDS.map((b) => t.Literal(b)),
    { default: "sqlite", description: `must be one of ${BACKENDS.join(", ")}` },
  ),
  sqlite_path: t.String({ default: "./data/inferadb.sqlite", minLength: 1 }),
  /** Required when `backend` is `foundationdb`. */
  fdb_cluster_file: t.Optional(t.String({ minLength: 1 })),
});

export const WebAuthnSchema = t.Object({
  /** Relying-party id; default: the host name of `frontend_base_url`. */
  rp_id: t.Optional(t.String({ minLength: 1, maxLength: 253 })),
  rp_name: t.String({ default: "InferaDB", minLength: 1 }),
  /** Origins a ceremony may come from; default: the origin of `frontend_base_url`. */
  origins: t.Array(
    t.String({
      pattern: "^https?://[^/]+$",
      description: "must be an origin: http(s)://host[:port], no path",
    }),
    { default: [] },
  ),
  /** Lifetime of a ceremony's challenge. */
  challenge_ttl_seconds: int(300, 30, 3600, "must be an integer 30..3600"),
});

export const AuthSchema = t.Object({
  /**
   * Root secret for envelope encryption of private keys (HKDF-SHA-256). At least 32 bytes.
   * Missing: an error in production; an ephemeral random secret (with a warning) otherwise.
   */
  key_encryption_secret: t.Optional(t.String()),
  /**
   * Earlier values of `key_encryption_secret`, newest first: envelopes sealed under them still
   * open; nothing new is sealed under them (src/crypto/envelope.ts). Each at least 32 bytes.
   */
  previous_key_encryption_secrets: t.Array(t.String(), { default: [] }),
  session_ttl_web: seconds(86400),
  session_ttl_cli: seconds(604800),
  session_ttl_sdk: seconds(2592000),
  max_sessions_per_user: positiveInt(10),
  /** How long revoked/expired sessions are kept before the cleanup job deletes them, seconds. */
  session_retention_s: seconds(604800),
  jwt_issuer: t.String({ default: "https://api.inferadb.com", minLength: 1 }),
  jwt_audience: t.String({ default: "https://api.inferadb.com/evaluate", minLength: 1 }),
  client_assertion_audience: t.String({ default: "https://api.inferadb.com/token", minLength: 1 }),
  /** `Secure` attribute on the session cookie. Forced on in production. */
  cookie_secure: t.Boolean({ default: true, description: "must be true or false" }),
  webauthn: t.Object({ ...WebAuthnSchema.properties }, { default: {} }),
  /**
   * Native (public) OAuth clients allowed at /oauth/* (docs/cli-sign-in.md); loopback redirects
   * accept any port (RFC 8252 §7.3).
   */
  oauth_clients: t.Array(
    t.Object(
      {
        client_id: t.String({ minLength: 1, maxLength: 128 }),
        name: t.String({ minLength: 1, maxLength: 100 }),
        redirect_uris: t.Array(t.String({ pattern: "^https?://.+" }), { minItems: 1 }),
      },
      { additionalProperties: false },
    ),
    {
      default: [
        {
          client_id: "inferadb-cli",
          name: "InferaDB CLI",
          redirect_uris: ["http://localhost:8787/callback"],
        },
      ],
    },
  ),
});

export const EmailSchema = t.Object({
  transport: t.Union([t.Literal("console"), t.Literal("smtp")], {
    default: "console",
    description: "must be one of console, smtp",
  }),
  smtp_host: t.String({ default: "localhost", minLength: 1 }),
  smtp_port: port(587),
  smtp_secure: t.Boolean({ default: false, description: "must be true or false" }),
  smtp_username: t.Optional(t.String()),
  smtp_password: t.Optional(t.String()),
  from_email: t.String({ default: "noreply@inferadb.local", minLength: 3 }),
  from_name: t.String({ default: "InferaDB" }),
  /** Days a mail that failed for good stays in the outbox before the cleanup job deletes it. */
  failed_retention_days: int(30, 0, undefined, "must be a whole number of days >= 0"),
});

export const AuditSchema = t.Object({
  /** Days audit events are kept (docs/organizations.md#audit-log); 0 keeps them for ever. */
  retention_days: int(90, 0, undefined, "must be a whole number of days >= 0"),
});

export const RateLimitingSchema = t.Object({
  enabled: t.Boolean({ default: true, description: "must be true or false" }),
  login_attempts_per_ip_per_hour: positiveInt(100),
  login_failures_per_account_per_15min: positiveInt(10),
  registrations_per_ip_per_day: positiveInt(5),
  email_verification_tokens_per_hour: positiveInt(5),
  password_reset_tokens_per_hour: positiveInt(3),
  token_requests_per_client_per_minute: positiveInt(60),
  /** Invitation mails one organization may send per hour (docs/organizations.md#invitations). */
  invitations_per_org_per_hour: positiveInt(20),
  /** Invitation mails one address may receive per day, from every organization together. */
  invitations_per_address_per_day: positiveInt(5),
});

export const ClusterSchema = t.Object({
  /**
   * Node id; default: stable across restarts, stored beside the SQLite file (one slot per running
   * process); random per start on memory and FoundationDB (docs/configuration.md).
   */
  node_id: t.Optional(t.String({ minLength: 1, maxLength: 128 })),
  /** `host` or `host:port` (port = internal_port) peers use to reach this node; default `server.http_host`. */
  advertise_address: t.Optional(t.String({ minLength: 1 })),
  internal_port: port(3002),
  /** Shared secret authenticating node-to-node calls; required when several nodes share a store. */
  secret: t.Optional(t.String({ minLength: 1 })),
  heartbeat_ms: millis(1000),
  suspect_ms: millis(5000),
  fence_ms: millis(3500),
  actor_idle_ms: millis(300000),
  /**
   * Actor worker threads; 0 runs actors on the main thread. Default 0: measured on the 2-core
   * target, the thread hop costs more than the turns it offloads (bench/actors.ts, docs/cluster.md).
   */
  workers: int(0, 0, 256, "must be an integer 0..256"),
  mailbox_capacity: positiveInt(1000),
  max_hops: int(2, 0, 8, "must be an integer 0..8"),
});

export const ObservabilitySchema = t.Object({
  log_level: t.Union(
    LOG_LEVELS.map((l) => t.Literal(l)),
    { default: "info", description: "must be one of debug, info, warn, error, silent" },
  ),
  /** JSON log lines; default: true when stdout is not a TTY or in production. */
  json_logs: t.Optional(t.Boolean({ description: "must be true or false" })),
  metrics_enabled: t.Boolean({ default: true, description: "must be true or false" }),
});

export const ServerApiSchema = t.Object({
  /** gRPC endpoint of the InferaDB engine; empty = standalone mode (no vault sync calls). */
  grpc_endpoint: t.String({ default: "" }),
  tls_enabled: t.Boolean({ default: false, description: "must be true or false" }),
  /**
   * PEM file of the CA (or CAs) the engine's TLS certificate must chain to, when `tls_enabled`;
   * empty = the system's default roots (src/engine/client.ts).
   */
  tls_ca_file: t.String({ default: "" }),
  /**
   * PEM (PKCS#8) file of this service's Ed25519 key signing its engine JWTs; empty = an ephemeral
   * key made at start (a warning; the engine cannot trust it across restarts).
   */
  service_key_file: t.String({ default: "" }),
  /** `kid` of the service key (the engine finds the public key by it). */
  service_key_id: t.String({ default: "inferadb-management", minLength: 1 }),
  /** `aud` of this service's JWTs towards the engine. */
  service_token_audience: t.String({ default: "inferadb-engine", minLength: 1 }),
  /** Vault sync (docs/vaults.md#engine-sync): create attempts before giving up. */
  sync_max_attempts: int(6, 1, 100, "must be an integer 1..100"),
  /** Backoff after the first failed attempt (ms, doubled per attempt, jittered). */
  sync_base_delay_ms: int(1_000, 1, undefined, "must be an integer >= 1"),
  /** Upper bound of a backoff (ms). */
  sync_max_delay_ms: int(300_000, 1, undefined, "must be an integer >= 1"),
  /** Deadline of one engine call (ms). */
  sync_call_deadline_ms: int(5_000, 1, undefined, "must be an integer >= 1"),
  /** Watchdog: an attempt with no reported outcome this long counts as failed (ms). */
  sync_attempt_timeout_ms: int(30_000, 1, undefined, "must be an integer >= 1"),
  /** Period of the leader job re-driving stuck vaults (ms). */
  sync_redrive_interval_ms: int(5_000, 10, undefined, "must be an integer >= 10"),
  /**
   * JWKS of the engine, verifying its Bearer JWTs on the internal lookups
   * (`/internal/organizations/{org}`, `/internal/vaults/{vault}`); empty = those routes answer 503.
   */
  engine_jwks_url: t.String({ default: "" }),
  /** Required `iss` of the engine's JWTs on the internal lookups. */
  engine_jwt_issuer: t.String({ default: "inferadb-engine", minLength: 1 }),
  /** Required `aud` of the engine's JWTs on the internal lookups (this service). */
  engine_jwt_audience: t.String({ default: "inferadb-management", minLength: 1 }),
  /**
   * Base URLs of every engine node receiving cache invalidations
   * (`POST {url}/internal/cache/invalidate/...`, docs/engine-invalidation.md); empty = none pushed.
   */
  engine_http_endpoints: t.Array(
    t.String({ pattern: "^https?://[^\\s]+$", description: "must be http(s) URLs" }),
    { default: [] },
  ),
  /** Delay after the first failed invalidation push (ms, doubled per attempt, jittered). */
  invalidation_base_delay_ms: int(500, 1, undefined, "must be an integer >= 1"),
  /** Upper bound of an invalidation retry delay (ms). */
  invalidation_max_delay_ms: int(60_000, 1, undefined, "must be an integer >= 1"),
  /** An invalidation not delivered to every endpoint this long after its change is given up (ms). */
  invalidation_give_up_ms: int(86_400_000, 1_000, undefined, "must be an integer >= 1000"),
  /** Timeout of one invalidation POST (ms). */
  invalidation_request_timeout_ms: int(5_000, 1, undefined, "must be an integer >= 1"),
  /** Period of the leader job sweeping due invalidations (ms). */
  invalidation_sweep_interval_ms: int(1_000, 10, undefined, "must be an integer >= 10"),
});

const section = <T extends Parameters<typeof t.Object>[0]>(props: T) =>
  t.Object(props, { default: {} });

export const ConfigSchema = t.Object({
  environment: t.Union(
    ENVIRONMENTS.map((e) => t.Literal(e)),
    { default: "development", description: `must be one of ${ENVIRONMENTS.join(", ")}` },
  ),
  /** Base of the links in mails; the product's own pages live under `/ui`. */
  frontend_base_url: httpUrl("http://localhost:3000/ui"),
  server: section(ServerSchema.properties),
  storage: section(StorageSchema.properties),
  auth: section(AuthSchema.properties),
  email: section(EmailSchema.properties),
  audit: section(AuditSchema.properties),
  rate_limiting: section(RateLimitingSchema.properties),
  cluster: section(ClusterSchema.properties),
  observability: section(ObservabilitySchema.properties),
  server_api: section(ServerApiSchema.properties),
});

/** What the schema alone accepts (before the loader fills derived values). */
export type RawConfig = Static<typeof ConfigSchema>;

/**
 * The validated configuration of one node, produced only by `resolveConfig` / `loadConfig`
 * (src/config/load.ts). The loader fills what the schema leaves optional: an ephemeral
 * `auth.key_encryption_secret` outside production, `cluster.node_id`, `cluster.advertise_address`
 * and `observability.json_logs`.
 */
export type Config = RawConfig & {
  auth: { key_encryption_secret: string };
  cluster: {
    node_id: string;
    /** Host only (`host:port` input is split and checked against `internal_port`; IPv6 bracketed). */
    advertise_address: string;
    /** Set when `node_id` was not configured (the loader made one up; buildNode may replace it). */
    node_id_generated?: true;
    /** Set when `secret` was not configured and the loader made up an ephemeral one. */
    secret_ephemeral?: true;
  };
  observability: { json_logs: boolean };
};
export type Environment = Config["environment"];
export type StorageBackendName = Config["storage"]["backend"];
