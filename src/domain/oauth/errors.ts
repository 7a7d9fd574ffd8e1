/**
 * Error catalog of CLI and native-app sign-in (issue 13, docs/cli-sign-in.md). Codes are stable
 * and tested; on the OAuth endpoints the body also carries the RFC 6749 / RFC 8628 `error` code
 * (`OAUTH_ERROR` in src/domain/tokens/errors.ts).
 */
import { defineErrors } from "../../lib/errors.ts";

export const OAuthErrors = defineErrors({
  PKCE_METHOD_UNSUPPORTED: { kind: "bad_request", message: "code_challenge_method must be 'S256'" },
  PKCE_CHALLENGE_INVALID: {
    kind: "bad_request",
    message: "code_challenge must be 43-128 characters of A-Z a-z 0-9 - . _ ~",
  },
  CLI_CODE_INVALID: { kind: "unauthenticated", message: "Invalid or expired authorization code" },
  CLI_VERIFIER_INVALID: {
    kind: "unauthenticated",
    message: "Invalid code_verifier (PKCE verification failed); the code is burnt",
  },
  CLI_SESSION_ENDED: {
    kind: "unauthenticated",
    message: "The session that approved this code has ended",
  },
  OAUTH_INVALID_REQUEST: { kind: "bad_request", message: "Invalid request" },
  OAUTH_INVALID_CLIENT: { kind: "unauthenticated", message: "Unknown client" },
  OAUTH_INVALID_GRANT: {
    kind: "bad_request",
    message: "The authorization grant or refresh token is invalid, expired or already used",
  },
  OAUTH_UNSUPPORTED_GRANT_TYPE: {
    kind: "bad_request",
    message:
      "grant_type must be authorization_code, refresh_token or urn:ietf:params:oauth:grant-type:device_code",
  },
  OAUTH_INVALID_SCOPE: { kind: "bad_request", message: "Unknown scope" },
  OAUTH_REDIRECT_INVALID: {
    kind: "bad_request",
    message: "redirect_uri is not registered for this client",
  },
  DEVICE_AUTHORIZATION_PENDING: {
    kind: "bad_request",
    message: "The user has not yet approved this device",
  },
  DEVICE_SLOW_DOWN: { kind: "bad_request", message: "Polling too fast; wait longer between polls" },
  DEVICE_EXPIRED: { kind: "bad_request", message: "The device code has expired; start again" },
  DEVICE_DENIED: { kind: "bad_request", message: "The user denied this device" },
  USER_CODE_INVALID: { kind: "bad_request", message: "Unknown or expired code; check and retry" },
});
