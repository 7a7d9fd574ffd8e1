/**
 * Error catalog of vault tokens, refresh families and client assertions (issue 11, docs/tokens.md).
 * Codes are stable and tested. On `POST /v1/token` the body also carries the RFC 6749 §5.2 `error`
 * code (`OAUTH_ERROR` below; src/http/oauth.ts).
 */
import { defineErrors } from "../../lib/errors.ts";

export const TokenErrors = defineErrors({
  TOKEN_TTL_INVALID: {
    kind: "bad_request",
    message: "access_token_ttl must be an integer between 60 and 86400 seconds",
  },
  VAULT_NO_GRANT: { kind: "forbidden", message: "You do not have access to this vault" },
  TOKEN_ROLE_EXCEEDS: {
    kind: "bad_request",
    message: "The requested role exceeds your role on this vault",
  },
  REFRESH_TTL_INVALID: {
    kind: "bad_request",
    message: "refresh_token_ttl must be an integer between 300 and 7776000 seconds",
  },
  CLIENT_NOT_FOUND: { kind: "not_found", message: "Client not found" },
  REFRESH_TOKEN_INVALID: { kind: "forbidden", message: "Invalid refresh token" },
  REFRESH_TOKEN_REVOKED: { kind: "forbidden", message: "Refresh token has been revoked" },
  REFRESH_TOKEN_REUSED: {
    kind: "forbidden",
    message: "Refresh token has already been used; its family is revoked",
  },
  REFRESH_TOKEN_EXPIRED: { kind: "forbidden", message: "Refresh token has expired" },
  REFRESH_SESSION_ENDED: { kind: "forbidden", message: "Session expired or revoked" },
  REFRESH_ACCESS_ENDED: {
    kind: "forbidden",
    message: "You are no longer a member of this organization",
  },
  REFRESH_CLIENT_INVALID: {
    kind: "forbidden",
    message: "The client or its certificate is no longer active",
  },
  REFRESH_ROLE_EXCEEDS: {
    kind: "forbidden",
    message: "The token's role now exceeds the role granted on this vault",
  },
  VAULT_ADMIN_REQUIRED: { kind: "forbidden", message: "Only vault admins can revoke tokens" },
  UNSUPPORTED_GRANT_TYPE: {
    kind: "bad_request",
    message: "grant_type must be 'client_credentials'",
  },
  INVALID_TOKEN_REQUEST: { kind: "bad_request", message: "Invalid token request" },
  INVALID_CLIENT_ASSERTION: { kind: "unauthenticated", message: "Invalid client assertion" },
  ASSERTION_REPLAYED: {
    kind: "unauthenticated",
    message: "The client assertion's jti has already been used",
  },
  CLIENT_INACTIVE: { kind: "unauthenticated", message: "The client is deactivated" },
  NO_SIGNING_KEY: {
    kind: "conflict",
    message:
      "The organization has no active certificate to sign tokens with; create a client certificate first",
  },
});

/**
 * RFC 6749 §5.2 `error` codes of `POST /v1/token` answers, by our code; anything else falls back
 * on the status (src/http/oauth.ts).
 */
export const OAUTH_ERROR: Readonly<Record<string, string>> = {
  UNSUPPORTED_GRANT_TYPE: "unsupported_grant_type",
  INVALID_TOKEN_REQUEST: "invalid_request",
  INVALID_CLIENT_ASSERTION: "invalid_client",
  ASSERTION_REPLAYED: "invalid_client",
  CLIENT_INACTIVE: "invalid_client",
  TOKEN_ROLE_EXCEEDS: "invalid_scope",
  VAULT_NO_GRANT: "unauthorized_client",
  ORG_SUSPENDED: "unauthorized_client",
  VAULT_NOT_FOUND: "invalid_request",
  NO_SIGNING_KEY: "temporarily_unavailable",
  // Native-app sign-in (src/domain/oauth/errors.ts; RFC 6749 §4.1.2.1 / §5.2, RFC 8628 §3.5).
  OAUTH_INVALID_REQUEST: "invalid_request",
  OAUTH_INVALID_CLIENT: "invalid_client",
  OAUTH_INVALID_GRANT: "invalid_grant",
  OAUTH_UNSUPPORTED_GRANT_TYPE: "unsupported_grant_type",
  OAUTH_INVALID_SCOPE: "invalid_scope",
  OAUTH_REDIRECT_INVALID: "invalid_request",
  PKCE_METHOD_UNSUPPORTED: "invalid_request",
  PKCE_CHALLENGE_INVALID: "invalid_request",
  CLI_CODE_INVALID: "invalid_grant",
  CLI_VERIFIER_INVALID: "invalid_grant",
  CLI_SESSION_ENDED: "invalid_grant",
  DEVICE_AUTHORIZATION_PENDING: "authorization_pending",
  DEVICE_SLOW_DOWN: "slow_down",
  DEVICE_EXPIRED: "expired_token",
  DEVICE_DENIED: "access_denied",
};
