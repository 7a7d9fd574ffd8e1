/**
 * The engine port: what the Management API asks of the InferaDB engine about vault lifecycle
 * (proto/inferadb/engine/v1/vault_lifecycle.proto). The grpc-js adapter is src/engine/client.ts;
 * tests and the standalone mode may supply other implementations.
 *
 * Every method is idempotent on the vault id (the proto's contract), so a caller may repeat any
 * call after an error whose outcome is unknown. Failures are `EngineError`s whose `retryable` flag
 * is the whole retry policy of the caller: retryable → try again later (with backoff), permanent →
 * do not repeat the same call.
 */

export interface CreateVaultInput {
  /** Decimal Snowflake. */
  vaultId: string;
  /** Decimal Snowflake. */
  organizationId: string;
  name: string;
}

export interface CreateVaultResult {
  vaultId: string;
  /** False when the vault already existed (a retry of an earlier, applied create). */
  created: boolean;
}

export interface DeleteVaultResult {
  vaultId: string;
  /** False when the vault was absent or already deleted. */
  deleted: boolean;
}

export interface EngineVaultStatus {
  vaultId: string;
  /** The vault exists and is live on the engine. */
  exists: boolean;
  /** The engine holds a tombstone for this id. */
  deleted: boolean;
  /** Null when the engine never saw the vault. */
  organizationId: string | null;
  name: string | null;
}

export interface EngineCallOptions {
  /** Budget of this call in ms (the gRPC deadline); default: the client's `deadlineMs`. */
  deadlineMs?: number;
  /** Cancels the call (reported as a retryable `CANCELLED` with an unknown outcome). */
  signal?: AbortSignal;
}

export interface EngineClient {
  createVault(input: CreateVaultInput, opts?: EngineCallOptions): Promise<CreateVaultResult>;
  deleteVault(vaultId: string, opts?: EngineCallOptions): Promise<DeleteVaultResult>;
  getVaultStatus(vaultId: string, opts?: EngineCallOptions): Promise<EngineVaultStatus>;
  /** Closes the channel; later calls fail with a permanent `CLIENT_CLOSED`. */
  close(): void;
}

/**
 * gRPC status names (plus two of ours) an engine call can fail with. `TRANSPORT` is a failure
 * before or around the call that grpc-js did not map to a status; `CLIENT_CLOSED` a call on a
 * closed client.
 */
export type EngineErrorCode =
  | "CANCELLED"
  | "UNKNOWN"
  | "INVALID_ARGUMENT"
  | "DEADLINE_EXCEEDED"
  | "NOT_FOUND"
  | "ALREADY_EXISTS"
  | "PERMISSION_DENIED"
  | "RESOURCE_EXHAUSTED"
  | "FAILED_PRECONDITION"
  | "ABORTED"
  | "OUT_OF_RANGE"
  | "UNIMPLEMENTED"
  | "INTERNAL"
  | "UNAVAILABLE"
  | "DATA_LOSS"
  | "UNAUTHENTICATED"
  | "TRANSPORT"
  | "CLIENT_CLOSED";

/**
 * Retryable: the engine was busy, unreachable or slow, or the outcome is unknown (the call may
 * have been applied: a deadline, a cancelled or reset call, UNKNOWN, INTERNAL). Repeating the same
 * idempotent call is safe and may succeed. Everything else is permanent: repeating the same call
 * gets the same answer until something else changes (configuration, keys, the request).
 */
const RETRYABLE = new Set<EngineErrorCode>([
  "UNAVAILABLE",
  "DEADLINE_EXCEEDED",
  "RESOURCE_EXHAUSTED",
  "ABORTED",
  "UNKNOWN",
  "CANCELLED",
  "INTERNAL",
  "TRANSPORT",
]);

/**
 * The call may have been applied on the engine although it failed (the request may have been
 * delivered before the failure was seen). UNAVAILABLE is counted here too: grpc-js also reports a
 * connection dropped after the request was written as UNAVAILABLE.
 */
const OUTCOME_UNKNOWN = new Set<EngineErrorCode>([
  "DEADLINE_EXCEEDED",
  "UNKNOWN",
  "CANCELLED",
  "INTERNAL",
  "UNAVAILABLE",
  "TRANSPORT",
]);

export function isRetryableCode(code: EngineErrorCode): boolean {
  return RETRYABLE.has(code);
}

export class EngineError extends Error {
  override readonly name = "EngineError";
  readonly code: EngineErrorCode;
  /** Repeating the call may succeed (see `isRetryableCode`). */
  readonly retryable: boolean;
  /** The engine may have applied the call although it failed. */
  readonly outcomeUnknown: boolean;
  /** The method called (`CreateVault`, …). */
  readonly method: string;

  constructor(code: EngineErrorCode, method: string, message: string, options?: ErrorOptions) {
    super(`${method}: ${code}: ${message}`, options);
    this.code = code;
    this.method = method;
    this.retryable = RETRYABLE.has(code);
    this.outcomeUnknown = OUTCOME_UNKNOWN.has(code);
  }

  /** The short, loggable form stored as a vault's `sync_error` (no stack, no metadata). */
  get summary(): string {
    return this.message;
  }
}

export function isEngineError(e: unknown): e is EngineError {
  return e instanceof EngineError;
}
