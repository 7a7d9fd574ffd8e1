/**
 * The retention leader jobs (src/services/retention-jobs.ts) on the memory and SQLite backends with
 * a fake clock, run through the job contract with the cluster's real fence: audit retention
 * (cutoff, every copy and index deleted, bounded batches, stop at the first young event, fencing)
 * and failed-mail cleanup (only failed entries past retention; a real SMTP failure end to end).
 */
import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type AuditEvent,
  AuditKeys,
  appendAuditWrites,
  auditEvent,
  listOrgAudit,
} from "../../../src/domain/audit/events.ts";
import { idItem } from "../../../src/domain/users/keys.ts";
import { OutboxDelivery } from "../../../src/email/delivery.ts";
import {
  getOutboxEntry,
  MailOutbox,
  type OutboxEntry,
  OutboxKeys,
  putOutboxWrites,
} from "../../../src/email/outbox.ts";
import { SmtpMailer } from "../../../src/email/smtp.ts";
import { createMemoryBackend } from "../../../src/kv/backends/memory.ts";
import { createSqliteBackend } from "../../../src/kv/backends/sqlite.ts";
import { createKvStore } from "../../../src/kv/store.ts";
import { applyMutations, type KvStore } from "../../../src/kv/types.ts";
import { FakeClock } from "../../../src/lib/clock.ts";
import { SnowflakeGenerator } from "../../../src/lib/ids.ts";
import { silentLogger } from "../../../src/lib/log.ts";
import {
  AUDIT_RETENTION_BATCH,
  auditRetentionJob,
  FAILED_MAIL_BATCH,
  failedMailCleanupJob,
  retentionJobs,
} from "../../../src/services/audit/retention-jobs.ts";
import { installLeader, jobContext, TEST_TERM } from "../../support/job-context.ts";
import { testConfig } from "../../support/server.ts";
import { startSmtpSink } from "../../support/smtp.ts";

const DAY = 86_400_000;
const AUDIT_RETENTION = 90 * DAY;
const MAIL_RETENTION = 30 * DAY;

for (const backend of ["memory", "sqlite"] as const) {
  describe(`retention jobs (${backend})`, () => {
    let clock: FakeClock;
    let kv: KvStore;
    let ids: SnowflakeGenerator;
    let dir: string | undefined;

    beforeEach(async () => {
      clock = new FakeClock(Date.UTC(2026, 0, 1));
      dir = backend === "sqlite" ? mkdtempSync(join(tmpdir(), "retention-")) : undefined;
      kv = createKvStore(
        dir ? createSqliteBackend({ path: join(dir, "kv.db") }) : createMemoryBackend(),
        { clock, log: silentLogger },
      );
      ids = new SnowflakeGenerator({ workerId: 1, clock });
      await installLeader(kv);
    });
    afterEach(async () => {
      await kv.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    async function appendEvents(n: number, org: string | null, user: string | null) {
      const events: AuditEvent[] = [];
      for (let i = 0; i < n; i++) {
        events.push(
          auditEvent(ids.next(), clock.now(), {
            event_type: "thing_done",
            organization_id: org,
            user_id: user,
          }),
        );
      }
      for (let i = 0; i < events.length; i += 100) {
        await kv.transact(async (tx) => {
          for (const e of events.slice(i, i + 100)) applyMutations(tx, appendAuditWrites(e));
        });
      }
      return events;
    }

    const countRange = (range: [Uint8Array, Uint8Array]) =>
      kv.transact(async (tx) => (await tx.getRange(range[0], range[1])).length);

    describe("audit-retention", () => {
      test("deletes events older than the retention with their org copy and user index", async () => {
        const old = await appendEvents(3, "11", "22");
        const oldUserOnly = await appendEvents(1, null, "22");
        clock.advance(10 * DAY);
        const young = await appendEvents(2, "11", "22");
        const job = auditRetentionJob(AUDIT_RETENTION);

        clock.advance(AUDIT_RETENTION - 10 * DAY); // the old events are exactly 90 days old
        expect(await job.runBatch(jobContext(kv, clock, job))).toEqual({ more: false });
        expect(await countRange(AuditKeys.event.range())).toBe(6);

        clock.advance(1);
        expect(await job.runBatch(jobContext(kv, clock, job))).toEqual({ more: false });
        const left = await kv.transact(async (tx) => ({
          events: (await tx.getRange(...AuditKeys.event.range())).length,
          org: (await listOrgAudit(tx, "11", { limit: 100 })).map((e) => e.id),
          user: (await tx.getRange(...AuditKeys.byUser.range(idItem("22")))).map((r) =>
            String(AuditKeys.byUser.unpack(r.key)[1]),
          ),
        }));
        expect(left.events).toBe(2);
        expect(left.org.sort()).toEqual(young.map((e) => e.id).sort());
        expect(left.user.sort()).toEqual(young.map((e) => e.id).sort());
        for (const e of [...old, ...oldUserOnly]) expect(left.user).not.toContain(e.id);
      });

      test("works in bounded batches, oldest first, and stops at the first young event", async () => {
        const old = await appendEvents(AUDIT_RETENTION_BATCH + 40, "11", "22");
        clock.advance(DAY);
        await appendEvents(5, "11", null);
        clock.advance(AUDIT_RETENTION);
        const job = auditRetentionJob(AUDIT_RETENTION);
        const ctx = jobContext(kv, clock, job);

        expect(await job.runBatch(ctx)).toEqual({ more: true });
        const afterFirst = await kv.transact(async (tx) =>
          (await tx.getRange(...AuditKeys.event.range())).map((r) =>
            String(AuditKeys.event.unpack(r.key)[0]),
          ),
        );
        // The first batch removed exactly the oldest AUDIT_RETENTION_BATCH events.
        expect(afterFirst.length).toBe(40 + 5);
        expect(afterFirst[0]).toBe(old[AUDIT_RETENTION_BATCH]!.id);

        expect(await job.runBatch(ctx)).toEqual({ more: false });
        expect(await countRange(AuditKeys.event.range())).toBe(5);
        expect(await countRange(AuditKeys.byUser.range())).toBe(0);
        expect(await countRange(AuditKeys.byOrg.range())).toBe(5);
      });

      test("a deposed leader's batch commits nothing", async () => {
        await appendEvents(3, "11", "22");
        clock.advance(AUDIT_RETENTION + 1);
        const job = auditRetentionJob(AUDIT_RETENTION);
        await installLeader(kv, { ...TEST_TERM, epoch: TEST_TERM.epoch + 1 });
        await expect(job.runBatch(jobContext(kv, clock, job))).rejects.toMatchObject({
          code: "NOT_LEADER",
        });
        expect(await countRange(AuditKeys.event.range())).toBe(3);
      });
    });

    describe("mail-failed-cleanup", () => {
      let seq = 0;
      function entry(status: "pending" | "failed", failedAt?: number): OutboxEntry {
        const id = ids.next();
        return {
          id,
          message_id: `<m-${id}@test>`,
          to: `to${++seq}@example.com`,
          kind: "test",
          subject: "s",
          text: "",
          html: "",
          created_at: clock.now(),
          attempts: status === "failed" ? 8 : 0,
          next_attempt_at: clock.now(),
          lease_until: null,
          status,
          last_error: status === "failed" ? "550 no" : null,
          ...(failedAt === undefined ? {} : { failed_at: failedAt }),
        };
      }
      async function put(...entries: OutboxEntry[]) {
        await kv.transact(async (tx) => {
          for (const e of entries) applyMutations(tx, putOutboxWrites(e));
        });
      }
      const exists = (id: string) =>
        kv.transact(async (tx) => (await getOutboxEntry(tx, id)) !== undefined);

      test("deletes failed entries past retention only; pending and young ones stay", async () => {
        const failedOld = entry("failed", clock.now());
        const legacyFailed = entry("failed"); // no failed_at: judged by next_attempt_at
        const pendingOld = entry("pending");
        const failedLater = entry("failed", clock.now() + 5 * DAY);
        await put(failedOld, legacyFailed, pendingOld, failedLater);
        clock.advance(DAY);
        const youngFailed = entry("failed", clock.now());
        await put(youngFailed);
        const job = failedMailCleanupJob(MAIL_RETENTION);

        clock.advance(MAIL_RETENTION - DAY); // failedOld failed exactly 30 days ago
        await job.runBatch(jobContext(kv, clock, job));
        expect(await exists(failedOld.id)).toBe(true);

        clock.advance(1);
        expect(await job.runBatch(jobContext(kv, clock, job))).toEqual({ more: false });
        expect(await exists(failedOld.id)).toBe(false);
        expect(await exists(legacyFailed.id)).toBe(false);
        expect(await exists(pendingOld.id)).toBe(true);
        expect(await exists(failedLater.id)).toBe(true);
        expect(await exists(youngFailed.id)).toBe(true);
        // The pending entry keeps its due index.
        expect(await countRange(OutboxKeys.due.range())).toBe(1);

        clock.advance(5 * DAY);
        await job.runBatch(jobContext(kv, clock, job));
        expect(await exists(failedLater.id)).toBe(false);
        expect(await exists(youngFailed.id)).toBe(false);
        expect(await exists(pendingOld.id)).toBe(true);
      });

      test("passes over kept entries in bounded batches with a cursor", async () => {
        const pending = Array.from({ length: FAILED_MAIL_BATCH + 10 }, () => entry("pending"));
        const failed = entry("failed", clock.now());
        for (let i = 0; i < pending.length; i += 100) await put(...pending.slice(i, i + 100));
        await put(failed);
        clock.advance(MAIL_RETENTION + 1);
        const job = failedMailCleanupJob(MAIL_RETENTION);
        const ctx = jobContext(kv, clock, job);
        expect(await job.runBatch(ctx)).toEqual({ more: true });
        expect(await exists(failed.id)).toBe(true);
        expect(await job.runBatch(ctx)).toEqual({ more: false });
        expect(await exists(failed.id)).toBe(false);
        expect(await countRange(OutboxKeys.mail.range())).toBe(pending.length);
      });
    });
  });
}

describe("failed mail end to end (real SMTP failures)", () => {
  test("a mail given up after its attempts records failed_at and is deleted 30 days later", async () => {
    const clock = new FakeClock(Date.UTC(2026, 0, 1));
    const kv = createKvStore(createMemoryBackend(), { clock, log: silentLogger });
    const sink = await startSmtpSink();
    const from = { email: "noreply@example.com", name: "Test" };
    const mailer = new SmtpMailer({ host: sink.host, port: sink.port, secure: false, from });
    try {
      await installLeader(kv);
      const ids = new SnowflakeGenerator({ workerId: 1, clock });
      const outbox = new MailOutbox({ ids, clock, messageIdDomain: "test.local" });
      const policy = { leaseMs: 60_000, maxAttempts: 1, backoffBaseMs: 1_000, backoffMaxMs: 1_000 };
      const delivery = new OutboxDelivery({ kv, clock, mailer, log: silentLogger, policy });
      const e = outbox.entry({
        to: "x@example.com",
        subject: "s",
        text: "t",
        html: "h",
        kind: "k",
      });
      await kv.transact(async (tx) => applyMutations(tx, putOutboxWrites(e)));
      sink.failNext(1);
      clock.advance(5_000);
      expect(await delivery.deliverDue(10)).toBe(1);
      const failed = await kv.transact((tx) => getOutboxEntry(tx, e.id));
      expect(failed).toMatchObject({ status: "failed", failed_at: clock.now() });

      const [job] = retentionJobs({
        audit: { retention_days: 0 },
        email: { failed_retention_days: 30 },
      });
      expect(job?.name).toBe("mail-failed-cleanup");
      clock.advance(MAIL_RETENTION - 1);
      await job!.runBatch(jobContext(kv, clock, job!));
      expect(await kv.transact((tx) => getOutboxEntry(tx, e.id))).toBeDefined();
      clock.advance(2);
      await job!.runBatch(jobContext(kv, clock, job!));
      expect(await kv.transact((tx) => getOutboxEntry(tx, e.id))).toBeUndefined();
    } finally {
      await mailer.close();
      await sink.close();
      await kv.close();
    }
  });
});

describe("configuration", () => {
  test("both jobs run by default; a retention of 0 days keeps records for ever (no job)", () => {
    const names = (c: ReturnType<typeof testConfig>) => retentionJobs(c).map((j) => j.name);
    const defaults = testConfig();
    expect(defaults.audit.retention_days).toBe(90);
    expect(defaults.email.failed_retention_days).toBe(30);
    expect(names(defaults)).toEqual(["audit-retention", "mail-failed-cleanup"]);
    expect(names(testConfig({ audit: { retention_days: 0 } }))).toEqual(["mail-failed-cleanup"]);
    expect(names(testConfig({ email: { failed_retention_days: 0 } }))).toEqual(["audit-retention"]);
    expect(() => testConfig({ audit: { retention_days: -1 } })).toThrow("audit.retention_days");
    expect(() => testConfig({ audit: { retention_days: 1.5 } })).toThrow("audit.retention_days");
  });
});
