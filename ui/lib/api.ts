/**
 * The pages' one way to call the API (docs/http-api.md): same-origin `fetch` with the session
 * cookie, JSON in and out. A non-2xx answer is thrown as `ApiError` carrying the A3 error body
 * `{error, code, request_id, details?}`; a 204 resolves to `undefined`.
 */

export interface FieldProblem {
  field: string;
  message: string;
}

export interface ErrorBody {
  error: string;
  code: string;
  request_id?: string;
  details?: FieldProblem[];
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: FieldProblem[];
  readonly requestId: string | undefined;

  constructor(status: number, body: ErrorBody) {
    super(body.error);
    this.name = "ApiError";
    this.status = status;
    this.code = body.code;
    this.details = body.details ?? [];
    this.requestId = body.request_id;
  }
}

function isErrorBody(v: unknown): v is ErrorBody {
  return (
    typeof v === "object" &&
    v !== null &&
    typeof (v as ErrorBody).error === "string" &&
    typeof (v as ErrorBody).code === "string"
  );
}

/** Calls `method path` with an optional JSON body; resolves to the parsed JSON answer. */
export async function api<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: "same-origin",
      headers: { "content-type": "application/json" },
      body: body === undefined ? null : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, {
      error: "The server could not be reached. Check your connection and try again.",
      code: "NETWORK_ERROR",
    });
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text === "" ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (!res.ok) {
    throw new ApiError(
      res.status,
      isErrorBody(parsed)
        ? parsed
        : { error: `Unexpected answer from the server (HTTP ${res.status}).`, code: "UNEXPECTED" },
    );
  }
  return parsed as T;
}

// The shapes the pages read (docs/openapi.json) ------------------------------------------------

export interface User {
  id: string;
  name: string;
  created_at: string;
  tos_accepted_at: string | null;
}

export interface Email {
  id: string;
  email: string;
  is_primary: boolean;
  is_verified: boolean;
  verified_at: string | null;
  created_at: string;
}

export interface Session {
  session_id: string;
  session_type: string;
  created_at: string;
  expires_at: string;
  last_activity_at: string;
  ip_address: string | null;
  user_agent: string | null;
  current: boolean;
}

export interface Passkey {
  id: string;
  name: string;
  created_at: string;
  last_used_at: string | null;
  transports: string[];
  backed_up: boolean;
  device_type: string;
}

export interface SignedIn {
  user_id: string;
  name: string;
  session_id: string;
  session_token: string;
}
