/**
 * Client addresses, shared by both transports: IP parsing (IPv4, IPv6, IPv4-mapped), CIDR
 * matching for `server.trusted_proxies`, and the client IP of a request whose socket peer may be a
 * trusted proxy: the `X-Forwarded-For` chain (HTTP header or gRPC metadata) is walked from the
 * right, skipping trusted proxies, and the first untrusted hop is the client, so a spoofed
 * left-most entry is never believed (docs/http-api.md#rate-limits).
 */
import { isIP } from "node:net";

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
