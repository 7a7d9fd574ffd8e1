/**
 * The transport-neutral part of reading a session credential: an `Authorization` header (HTTP) or
 * `authorization` metadata entry (gRPC) → the presented token. Resolution of the token is
 * `SessionService.requireSession` (undefined → NO_SESSION, null → INVALID_SESSION).
 */

const BEARER = /^bearer[ \t]+(.*)$/is;

/**
 * `Bearer <id>.<secret>` → the token; undefined when nothing was sent; null when a value was sent
 * in an unusable form (another scheme, or an empty token). The auth-scheme is case-insensitive
 * (RFC 9110 §11.1): "bearer x" is a Bearer credential.
 */
export function bearerCredential(
  authorization: string | null | undefined,
): string | null | undefined {
  if (authorization === null || authorization === undefined) return undefined;
  const m = BEARER.exec(authorization);
  if (!m) return null;
  const token = (m[1] as string).trim();
  return token.length > 0 ? token : null;
}
