/** Client IP resolution behind trusted proxies (src/http/plugins/client-ip.ts). */
import { describe, expect, test } from "bun:test";
import { ipBytes, resolveClientIp, trustedProxyMatcher } from "../../../src/lib/net.ts";

describe("trusted proxies", () => {
  const trusted = trustedProxyMatcher(["10.0.0.0/8", "192.168.1.1", "fd00::/8", "::1"]);

  test("CIDR and single-address matching, IPv4, IPv6 and IPv4-mapped IPv6", () => {
    expect(trusted("10.1.2.3")).toBe(true);
    expect(trusted("11.1.2.3")).toBe(false);
    expect(trusted("192.168.1.1")).toBe(true);
    expect(trusted("192.168.1.2")).toBe(false);
    expect(trusted("::ffff:10.0.0.5")).toBe(true);
    expect(trusted("fd12:3456::1")).toBe(true);
    expect(trusted("fe80::1")).toBe(false);
    expect(trusted("::1")).toBe(true);
    expect(trusted("not an ip")).toBe(false);
  });

  test("IPv6 parsing expands :: and embedded IPv4", () => {
    expect(Array.from(ipBytes("::1")!)).toEqual([...Array(15).fill(0), 1]);
    expect(Array.from(ipBytes("64:ff9b::192.0.2.33")!.slice(12))).toEqual([192, 0, 2, 33]);
    expect(ipBytes("1.2.3")).toBeUndefined();
  });

  test("malformed entries are refused at startup", () => {
    expect(() => trustedProxyMatcher(["10.0.0.0/33"])).toThrow(RangeError);
    expect(() => trustedProxyMatcher(["proxy.example.com"])).toThrow(RangeError);
  });

  test("the socket peer unless it is trusted; then the right-most untrusted hop", () => {
    expect(resolveClientIp("203.0.113.9", "1.1.1.1", trusted)).toBe("203.0.113.9");
    expect(resolveClientIp("10.0.0.1", null, trusted)).toBe("10.0.0.1");
    expect(resolveClientIp("10.0.0.1", "1.1.1.1", trusted)).toBe("1.1.1.1");
    expect(resolveClientIp("10.0.0.1", "6.6.6.6, 1.1.1.1, 10.0.0.7", trusted)).toBe("1.1.1.1");
    expect(resolveClientIp("10.0.0.1", "10.0.0.8, 10.0.0.7", trusted)).toBe("10.0.0.8");
    expect(resolveClientIp("10.0.0.1", "1.1.1.1, garbage", trusted)).toBe("10.0.0.1");
    expect(resolveClientIp(null, "1.1.1.1", trusted)).toBeNull();
    expect(resolveClientIp("10.0.0.1", "1.1.1.1", trustedProxyMatcher([]))).toBe("10.0.0.1");
  });
});
