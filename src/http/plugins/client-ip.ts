/**
 * The client's address and user agent, resolved once per request (docs/http-api.md#rate-limits; the original's defect #18): the socket
 * peer, unless the peer is one of `server.trusted_proxies` (IPs or CIDRs, IPv4 or IPv6); then the
 * `X-Forwarded-For` chain is walked from the right, skipping trusted proxies, and the first
 * untrusted hop is the client. A spoofed left-most entry is therefore never believed.
 */
import { Elysia } from "elysia";
import { resolveClientIp, trustedProxyMatcher } from "../../lib/net.ts";
import { type RequestMeta, requestMeta } from "../../services/context.ts";

interface PeerServer {
  requestIP(request: Request): { address: string } | null;
}

/** Methods whose requests change nothing (no audit event records their client). */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Adds `clientMeta: RequestMeta` to the context of every route (a global derive, run once).
 * Finding the socket peer is a system call (~4 µs of CPU per request over HTTP), so on safe
 * methods `ip` is resolved on first read (memoised, an own enumerable property, so copies and
 * JSON see it); on writes, whose audit events record it, it is resolved before the handler runs.
 */
export const clientIpPlugin = (trustedProxies: readonly string[]) => {
  const trusted = trustedProxyMatcher(trustedProxies);
  // The listening server, taken when the app starts: a derive that reads the context's `server`
  // makes Elysia define a getter on every request's context (~3 µs per request over HTTP).
  // Without a listening server (`app.handle` in tests) there is no peer: `ip` is null.
  let server: PeerServer | null = null;
  return new Elysia({ name: "client-ip", seed: trustedProxies.join(",") })
    .onStart((app) => {
      server = app.server;
    })
    .derive({ as: "global" }, ({ request }): { clientMeta: RequestMeta } => {
      const resolveIp = () =>
        resolveClientIp(
          server?.requestIP(request)?.address ?? null,
          request.headers.get("x-forwarded-for"),
          trusted,
        );
      const { userAgent } = requestMeta(null, request.headers.get("user-agent"));
      if (!SAFE_METHODS.has(request.method)) return { clientMeta: { ip: resolveIp(), userAgent } };
      let ip: string | null | undefined;
      return {
        clientMeta: {
          get ip() {
            if (ip === undefined) ip = resolveIp();
            return ip;
          },
          userAgent,
        },
      };
    });
};
