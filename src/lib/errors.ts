/**
 * One error taxonomy for the whole service.
 *
 * An `AppError` carries a stable machine `code` (SCREAMING_SNAKE), a human message that is safe to
 * show when `public` is true, optional `details` (per-field problems) and metadata for logs. Each
 * feature declares its own catalog of codes with `defineErrors()`; every code maps to one *kind*,
 * and one table (`KIND_STATUS`) maps kinds to HTTP and gRPC statuses. Transports never decide
 * statuses themselves.
 *
 * Expected negatives (no session, bad token) should be return values where the caller branches on
 * them; throw `AppError` when the request must end.
 */

/** The kinds of failure. Each maps to exactly one HTTP status and one gRPC status. */
export type ErrorKind =
  | "bad_request" // 400: malformed input, business-rule validation
  | "unauthenticated" // 401
  | "payment_required" // 402: tier limit
  | "forbidden" // 403
  | "not_found" // 404
  | "method_not_allowed" // 405
  | "conflict" // 409: uniqueness conflict
  | "gone" // 410
  | "payload_too_large" // 413
  | "headers_too_large" // 431
  | "unsupported_media_type" // 415
  | "unprocessable" // 422: schema mismatch
  | "rate_limited" // 429 (Retry-After)
  | "internal" // 500
  | "bad_gateway" // 502
  | "unavailable" // 503 (Retry-After)
  | "overloaded" // 503 (Retry-After) over HTTP, RESOURCE_EXHAUSTED over gRPC: load shed
  | "deadline_exceeded"; // 504

/** gRPC status codes (numeric values of grpc.status), kept here so domain code has no grpc import. */
export const GrpcCode = {
  OK: 0,
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  OUT_OF_RANGE: 11,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  DATA_LOSS: 15,
  UNAUTHENTICATED: 16,
} as const;

/** The one table mapping error kinds to transport statuses. */
export const KIND_STATUS: Record<ErrorKind, { http: number; grpc: number }> = {
  bad_request: { http: 400, grpc: GrpcCode.INVALID_ARGUMENT },
  unauthenticated: { http: 401, grpc: GrpcCode.UNAUTHENTICATED },
  payment_required: { http: 402, grpc: GrpcCode.RESOURCE_EXHAUSTED },
  forbidden: { http: 403, grpc: GrpcCode.PERMISSION_DENIED },
  not_found: { http: 404, grpc: GrpcCode.NOT_FOUND },
  method_not_allowed: { http: 405, grpc: GrpcCode.UNIMPLEMENTED },
  conflict: { http: 409, grpc: GrpcCode.ALREADY_EXISTS },
  gone: { http: 410, grpc: GrpcCode.FAILED_PRECONDITION },
  payload_too_large: { http: 413, grpc: GrpcCode.RESOURCE_EXHAUSTED },
  headers_too_large: { http: 431, grpc: GrpcCode.RESOURCE_EXHAUSTED },
  unsupported_media_type: { http: 415, grpc: GrpcCode.INVALID_ARGUMENT },
  unprocessable: { http: 422, grpc: GrpcCode.INVALID_ARGUMENT },
  rate_limited: { http: 429, grpc: GrpcCode.RESOURCE_EXHAUSTED },
  internal: { http: 500, grpc: GrpcCode.INTERNAL },
  bad_gateway: { http: 502, grpc: GrpcCode.UNAVAILABLE },
  unavailable: { http: 503, grpc: GrpcCode.UNAVAILABLE },
  overloaded: { http: 503, grpc: GrpcCode.RESOURCE_EXHAUSTED },
  deadline_exceeded: { http: 504, grpc: GrpcCode.DEADLINE_EXCEEDED },
};

export interface FieldProblem {
  field: string;
  message: string;
}

export interface AppErrorOptions {
  /** Shown to clients when true; otherwise clients see a generic message. Default true. */
  public?: boolean;
  details?: FieldProblem[];
  /** Seconds; sent as `Retry-After` for rate_limited / unavailable. */
  retryAfterSeconds?: number;
  /** Extra fields for logs only; never sent to clients. */
  meta?: Record<string, unknown>;
  cause?: unknown;
}

export class AppError extends Error {
  readonly code: string;
  readonly kind: ErrorKind;
  readonly public: boolean;
  readonly details: FieldProblem[] | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly meta: Record<string, unknown> | undefined;

  constructor(code: string, kind: ErrorKind, message: string, opts: AppErrorOptions = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = "AppError";
    this.code = code;
    this.kind = kind;
    this.public = opts.public ?? true;
    this.details = opts.details;
    this.retryAfterSeconds = opts.retryAfterSeconds;
    this.meta = opts.meta;
  }

  get httpStatus(): number {
    return KIND_STATUS[this.kind].http;
  }

  get grpcStatus(): number {
    return KIND_STATUS[this.kind].grpc;
  }
}

/** True when `e` is an AppError (duck-typed so errors crossing worker boundaries still match). */
export function isAppError(e: unknown): e is AppError {
  return (
    e instanceof AppError ||
    (typeof e === "object" &&
      e !== null &&
      (e as { name?: unknown }).name === "AppError" &&
      typeof (e as { code?: unknown }).code === "string" &&
      typeof (e as { kind?: unknown }).kind === "string")
  );
}

type CatalogEntry = { kind: ErrorKind; message: string };

/**
 * Declares a feature's error catalog. Returns one factory per code:
 *
 * ```ts
 * export const OrgErrors = defineErrors({
 *   ORG_NOT_FOUND: { kind: "not_found", message: "Organization not found" },
 * });
 * throw OrgErrors.ORG_NOT_FOUND();            // default message
 * throw OrgErrors.ORG_NOT_FOUND("custom", {meta: {orgId}});
 * ```
 */
export function defineErrors<const C extends Record<string, CatalogEntry>>(
  catalog: C,
): { [K in keyof C]: (message?: string, opts?: AppErrorOptions) => AppError } & {
  readonly catalog: C;
} {
  const out: Record<string, unknown> = { catalog };
  for (const [code, entry] of Object.entries(catalog)) {
    out[code] = (message?: string, opts?: AppErrorOptions) =>
      new AppError(code, entry.kind, message ?? entry.message, opts);
  }
  return out as never;
}

/** Codes shared by every transport (framework-level rejections and generic failures). */
export const CommonErrors = defineErrors({
  MALFORMED_JSON: { kind: "bad_request", message: "Request body is not valid JSON" },
  VALIDATION_FAILED: { kind: "unprocessable", message: "Request does not match the schema" },
  INVALID_ARGUMENT: { kind: "bad_request", message: "Invalid request" },
  INVALID_ID: { kind: "bad_request", message: "Invalid id" },
  UNAUTHENTICATED: { kind: "unauthenticated", message: "Authentication required" },
  FORBIDDEN: { kind: "forbidden", message: "Forbidden" },
  NOT_FOUND: { kind: "not_found", message: "Not found" },
  ROUTE_NOT_FOUND: { kind: "not_found", message: "No such route" },
  METHOD_NOT_ALLOWED: { kind: "method_not_allowed", message: "Method not allowed" },
  CONFLICT: { kind: "conflict", message: "Conflict" },
  PAYLOAD_TOO_LARGE: { kind: "payload_too_large", message: "Request body too large" },
  HEADERS_TOO_LARGE: {
    kind: "headers_too_large",
    message: "Request line and headers too large",
  },
  UNSUPPORTED_MEDIA_TYPE: {
    kind: "unsupported_media_type",
    message: "Unsupported content type; expected application/json",
  },
  RATE_LIMITED: { kind: "rate_limited", message: "Too many requests" },
  OVERLOADED: { kind: "overloaded", message: "Service overloaded; retry later" },
  STORAGE_FULL: { kind: "unavailable", message: "Storage is full; retry later" },
  STORAGE_UNAVAILABLE: {
    kind: "unavailable",
    message: "Storage is not writable; retry later",
  },
  UNAVAILABLE: { kind: "unavailable", message: "Service unavailable; retry later" },
  DEADLINE_EXCEEDED: { kind: "deadline_exceeded", message: "Deadline exceeded" },
  INTERNAL: { kind: "internal", message: "Internal server error" },
});

/** What a client is allowed to see of any thrown value. Unknown errors become INTERNAL. */
export function toPublic(e: unknown): {
  status: number;
  grpc: number;
  code: string;
  message: string;
  details?: FieldProblem[];
  retryAfterSeconds?: number;
} {
  if (isAppError(e)) {
    const s = KIND_STATUS[e.kind] ?? KIND_STATUS.internal;
    const out: ReturnType<typeof toPublic> = {
      status: s.http,
      grpc: s.grpc,
      code: e.code,
      message: e.public ? e.message : "Internal server error",
    };
    if (e.details && e.details.length > 0) out.details = e.details;
    if (e.retryAfterSeconds !== undefined) out.retryAfterSeconds = e.retryAfterSeconds;
    return out;
  }
  // KvError (src/kv/types.ts), duck-typed so this leaf needs no kv import: a write over FDB's
  // limits is the client's fault (413); anything else from the store is transient (503, retry).
  if (typeof e === "object" && e !== null && (e as { name?: unknown }).name === "KvError") {
    if ((e as { code?: unknown }).code === "too_large") {
      const s = KIND_STATUS.payload_too_large;
      return {
        status: s.http,
        grpc: s.grpc,
        code: "PAYLOAD_TOO_LARGE",
        message: "Request too large to store",
      };
    }
    const s = KIND_STATUS.unavailable;
    const storage = storageCodeOf(e);
    return {
      status: s.http,
      grpc: s.grpc,
      code: storage ?? "UNAVAILABLE",
      message: storage ? CommonErrors.catalog[storage].message : "Service unavailable; retry later",
      retryAfterSeconds: 1,
    };
  }
  return {
    status: 500,
    grpc: GrpcCode.INTERNAL,
    code: "INTERNAL",
    message: "Internal server error",
  };
}

/**
 * The stable code of a KvError caused by the storage itself (the SQLite error code of its cause):
 * SQLITE_FULL (disk full, `max_page_count`) is STORAGE_FULL; SQLITE_READONLY, SQLITE_PERM,
 * SQLITE_CANTOPEN and SQLITE_IOERR are STORAGE_UNAVAILABLE; anything else undefined.
 */
function storageCodeOf(e: object): "STORAGE_FULL" | "STORAGE_UNAVAILABLE" | undefined {
  const code = (e as { cause?: { code?: unknown } }).cause?.code;
  if (typeof code !== "string") return undefined;
  if (code.startsWith("SQLITE_FULL")) return "STORAGE_FULL";
  if (/^SQLITE_(READONLY|PERM|CANTOPEN|IOERR)/.test(code)) return "STORAGE_UNAVAILABLE";
  return undefined;
}
