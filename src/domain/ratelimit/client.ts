/**
 * Who a per-IP limit counts as one client. An IPv4 address is one client. An IPv6 host usually
 * holds a whole /64 (SLAAC, privacy addresses), so counting addresses one by one would let one
 * machine pass any per-IP limit by rotating through its prefix: an IPv6 address counts as its /64.
 * An IPv4-mapped IPv6 address (`::ffff:192.0.2.1`) counts as the IPv4 address.
 */
import { ipBytes } from "../../lib/net.ts";

/** The identifier a per-IP rate limit counts: the IPv4 address, an IPv6 /64, or `unknown`. */
export function rateLimitClient(ip: string | null): string {
  if (ip === null || ip === "") return "unknown";
  const bytes = ipBytes(ip);
  if (!bytes) return ip;
  if (bytes.length === 4) return bytes.join(".");
  const groups: string[] = [];
  for (let i = 0; i < 8; i += 2)
    groups.push((((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0)).toString(16));
  return `${groups.join(":")}::/64`;
}
