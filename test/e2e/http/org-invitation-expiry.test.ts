/**
 * Invitation expiry end to end on a fake clock (src/domain/invitations/expiry.ts): creating an
 * invitation schedules a durable reminder at its `expires_at`; once the clock passes it, the
 * leader's reminder scan delivers the reminder to the organization actor, which deletes the
 * invitation (gone from the org's list and the invitee's inbox) and writes `invitation_expired`.
 * Accepting cancels the reminder, and a reminder delivered for an accepted invitation changes
 * nothing; a user cannot send the expiry message. Real node, real SMTP sink, memory and SQLite.
 */
import { afterEach, describe, expect, test } from "bun:test";
import { readReminder, scheduleReminder } from "../../../src/cluster/reminders.ts";
import {
  EXPIRY_RETRY_MS,
  expiryReminder,
  expiryReminderName,
} from "../../../src/domain/invitations/expiry.ts";
import { INVITATION_TTL_MS } from "../../../src/domain/invitations/types.ts";
import { applyMutations } from "../../../src/kv/types.ts";
import { FakeClock } from "../../../src/lib/clock.ts";
import { forwardAsk } from "../../../src/runtime/internal-endpoint.ts";
import {
  call,
  createOrg,
  invitationMail,
  type OrgEnv,
  signUp,
  startOrgEnv,
  tokenIn,
  type User,
} from "./org-harness.ts";

const envs: OrgEnv[] = [];
afterEach(async () => {
  await Promise.all(envs.splice(0).map((e) => e.close()));
});

const ORG_KIND = "organization";

/** Moves the fake clock in small steps (letting the node's loops run) until `cond` holds. */
async function advanceUntil(clock: FakeClock, cond: () => Promise<boolean>, what: string) {
  for (let i = 0; i < 600; i++) {
    if (await cond()) return;
    clock.advance(250);
    await Bun.sleep(2);
  }
  throw new Error(`never reached: ${what}`);
}

async function invite(env: OrgEnv, orgId: string, owner: User, email: string): Promise<string> {
  const r = await call(env, "POST", `/v1/organizations/${orgId}/invitations`, {
    token: owner.token,
    body: { email, role: "MEMBER" },
  });
  expect(r.status).toBe(201);
  return (r.body.invitation as { id: string }).id;
}

const ids = (list: unknown) => (list as { id: string }[]).map((i) => i.id);

for (const sqlite of [false, true]) {
  describe(`invitation expiry (${sqlite ? "sqlite" : "memory"})`, () => {
    test("expired invitations are removed by their reminder; accepted ones are untouched", async () => {
      const clock = new FakeClock(Date.UTC(2026, 0, 1));
      const env = await startOrgEnv({
        clock,
        sqlite,
        // Sessions must outlive the 7-day jump.
        config: { auth: { session_ttl_web: 30 * 86_400, session_ttl_cli: 30 * 86_400 } },
      });
      envs.push(env);
      const kv = env.server.node.kv;
      const owner = await signUp(env, "Owner");
      const pending = await signUp(env, "Pending");
      const joiner = await signUp(env, "Joiner");
      const orgId = await createOrg(env, owner, "Expiring");

      const pendingId = await invite(env, orgId, owner, pending.email);
      const joinerId = await invite(env, orgId, owner, joiner.email);
      const reminderOf = (invitationId: string) =>
        kv.transact((tx) =>
          readReminder(tx, { kind: ORG_KIND, id: orgId, name: expiryReminderName(invitationId) }),
        );
      const scheduled = await reminderOf(pendingId);
      expect(scheduled?.dueMs).toBe(clock.now() + INVITATION_TTL_MS);
      expect(scheduled?.payload).toMatchObject({
        type: "invitations.expire",
        invitationId: pendingId,
      });

      // Accepting cancels the joiner's reminder in the same turn.
      const mail = await invitationMail(env, joiner.email, joinerId);
      const accepted = await call(env, "POST", "/v1/organizations/invitations/accept", {
        token: joiner.token,
        body: { token: tokenIn(mail) },
      });
      expect(accepted.status).toBe(200);
      expect(await reminderOf(joinerId)).toBeUndefined();
      expect(await reminderOf(pendingId)).toBeDefined();

      // Only the reminder scanner (system principal) may expire an invitation: the same message
      // forwarded to the actor on a user's behalf is refused; a system delivery before expiry
      // (a leader whose clock runs ahead) keeps it and reschedules strictly later.
      const expire = (principal: Record<string, string | boolean>) =>
        forwardAsk(
          env.server.node.cluster.self(),
          {
            kind: ORG_KIND,
            id: orgId,
            message: { ...expiryReminder(pendingId, scheduled!.dueMs).message },
            principal,
            remainingMs: 10_000,
            hops: 1,
          },
          { nodeId: "test-peer", secret: env.server.config.cluster.secret! },
          clock,
          10_000,
        );
      expect(await expire({ userId: owner.id })).toMatchObject({
        ok: false,
        error: { code: "FORBIDDEN" },
      });
      expect(await expire({ system: true })).toEqual({ ok: true, reply: { expired: false } });
      expect((await reminderOf(pendingId))?.dueMs).toBe(scheduled!.dueMs + EXPIRY_RETRY_MS);

      // Nothing happens before expiry.
      clock.advance(INVITATION_TTL_MS - 60_000);
      const before = await call(env, "GET", "/v1/users/invitations", { token: pending.token });
      expect(ids(before.body.invitations)).toEqual([pendingId]);

      // Past expiry, the leader's scan delivers the reminder and the actor deletes the invitation.
      clock.advance(61_000);
      await advanceUntil(
        clock,
        async () => (await reminderOf(pendingId)) === undefined,
        "expiry reminder delivered",
      );
      const list = await call(env, "GET", `/v1/organizations/${orgId}/invitations`, {
        token: owner.token,
      });
      expect(list.status).toBe(200);
      expect(list.body.invitations).toEqual([]);
      const inbox = await call(env, "GET", "/v1/users/invitations", { token: pending.token });
      expect(inbox.status).toBe(200);
      expect(inbox.body.invitations).toEqual([]);
      const audit = await call(env, "GET", `/v1/organizations/${orgId}/audit-logs?limit=100`, {
        token: owner.token,
      });
      const events = audit.body.audit_logs as { event_type: string; resource_id: string | null }[];
      const expired = events.filter((e) => e.event_type === "invitation_expired");
      expect(expired.map((e) => e.resource_id)).toEqual([pendingId]);

      // A reminder delivered for the accepted invitation (say, scheduled before a cancel that
      // raced it) does nothing: the member stays, no event is written.
      const stale = expiryReminder(joinerId, clock.now());
      await kv.transact(async (tx) =>
        applyMutations(
          tx,
          scheduleReminder({
            kind: ORG_KIND,
            id: orgId,
            name: stale.name,
            dueMs: stale.at,
            payload: stale.message,
          }),
        ),
      );
      await advanceUntil(
        clock,
        async () => (await reminderOf(joinerId)) === undefined,
        "stale reminder delivered",
      );
      const members = await call(env, "GET", `/v1/organizations/${orgId}/members?limit=100`, {
        token: owner.token,
      });
      expect((members.body.members as { user_id: string }[]).map((m) => m.user_id).sort()).toEqual(
        [owner.id, joiner.id].sort(),
      );
      const after = await call(env, "GET", `/v1/organizations/${orgId}/audit-logs?limit=100`, {
        token: owner.token,
      });
      const afterEvents = after.body.audit_logs as { event_type: string }[];
      expect(afterEvents.filter((e) => e.event_type === "invitation_expired").length).toBe(1);
      expect(afterEvents.length).toBe(events.length);

      // The address can be invited again.
      expect(await invite(env, orgId, owner, pending.email)).toBeString();
    });
  });
}
