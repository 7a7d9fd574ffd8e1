/**
 * The mail outbox against a real SMTP server (test/support/smtp.ts) on a fake clock: a server that
 * rejects and then accepts gets the mail on the retry after the backoff; the Message-ID stays the
 * same across attempts; after `maxAttempts` failures the entry is given up and recorded; leases
 * keep two concurrent deliverers from sending one mail twice.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "bun:test";
import { backoffMs, OutboxDelivery } from "../../../src/email/delivery.ts";
import { getOutboxEntry, MailOutbox, putOutboxWrites } from "../../../src/email/outbox.ts";
import { SmtpMailer } from "../../../src/email/smtp.ts";
import { createMemoryBackend } from "../../../src/kv/backends/memory.ts";
import { createKvStore } from "../../../src/kv/store.ts";
import { applyMutations, type KvStore } from "../../../src/kv/types.ts";
import { FakeClock, systemClock } from "../../../src/lib/clock.ts";
import { SnowflakeGenerator } from "../../../src/lib/ids.ts";
import { silentLogger } from "../../../src/lib/log.ts";
import { type SmtpSink, startSmtpSink } from "../../support/smtp.ts";

let sink: SmtpSink;
let mailer: SmtpMailer;
let clock: FakeClock;
let kv: KvStore;
let outbox: MailOutbox;
let delivery: OutboxDelivery;
const policy = { leaseMs: 60_000, maxAttempts: 3, backoffBaseMs: 1_000, backoffMaxMs: 10_000 };

beforeAll(async () => {
  sink = await startSmtpSink();
  mailer = new SmtpMailer({
    host: sink.host,
    port: sink.port,
    secure: false,
    from: { email: "noreply@example.com", name: "Test" },
  });
});
afterAll(async () => {
  await mailer.close();
  await sink.close();
});
beforeEach(() => {
  sink.mails.length = 0;
  sink.failNext(0);
  clock = new FakeClock(Date.UTC(2026, 0, 1));
  kv = createKvStore(createMemoryBackend(), { clock, log: silentLogger });
  const ids = new SnowflakeGenerator({ workerId: 1, clock });
  outbox = new MailOutbox({ ids, clock, messageIdDomain: "test.local" });
  delivery = new OutboxDelivery({ kv, clock, mailer, log: silentLogger, policy });
});
afterEach(async () => {
  await kv.close();
});

async function enqueue(to: string): Promise<string> {
  const entry = outbox.entry({
    to,
    subject: `Hello ${to}`,
    text: "body",
    html: "<p>body</p>",
    kind: "test",
  });
  await kv.transact(async (tx) => applyMutations(tx, putOutboxWrites(entry)));
  return entry.id;
}

const entryOf = (id: string) => kv.transact((tx) => getOutboxEntry(tx, id));

describe("mail outbox", () => {
  test("backoff doubles up to the cap", () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffMs(policy, n))).toEqual([
      1000, 2000, 4000, 8000, 10000, 10000,
    ]);
  });

  test("rejected, then retried after the backoff and accepted, with a stable Message-ID", async () => {
    const id = await enqueue("retry@example.com");
    sink.failNext(2);
    expect(await delivery.deliverDue(10)).toBe(1);
    let e = await entryOf(id);
    expect(e).toMatchObject({ attempts: 1, status: "pending", lease_until: null });
    expect(e!.last_error).toContain("451");
    expect(e!.next_attempt_at).toBe(clock.now() + 1_000);
    // Not due before the backoff has passed.
    clock.advance(999);
    expect(await delivery.deliverDue(10)).toBe(0);
    clock.advance(1);
    expect(await delivery.deliverDue(10)).toBe(1);
    e = await entryOf(id);
    expect(e).toMatchObject({ attempts: 2 });
    expect(e!.next_attempt_at).toBe(clock.now() + 2_000);
    clock.advance(2_000);
    expect(await delivery.deliverDue(10)).toBe(1);
    expect(sink.rejected).toBeGreaterThanOrEqual(2);
    const mail = await sink.waitForMail((m) => m.to.includes("retry@example.com"));
    expect(mail.messageId).toBe(`<mail-${id}@test.local>`);
    expect(mail.subject).toBe("Hello retry@example.com");
    // Delivered entries leave the outbox.
    expect(await entryOf(id)).toBeUndefined();
    expect(await delivery.deliverDue(10)).toBe(0);
  });

  test("gives up after maxAttempts and records it", async () => {
    const id = await enqueue("never@example.com");
    sink.failNext(100);
    for (let i = 0; i < 3; i++) {
      expect(await delivery.deliverDue(10)).toBe(1);
      clock.advance(10_000);
    }
    const e = await entryOf(id);
    expect(e).toMatchObject({ status: "failed", attempts: 3 });
    expect(e!.last_error).toContain("451");
    // A given-up entry keeps no body (mail bodies carry one-time tokens).
    expect({ text: e!.text, html: e!.html, sealed: e!.sealed_body }).toEqual({
      text: "",
      html: "",
      sealed: undefined,
    });
    clock.advance(3_600_000);
    expect(await delivery.deliverDue(10)).toBe(0);
    expect(sink.mails).toHaveLength(0);
  });

  test("a lease keeps concurrent deliverers from sending one mail twice", async () => {
    // The system clock here: KV conflict retries back off on the store's clock, which a fake
    // clock would never advance.
    const real = createKvStore(createMemoryBackend(), { clock: systemClock, log: silentLogger });
    const realOutbox = new MailOutbox({
      ids: new SnowflakeGenerator({ workerId: 2, clock: systemClock }),
      clock: systemClock,
      messageIdDomain: "test.local",
    });
    const d = new OutboxDelivery({
      kv: real,
      clock: systemClock,
      mailer,
      log: silentLogger,
      policy,
    });
    try {
      const ids: string[] = [];
      for (const to of ["a@example.com", "b@example.com", "c@example.com"]) {
        const entry = realOutbox.entry({ to, subject: "s", text: "t", html: "h", kind: "test" });
        await real.transact(async (tx) => applyMutations(tx, putOutboxWrites(entry)));
        ids.push(entry.id);
      }
      await Promise.all([d.deliverDue(10), d.deliverNow(ids), d.deliverDue(10), d.deliverNow(ids)]);
      await d.drain();
      expect(sink.mails.map((m) => m.to[0]).sort()).toEqual([
        "a@example.com",
        "b@example.com",
        "c@example.com",
      ]);
    } finally {
      await real.close();
    }
  });

  test("a claim whose sender died is retried when its lease runs out", async () => {
    const lost = await enqueue("lost@example.com");
    await kv.transact(async (tx) => {
      const e = (await getOutboxEntry(tx, lost))!;
      const leaseEnd = clock.now() + 60_000;
      applyMutations(
        tx,
        putOutboxWrites(
          { ...e, lease_until: leaseEnd, next_attempt_at: leaseEnd },
          e.next_attempt_at,
        ),
      );
    });
    expect(await delivery.deliverDue(10)).toBe(0);
    clock.advance(60_000);
    expect(await delivery.deliverDue(10)).toBe(1);
    await sink.waitForMail((m) => m.to.includes("lost@example.com"));
    expect(await entryOf(lost)).toBeUndefined();
  });
});
