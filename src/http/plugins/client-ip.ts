/**
 * The client's address and user agent, resolved once per request (docs/http-api.md#rate-limits; the original's defect #18): the socket
 * peer, unless the peer is one of `server.trusted_proxies` (IPs or CIDRs, IPv4 or IPv6); then the
 * `X-Forwarded-For` chain is walked from the right, skipping trusted proxies, and the first
 * untrusted hop is the client. A spoofed left-most entry is therefore never believed.
 */
import { isIP } from "node:net";
import { Elysia } from "elysia";
import { type RequestMeta, requestMeta } from "../../services/context.ts";

interface Cidr {
  bytes: Uint8Array;
  bits: number;
}

/** Parses an IPv4 or IPv6 address to bytes (IPv4-mapped IPv6 becomes IPv4); undefined if invalid. */
export function ipBytes(raw: string): Uint8Array | undefined {
  let ip = raw.trim();
  if (ip.startsWith("[") && ip.endsWith("]")) ip = ip.slice(1, -1);
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) ip = mapped[1] as string;
  const kind = isIP(ip);
  if (kind === 4) return Uint8Array.from(ip.split(".").map(Number));
  if (kind !== 6) return undefined;
  const [head = "", tail = ""] = ip.split("::") as [string, string?];
  const parse = (s: string) => (s ? s.split(":") : []);
  let left = parse(head);
  let right = ip.includes("::") ? parse(tail) : [];
  // An embedded IPv4 tail counts as two groups.
  const expand = (groups: string[]) =>
    groups.flatMap((g) => {
      if (!g.includes(".")) return [g];
      const [a = 0, b = 0, c = 0, d = 0] = g.split(".").map(Number);
      return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
    });
  left = expand(left);
  right = expand(right);
  const zeros = 8 - left.length - right.length;
  const groups = [...left, ...Array<string>(Math.max(0, zeros)).fill("0"), ...right];
  const out = new Uint8Array(16);
  groups.forEach((g, i) => {
    const v = Number.parseInt(g, 16);
    out[i * 2] = v >> 8;
    out[i * 2 + 1] = v & 0xff;
  });
  return out;
}

function parseCidr(entry: string): Cidr {
  const [addr = "", bitsRaw] = entry.split("/");
  const bytes = ipBytes(addr);
  if (!bytes) throw new RangeError(`server.trusted_proxies: not an IP or CIDR: ${entry}`);
  const bits = bitsRaw === undefined ? bytes.length * 8 : Number(bitsRaw);
  if (!Number.isInteger(bits) || bits < 0 || bits > bytes.length * 8) {
    throw new RangeError(`server.trusted_proxies: bad prefix length in ${entry}`);
  }
  return { bytes, bits };
}

function inCidr(ip: Uint8Array, c: Cidr): boolean {
  if (ip.length !== c.bytes.length) return false;
  let bits = c.bits;
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if (((ip[i] ?? 0) & mask) !== ((c.bytes[i] ?? 0) & mask)) return false;
  }
  return true;
}

/** A predicate for "is this address a trusted proxy". Throws on a malformed entry. */
export function trustedProxyMatcher(entries: readonly string[]): (ip: string) => boolean {
  const cidrs = entries.map(parseCidr);
  return (ip) => {
    if (cidrs.length === 0) return false;
    const b = ipBytes(ip);
    return b !== undefined && cidrs.some((c) => inCidr(b, c));
  };
}

/** The client IP for a request whose socket peer is `peer`. */
export function resolveClientIp(
  peer: string | null,
  forwardedFor: string | null,
  trusted: (ip: string) => boolean,
): string | null {
  if (peer === null || !trusted(peer) || !forwardedFor) return peer;
  const hops = forwardedFor
    .split(",")
    .map((h) => h.trim())
    .filter((h) => h.length > 0);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i] as string;
    if (ipBytes(hop) === undefined) return peer; // garbage in the chain: trust only the socket
    if (!trusted(hop)) return hop;
  }
  return hops[0] ?? peer;
}

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
