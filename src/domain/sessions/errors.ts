/** Error catalog of sessions and session credentials. */
import { defineErrors } from "../../lib/errors.ts";

export const SessionErrors = defineErrors({
  /** No credential was presented. */
  NO_SESSION: { kind: "unauthenticated", message: "No session token provided" },
  /** A credential was presented but is malformed, unknown, revoked or expired (one answer for all). */
  INVALID_SESSION: { kind: "unauthenticated", message: "Session not found or expired" },
  SESSION_NOT_FOUND: { kind: "not_found", message: "Session not found" },
  /** A cookie-authenticated write sent by a page of another origin (CSRF). */
  CROSS_ORIGIN_REQUEST: {
    kind: "forbidden",
    message: "Cross-origin requests cannot use the session cookie; send a Bearer token",
  },
});
