import { describe, expect, test } from "bun:test";
import { rateLimitClient } from "../../../src/domain/ratelimit/client.ts";

describe("per-IP rate limits count clients, not addresses", () => {
  test("every address of one IPv6 /64 is one client; another /64 is another", () => {
    const a = rateLimitClient("2001:db8:1:2::1");
    expect(a).toBe("2001:db8:1:2::/64");
    expect(rateLimitClient("2001:0db8:0001:0002:ffff:eeee:dddd:cccc")).toBe(a);
    expect(rateLimitClient("[2001:db8:1:2:abcd::9]")).toBe(a);
    expect(rateLimitClient("2001:db8:1:3::1")).not.toBe(a);
    expect(rateLimitClient("::1")).toBe("0:0:0:0::/64");
  });

  test("IPv4 and IPv4-mapped IPv6 count as the IPv4 address; unknown is one bucket", () => {
    expect(rateLimitClient("192.0.2.7")).toBe("192.0.2.7");
    expect(rateLimitClient("::ffff:192.0.2.7")).toBe("192.0.2.7");
    expect(rateLimitClient(null)).toBe("unknown");
  });
});
