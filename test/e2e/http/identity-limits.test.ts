/**
 * No account enumeration (A6), rate limits (A7) on a fake clock with small configured numbers,
 * client IPs behind trusted proxies, and registration races (one address, many concurrent
 * sign-ups: exactly one wins) on the memory and SQLite backends.
 */
import { afterEach, describe, expect, test } from "bun:test";
import type { PasswordHasher } from "../../../src/crypto/password.ts";
import { FakeClock } from "../../../src/lib/clock.ts";
import { fastHasher } from "../../support/hasher.ts";
import { type ConfigOverrides, createTestServer, type TestServer } from "../../support/server.ts";
import { call, mailTo, registerAccount, tokenFromMail } from "./identity-helpers.ts";

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function start(
  opts: {
    limits?: ConfigOverrides["rate_limiting"];
    smtp?: boolean;
    clock?: FakeClock;
    hasher?: PasswordHasher;
    proxies?: string[];
    sqlite?: boolean;
  } = {},
) {
  const s = await createTestServer({
    clock: opts.clock,
    hasher: opts.hasher,
    smtp: opts.smtp,
    sqlite: opts.sqlite,
    config: {
      rate_limiting: { enabled: opts.limits !== undefined, ...opts.limits },
      server: { trusted_proxies: opts.proxies ?? [] },
    },
  });
  servers.push(s);
  return s;
}

/** Counts verifications of the real (fast) hasher. */
class CountingHasher implements PasswordHasher {
  verifies = 0;
  hash(p: string) {
    return fastHasher.hash(p);
  }
  verify(phc: string, p: string) {
    this.verifies++;
    return fastHasher.verify(phc, p);
  }
}

describe("enumeration", () => {
  test("unknown address and wrong password: same status, code, message and hashing work", async () => {
    const hasher = new CountingHasher();
    const s = await start({ hasher });
    const a = await registerAccount(s);
    const before = hasher.verifies;
    const unknown = await call(s, "POST", "/v1/auth/login/password", {
      email: "nobody@example.com",
      password: a.password,
    });
    const afterUnknown = hasher.verifies;
    const wrong = await call(s, "POST", "/v1/auth/login/password", {
      email: a.email,
      password: "wrong password here",
    });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body.code).toBe(wrong.body.code);
    expect(unknown.body.error).toBe(wrong.body.error);
    expect(afterUnknown - before).toBe(1);
    const metrics = await (await s.fetch("/metrics")).text();
    expect(metrics).toMatch(/auth_attempts_total\{[^}]*success="false"[^}]*\} 2/);
    expect(hasher.verifies - afterUnknown).toBe(1);
    const invalid = await call(s, "POST", "/v1/auth/login/password", {
      email: "not an address",
      password: "x",
    });
    expect(invalid.status).toBe(401);
    expect(invalid.body.error).toBe(wrong.body.error);
  });

  test("password reset requests answer 200 alike for known, unverified and unknown addresses", async () => {
    const s = await start({ smtp: true });
    const a = await registerAccount(s);
    const bodies = [];
    for (const email of [a.email, "nobody@example.com"]) {
      const r = await call(s, "POST", "/v1/auth/password-reset/request", { email });
      expect(r.status).toBe(200);
      bodies.push(r.body);
    }
    expect(bodies[0]).toEqual(bodies[1]);
    await s.node.mail.delivery.drain();
    // The account's only address is its unverified primary: the recovery path mails it a reset
    // link (docs/adr/0010); the unknown address gets nothing.
    const resets = s.smtp!.mails.filter((m) => m.subject === "Reset your password");
    expect(resets.map((m) => m.to)).toEqual([[a.email]]);
  });
});

describe("rate limits", () => {
  test("registrations per IP trip at the configured count and reset after the window", async () => {
    const clock = new FakeClock(Date.UTC(2026, 0, 1, 0, 0, 0));
    const s = await start({ clock, limits: { registrations_per_ip_per_day: 2 } });
    const reg = (i: number) =>
      call(s, "POST", "/v1/auth/register", {
        name: "R",
        email: `r${i}@example.com`,
        password: "long enough password",
      });
    const r1 = await reg(1);
    expect(r1.status).toBe(201);
    expect(r1.headers.get("x-ratelimit-limit")).toBe("2");
    expect(r1.headers.get("x-ratelimit-remaining")).toBe("1");
    expect(r1.headers.get("x-ratelimit-reset")).toBe("86400");
    expect((await reg(2)).headers.get("x-ratelimit-remaining")).toBe("0");
    const denied = await reg(3);
    expect(denied.status).toBe(429);
    expect(denied.body.code).toBe("RATE_LIMITED");
    expect(denied.headers.get("retry-after")).toBe("86400");
    expect(denied.headers.get("x-ratelimit-remaining")).toBe("0");
    const metrics = await (await s.fetch("/metrics")).text();
    expect(metrics).toMatch(/rate_limits_exceeded_total\{[^}]*category="registration_ip"[^}]*\} 1/);
    expect(metrics).toMatch(/registrations_total(\{[^}]*\})? 2/);
    clock.advance(3600_000);
    expect((await reg(3)).headers.get("retry-after")).toBe("82800");
    clock.advance(82_800_000);
    expect((await reg(3)).status).toBe(201);
  });

  test("login attempts per IP, and failures per account", async () => {
    const clock = new FakeClock(Date.UTC(2026, 0, 1));
    const s = await start({
      clock,
      limits: { login_attempts_per_ip_per_hour: 4, login_failures_per_account_per_15min: 2 },
    });
    const a = await registerAccount(s);
    const login = (password: string) =>
      call(s, "POST", "/v1/auth/login/password", { email: a.email, password });
    expect((await login("wrong password 1")).status).toBe(401);
    expect((await login("wrong password 2")).status).toBe(401);
    // Two failures: the account is locked for the window, even with the right password.
    const locked = await login(a.password);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
    clock.advance(15 * 60_000);
    expect((await login(a.password)).status).toBe(200);
    // That was the 4th attempt from this IP this hour: the 5th is refused before any check.
    const ipLimited = await login(a.password);
    expect(ipLimited.status).toBe(429);
    expect(ipLimited.headers.get("x-ratelimit-limit")).toBe("4");
    clock.advance(45 * 60_000);
    expect((await login(a.password)).status).toBe(200);
  });

  test("verification mails per address and password resets per user", async () => {
    const clock = new FakeClock(Date.UTC(2026, 0, 1));
    const s = await start({
      clock,
      smtp: true,
      limits: { email_verification_tokens_per_hour: 2, password_reset_tokens_per_hour: 1 },
    });
    const a = await registerAccount(s);
    const emails = await call(s, "GET", "/v1/users/emails", undefined, { bearer: a.session });
    const id = emails.body.emails[0].id;
    const resend = () =>
      call(s, "POST", `/v1/users/emails/${id}/resend-verification`, undefined, {
        bearer: a.session,
      });
    expect((await resend()).status).toBe(200);
    const denied = await resend();
    expect(denied.status).toBe(429);
    expect(denied.headers.get("retry-after")).toBe("3600");

    // Verify so that resets are possible, then: one reset mail per hour, the rest silently dropped.
    const mail = await s.smtp!.waitForMail(mailTo(a.email, "Verify your email address"));
    const token = decodeURIComponent(/token=([^\s]+)/.exec(mail.text)![1]!);
    expect((await call(s, "POST", "/v1/auth/verify-email", { token })).status).toBe(200);
    for (let i = 0; i < 3; i++) {
      expect(
        (await call(s, "POST", "/v1/auth/password-reset/request", { email: a.email })).status,
      ).toBe(200);
    }
    await s.node.services.auth.settled(); // reset requests work after their answer
    await s.node.mail.delivery.drain();
    const resets = () => s.smtp!.mails.filter(mailTo(a.email, "Reset your password")).length;
    expect(resets()).toBe(1);
    clock.advance(3600_000);
    expect(
      (await call(s, "POST", "/v1/auth/password-reset/request", { email: a.email })).status,
    ).toBe(200);
    await s.node.services.auth.settled();
    await s.node.mail.delivery.drain();
    expect(resets()).toBe(2);
  });

  test("X-Forwarded-For counts only behind a trusted proxy", async () => {
    const limits = { registrations_per_ip_per_day: 1 };
    const body = (i: number) => ({
      name: "P",
      email: `p${i}-${Math.random()}@example.com`,
      password: "long enough password",
    });
    const xff = (ip: string) => ({ headers: { "x-forwarded-for": ip } });

    const direct = await start({ limits });
    expect((await call(direct, "POST", "/v1/auth/register", body(1), xff("10.0.0.1"))).status).toBe(
      201,
    );
    // Without a trusted proxy the header is ignored: same socket IP, same bucket.
    expect((await call(direct, "POST", "/v1/auth/register", body(2), xff("10.0.0.2"))).status).toBe(
      429,
    );

    const proxied = await start({ limits, proxies: ["127.0.0.0/8", "::1"] });
    expect(
      (await call(proxied, "POST", "/v1/auth/register", body(3), xff("10.0.0.1"))).status,
    ).toBe(201);
    expect(
      (await call(proxied, "POST", "/v1/auth/register", body(4), xff("10.0.0.2"))).status,
    ).toBe(201);
    // A spoofed left-most entry is not believed: the right-most untrusted hop is the client.
    expect(
      (await call(proxied, "POST", "/v1/auth/register", body(5), xff("10.9.9.9, 10.0.0.1"))).status,
    ).toBe(429);
  });

  test("limits are off when rate_limiting.enabled is false", async () => {
    const s = await start();
    for (let i = 0; i < 8; i++) await registerAccount(s);
  });
});

describe("registration races", () => {
  for (const sqlite of [false, true]) {
    test(`concurrent registrations and verifications of one address: exactly one keeps it (${sqlite ? "sqlite" : "memory"})`, async () => {
      const s = await start({ sqlite, smtp: true });
      // An unverified address reserves nothing (docs/adr/0010): every registration succeeds.
      const attempts = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          call(s, "POST", "/v1/auth/register", {
            name: `Racer ${i}`,
            email: i % 2 ? "Race@Example.com" : "race@example.com ",
            password: `long enough password ${i}`,
          }),
        ),
      );
      expect(attempts.map((r) => r.status)).toEqual(Array(8).fill(201));
      // Each mailbox link races; the first verification keeps the address, the rest lose it.
      const tokens: string[] = [];
      for (let i = 0; i < 8; i++) {
        const mail = await s.smtp!.waitForMail(
          (m) =>
            mailTo("race@example.com", "Verify your email address")(m) &&
            !tokens.includes(tokenFromMail(m)),
        );
        tokens.push(tokenFromMail(mail));
      }
      const verified = await Promise.all(
        tokens.map((token) => call(s, "POST", "/v1/auth/verify-email", { token })),
      );
      const statuses = verified.map((r) => r.status).sort();
      expect(statuses).toEqual([200, 400, 400, 400, 400, 400, 400, 400]);
      const again = await call(s, "POST", "/v1/auth/register", {
        name: "Late",
        email: "race@example.com",
        password: "long enough password",
      });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe("EMAIL_IN_USE");
      // Every account still signs in with its own password; exactly one holds the address.
      let holders = 0;
      for (let i = 0; i < 8; i++) {
        const login = await call(s, "POST", "/v1/auth/login/password", {
          email: "race@example.com",
          password: `long enough password ${i}`,
        });
        expect(login.status).toBe(200);
        expect(login.body.user_id).toBe(attempts[i]!.body.user_id);
        const emails = await call(s, "GET", "/v1/users/emails", undefined, {
          bearer: login.body.session_token,
        });
        holders += emails.body.emails.length;
      }
      expect(holders).toBe(1);
    });
  }
});
