/**
 * Session authentication for HTTP (docs/http-api.md#authentication): resolves the principal once per request from
 * the `infera_session` cookie (preferred when present) or `Authorization: Bearer <id>.<secret>`.
 *
 * Reuse on any route that needs a signed-in user:
 *
 * ```ts
 * new Elysia()
 *   .use(authPlugin(deps))
 *   .get("/v1/organizations/:org", ({ principal, clientMeta }) => ..., { requireSession: true });
 * ```
 *
 * `principal` is `{ userId, sessionId }` and `currentUser` the user's profile DTO, read in the same
 * transaction as the session (a session whose user is gone does not authenticate); `clientMeta`
 * (client IP and user agent, from the
 * client-ip plugin included here) is on every route of the app. Without a credential: 401
 * `NO_SESSION`; with a malformed, unknown, revoked or expired one: 401 `INVALID_SESSION`. When a
 * cookie session's sliding deadline moved, the cookie is re-sent so its Max-Age follows the session.
 */
import { Elysia } from "elysia";
import { SessionErrors } from "../../domain/sessions/errors.ts";
import type { HttpDeps } from "../../services/index.ts";
import { bearerCredential } from "../../services/sessions/credentials.ts";
import { clientIpPlugin } from "./client-ip.ts";

export const SESSION_COOKIE = "infera_session";

export interface PresentedCredential {
  /** undefined: none presented; null: presented but malformed. */
  token: string | null | undefined;
  source: "cookie" | "bearer" | "none";
}

/** Reads the credential: the cookie wins over the Authorization header (docs/http-api.md#authentication). */
export function presentedCredential(headers: Headers): PresentedCredential {
  const cookie = headers.get("cookie");
  if (cookie) {
    for (const part of cookie.split(";")) {
      const eq = part.indexOf("=");
      if (eq < 0 || part.slice(0, eq).trim() !== SESSION_COOKIE) continue;
      const value = part.slice(eq + 1).trim();
      return { token: value.length > 0 ? value : null, source: "cookie" };
    }
  }
  const auth = headers.get("authorization");
  // The Bearer parsing is shared with gRPC (src/services/credentials.ts).
  if (auth !== null) return { token: bearerCredential(auth), source: "bearer" };
  return { token: undefined, source: "none" };
}

function cookieAttributes(maxAgeSec: number, secure: boolean): string {
  return `Path=/; HttpOnly; SameSite=Lax; Max-Age=${Math.max(0, Math.floor(maxAgeSec))}${secure ? "; Secure" : ""}`;
}

/** The Set-Cookie value carrying a session credential (docs/http-api.md#a5--session-credentials: Max-Age follows the session). */
export function sessionCookie(token: string, maxAgeSec: number, secure: boolean): string {
  return `${SESSION_COOKIE}=${token}; ${cookieAttributes(maxAgeSec, secure)}`;
}

/** The Set-Cookie value that removes the session cookie (with `Path=/`, docs/http-api.md#defects-of-the-original-fixed-here, #16). */
export function clearedSessionCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; ${cookieAttributes(0, secure)}; Expires=Thu, 01 Jan 1970 00:00:00 GMT`;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF defence in depth behind `SameSite=Lax`: a write authenticated by the session cookie is
 * refused when the browser says it comes from another origin (`Origin` present and neither this
 * host nor the frontend's origin). `SameSite` does not stop sibling subdomains (same site, other
 * origin), and a body-less POST is a CORS "simple request" that no preflight blocks. Bearer
 * credentials are never sent by a browser on its own, so they are not checked.
 */
export function crossOriginCookieWrite(
  request: Request,
  source: PresentedCredential["source"],
  frontendOrigin: string,
): boolean {
  if (source !== "cookie" || SAFE_METHODS.has(request.method)) return false;
  const origin = request.headers.get("origin");
  if (origin === null) return false; // not a browser, or a same-origin GET-like navigation
  if (origin === frontendOrigin) return false;
  try {
    return new URL(origin).host !== request.headers.get("host");
  } catch {
    return true; // "null" (sandboxed frames, file:) or garbage
  }
}

/**
 * Throws 403 CROSS_ORIGIN_REQUEST for a cookie write from another origin (`crossOriginCookieWrite`).
 * `requireSession` routes run it for themselves; a cookie write that needs no session (logout)
 * calls it directly.
 */
export function refuseCrossOriginCookieWrite(
  deps: HttpDeps,
  request: Request,
  source: PresentedCredential["source"],
): void {
  if (crossOriginCookieWrite(request, source, frontendOriginOf(deps))) {
    throw SessionErrors.CROSS_ORIGIN_REQUEST();
  }
}

function frontendOriginOf(deps: HttpDeps): string {
  return new URL(deps.config.frontend_base_url).origin;
}

export const authPlugin = (deps: HttpDeps) => {
  const { sessions } = deps.services;
  const secure = cookieSecure(deps);
  const frontendOrigin = frontendOriginOf(deps);
  return new Elysia({ name: "auth" })
    .use(clientIpPlugin(deps.config.server.trusted_proxies))
    .macro({
      requireSession: {
        async resolve({ request, set }) {
          const presented = presentedCredential(request.headers);
          if (crossOriginCookieWrite(request, presented.source, frontendOrigin)) {
            throw SessionErrors.CROSS_ORIGIN_REQUEST();
          }
          const s = await sessions.requireSession(presented.token);
          if (s.refreshed && presented.source === "cookie" && typeof presented.token === "string") {
            const maxAge = (s.expiresAt - deps.clock.now()) / 1000;
            set.headers["set-cookie"] = sessionCookie(presented.token, maxAge, secure);
          }
          return { principal: { userId: s.userId, sessionId: s.sessionId }, currentUser: s.user };
        },
      },
    });
};

/** Whether session cookies carry `Secure` under this config. */
export function cookieSecure(deps: HttpDeps): boolean {
  return deps.config.auth.cookie_secure || deps.config.environment === "production";
}
