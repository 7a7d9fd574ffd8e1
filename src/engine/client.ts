/**
 * The grpc-js implementation of the `EngineClient` port (src/engine/types.ts): calls
 * `inferadb.engine.v1.VaultLifecycleService` (proto/inferadb/engine/v1/vault_lifecycle.proto) at
 * `server_api.grpc_endpoint`.
 *
 * - Transport: plaintext, or TLS when `server_api.tls_enabled`, verifying the engine's certificate
 *   against `server_api.tls_ca_file` (PEM, read once at construction) or the system roots.
 *   With TLS, name the engine by a host name (the certificate's DNS name), not an IP address:
 *   grpc-js passes the target host as the TLS server name, which Bun refuses for an IP address
 *   (the call fails with UNAVAILABLE naming `servername`).
 * - Authentication: every call carries `authorization: Bearer <jwt>` from the `ServiceTokenSigner`
 *   (src/engine/auth.ts); the signer, and so the key, is the caller's.
 * - Deadlines: every call has one (`deadlineMs`, default 5 s, or the call's own), computed from the
 *   injected Clock's wall time (grpc-js deadlines are wall-clock instants).
 * - Keep-alive: HTTP/2 pings every `keepAliveMs` (default 30 s) while calls are active, the
 *   connection counted dead after `keepAliveTimeoutMs` (default 10 s) without an answer; no pings
 *   on an idle channel (servers refuse those by default). Reconnection backoff is capped at
 *   `maxReconnectBackoffMs` (default 5 s, grpc-js's own is 120 s) so a restarted engine is used
 *   again within seconds.
 * - Errors: every failure is an `EngineError` carrying the gRPC status name, `retryable` and
 *   `outcomeUnknown` (types.ts has the classification). No retries happen here: the caller (the
 *   vault-sync machine) owns the policy, with durable reminders.
 */
import { readFileSync } from "node:fs";
import {
  type ChannelCredentials,
  type ChannelOptions,
  type ClientUnaryCall,
  connectivityState,
  credentials,
  Metadata,
  type ServiceError,
  status,
} from "@grpc/grpc-js";
import { type Clock, systemClock } from "../lib/clock.ts";
import type { ServiceTokenSigner } from "./auth.ts";
import type { VaultLifecycleServiceClient } from "./generated/inferadb/engine/v1/VaultLifecycleService.ts";
import type { ProtoGrpcType } from "./generated/vault_lifecycle.ts";
import { loadEngineProtos } from "./protos.ts";
import {
  type CreateVaultInput,
  type CreateVaultResult,
  type DeleteVaultResult,
  type EngineCallOptions,
  type EngineClient,
  EngineError,
  type EngineErrorCode,
  type EngineVaultStatus,
} from "./types.ts";

export const DEFAULT_ENGINE_DEADLINE_MS = 5_000;
export const DEFAULT_KEEPALIVE_MS = 30_000;
export const DEFAULT_KEEPALIVE_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_RECONNECT_BACKOFF_MS = 5_000;

export interface EngineTlsOptions {
  /** PEM file of the CA(s) to trust; empty or absent = the system roots. */
  caFile?: string;
  /** PEM of the CA(s) to trust, given directly (wins over `caFile`). */
  ca?: string | Buffer;
}

/** Told of every call's outcome (EngineHealth implements it). */
export interface EngineCallObserver {
  succeeded(method: string): void;
  failed(method: string, error: EngineError): void;
}

/** The channel's state, lower-case (`idle`, `connecting`, `ready`, `transient_failure`, `shutdown`). */
export type EngineChannelState = "idle" | "connecting" | "ready" | "transient_failure" | "shutdown";

export interface GrpcEngineClientOptions {
  /**
   * `host:port` (also `[v6]:port` or any grpc-js target such as `dns:///host:port`); a leading
   * `http://` or `https://` and a trailing `/` are dropped. TLS is decided by `tls`, not the scheme.
   */
  endpoint: string;
  /** TLS towards the engine; absent or `false` = plaintext. */
  tls?: EngineTlsOptions | false;
  signer: ServiceTokenSigner;
  clock?: Clock;
  deadlineMs?: number;
  keepAliveMs?: number;
  keepAliveTimeoutMs?: number;
  maxReconnectBackoffMs?: number;
  observer?: EngineCallObserver;
  /** Extra grpc-js channel options (tests: `grpc.ssl_target_name_override`). */
  channelOptions?: ChannelOptions;
}

/** The `server_api` section of the config, as far as the client needs it. */
export interface EngineLinkConfig {
  grpc_endpoint: string;
  tls_enabled: boolean;
  tls_ca_file: string;
}

/** Normalises `server_api.grpc_endpoint` into a grpc-js target. */
export function engineTarget(endpoint: string): string {
  return endpoint
    .trim()
    .replace(/^https?:\/\//, "")
    .replace(/\/+$/, "");
}

/**
 * The client for the configured engine, or `null` in standalone mode (empty endpoint). Throws when
 * the CA file cannot be read (a startup error, like any invalid configuration).
 */
export function engineClientFromConfig(
  cfg: EngineLinkConfig,
  deps: { signer: ServiceTokenSigner; clock?: Clock; observer?: EngineCallObserver },
): GrpcEngineClient | null {
  if (cfg.grpc_endpoint.trim() === "") return null;
  return new GrpcEngineClient({
    endpoint: cfg.grpc_endpoint,
    tls: cfg.tls_enabled ? { caFile: cfg.tls_ca_file } : false,
    ...deps,
  });
}

const STATUS_NAMES: Record<number, EngineErrorCode> = {
  [status.CANCELLED]: "CANCELLED",
  [status.UNKNOWN]: "UNKNOWN",
  [status.INVALID_ARGUMENT]: "INVALID_ARGUMENT",
  [status.DEADLINE_EXCEEDED]: "DEADLINE_EXCEEDED",
  [status.NOT_FOUND]: "NOT_FOUND",
  [status.ALREADY_EXISTS]: "ALREADY_EXISTS",
  [status.PERMISSION_DENIED]: "PERMISSION_DENIED",
  [status.RESOURCE_EXHAUSTED]: "RESOURCE_EXHAUSTED",
  [status.FAILED_PRECONDITION]: "FAILED_PRECONDITION",
  [status.ABORTED]: "ABORTED",
  [status.OUT_OF_RANGE]: "OUT_OF_RANGE",
  [status.UNIMPLEMENTED]: "UNIMPLEMENTED",
  [status.INTERNAL]: "INTERNAL",
  [status.UNAVAILABLE]: "UNAVAILABLE",
  [status.DATA_LOSS]: "DATA_LOSS",
  [status.UNAUTHENTICATED]: "UNAUTHENTICATED",
};

function isServiceError(e: unknown): e is ServiceError {
  return e instanceof Error && typeof (e as Partial<ServiceError>).code === "number";
}

/** Maps whatever grpc-js reported into an EngineError. */
export function toEngineError(method: string, e: unknown): EngineError {
  if (e instanceof EngineError) return e;
  if (isServiceError(e)) {
    const code = STATUS_NAMES[e.code] ?? "UNKNOWN";
    return new EngineError(code, method, e.details || e.message, { cause: e });
  }
  const msg = e instanceof Error ? e.message : String(e);
  return new EngineError("TRANSPORT", method, msg, { cause: e });
}

function channelCredentials(tls: EngineTlsOptions | false | undefined): ChannelCredentials {
  if (!tls) return credentials.createInsecure();
  const ca = tls.ca ?? (tls.caFile ? readFileSync(tls.caFile) : undefined);
  return credentials.createSsl(ca === undefined ? null : Buffer.from(ca));
}

type Unary<Req, Res> = (
  req: Req,
  md: Metadata,
  opts: { deadline: number },
  cb: (err: ServiceError | null, res?: Res) => void,
) => ClientUnaryCall;

export class GrpcEngineClient implements EngineClient {
  readonly target: string;
  readonly #client: VaultLifecycleServiceClient;
  readonly #signer: ServiceTokenSigner;
  readonly #clock: Clock;
  readonly #deadlineMs: number;
  readonly #observer: EngineCallObserver | undefined;
  #closed = false;

  constructor(opts: GrpcEngineClientOptions) {
    this.target = engineTarget(opts.endpoint);
    if (this.target === "") throw new RangeError("engine endpoint is empty (standalone mode)");
    this.#signer = opts.signer;
    this.#clock = opts.clock ?? systemClock;
    this.#deadlineMs = opts.deadlineMs ?? DEFAULT_ENGINE_DEADLINE_MS;
    this.#observer = opts.observer;
    const root = loadEngineProtos().root as unknown as ProtoGrpcType;
    const Ctor = root.inferadb.engine.v1.VaultLifecycleService;
    this.#client = new Ctor(this.target, channelCredentials(opts.tls), {
      "grpc.keepalive_time_ms": opts.keepAliveMs ?? DEFAULT_KEEPALIVE_MS,
      "grpc.keepalive_timeout_ms": opts.keepAliveTimeoutMs ?? DEFAULT_KEEPALIVE_TIMEOUT_MS,
      "grpc.keepalive_permit_without_calls": 0,
      "grpc.initial_reconnect_backoff_ms": 200,
      "grpc.max_reconnect_backoff_ms":
        opts.maxReconnectBackoffMs ?? DEFAULT_MAX_RECONNECT_BACKOFF_MS,
      ...opts.channelOptions,
    });
  }

  async createVault(input: CreateVaultInput, opts?: EngineCallOptions): Promise<CreateVaultResult> {
    const res = await this.#call(
      "CreateVault",
      this.#client.CreateVault.bind(this.#client) as Unary<unknown, unknown>,
      { vault_id: input.vaultId, organization_id: input.organizationId, name: input.name },
      opts,
    );
    const r = res as { vault_id: string; created: boolean };
    return { vaultId: r.vault_id || input.vaultId, created: r.created };
  }

  async deleteVault(vaultId: string, opts?: EngineCallOptions): Promise<DeleteVaultResult> {
    const res = await this.#call(
      "DeleteVault",
      this.#client.DeleteVault.bind(this.#client) as Unary<unknown, unknown>,
      { vault_id: vaultId },
      opts,
    );
    const r = res as { vault_id: string; deleted: boolean };
    return { vaultId: r.vault_id || vaultId, deleted: r.deleted };
  }

  async getVaultStatus(vaultId: string, opts?: EngineCallOptions): Promise<EngineVaultStatus> {
    const res = await this.#call(
      "GetVaultStatus",
      this.#client.GetVaultStatus.bind(this.#client) as Unary<unknown, unknown>,
      { vault_id: vaultId },
      opts,
    );
    const r = res as {
      vault_id: string;
      exists: boolean;
      deleted: boolean;
      organization_id: string;
      name: string;
    };
    return {
      vaultId: r.vault_id || vaultId,
      exists: r.exists,
      deleted: r.deleted,
      organizationId: r.organization_id === "" ? null : r.organization_id,
      name: r.name === "" && !r.exists && !r.deleted ? null : r.name,
    };
  }

  /**
   * The channel's state; `tryConnect` makes an idle channel start connecting (cheap, non-blocking:
   * the health section uses it so a first health request after start-up reflects the link).
   */
  channelState(tryConnect = false): EngineChannelState {
    if (this.#closed) return "shutdown";
    const s = this.#client.getChannel().getConnectivityState(tryConnect);
    switch (s) {
      case connectivityState.IDLE:
        return "idle";
      case connectivityState.CONNECTING:
        return "connecting";
      case connectivityState.READY:
        return "ready";
      case connectivityState.TRANSIENT_FAILURE:
        return "transient_failure";
      default:
        return "shutdown";
    }
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#client.close();
  }

  async #call(
    method: string,
    fn: Unary<unknown, unknown>,
    req: unknown,
    opts: EngineCallOptions | undefined,
  ): Promise<unknown> {
    try {
      const res = await this.#invoke(method, fn, req, opts);
      this.#observer?.succeeded(method);
      return res;
    } catch (e) {
      const err = toEngineError(method, e);
      this.#observer?.failed(method, err);
      throw err;
    }
  }

  async #invoke(
    method: string,
    fn: Unary<unknown, unknown>,
    req: unknown,
    opts: EngineCallOptions | undefined,
  ): Promise<unknown> {
    if (this.#closed) throw new EngineError("CLIENT_CLOSED", method, "the engine client is closed");
    const signal = opts?.signal;
    if (signal?.aborted) throw new EngineError("CANCELLED", method, "aborted before the call");
    let jwt: string;
    try {
      jwt = await this.#signer.token();
    } catch (e) {
      // A local signing failure (bad key): permanent until the key is fixed.
      throw new EngineError("UNAUTHENTICATED", method, `cannot sign the service token: ${e}`, {
        cause: e,
      });
    }
    const md = new Metadata();
    md.set("authorization", `Bearer ${jwt}`);
    const deadline = this.#clock.now() + (opts?.deadlineMs ?? this.#deadlineMs);
    return new Promise<unknown>((resolve, reject) => {
      const call = fn(req, md, { deadline }, (err, res) => {
        signal?.removeEventListener("abort", onAbort);
        if (err) reject(err);
        else resolve(res);
      });
      const onAbort = () => call.cancel();
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }
}
