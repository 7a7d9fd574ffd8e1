/**
 * The OAuth 2.0 error body of `POST /v1/token` (RFC 6749 §5.2; docs/tokens.md#errors): `error`
 * carries the RFC's code (`invalid_client`, `invalid_request`, …) and `error_description` the human
 * message, besides the A3 fields `code`, `request_id` (and `details`). Every other route keeps the
 * A3 body, where `error` is the message.
 */
import { OAUTH_ERROR } from "../domain/tokens/errors.ts";

/** Routes whose errors use the OAuth body. */
export const OAUTH_ROUTES: ReadonlySet<string> = new Set([
  "/v1/token",
  "/oauth/token",
  "/oauth/device_authorization",
]);

/** The RFC 6749 `error` for one of our codes, falling back on the status. */
export function oauthErrorOf(code: string, status: number): string {
  const named = OAUTH_ERROR[code];
  if (named) return named;
  if (status === 401) return "invalid_client";
  if (status === 403) return "unauthorized_client";
  if (status === 429 || status === 503) return "temporarily_unavailable";
  if (status >= 500) return "server_error";
  return "invalid_request";
}
