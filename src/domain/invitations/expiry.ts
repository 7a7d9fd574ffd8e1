/**
 * Expiry of invitations through durable reminders (src/cluster/reminders.ts, `ctx.schedule`).
 *
 * Every pending invitation has one reminder of the organization actor, named after it and due at
 * its `expires_at`, whose message (`invitations.expire`) makes the actor delete the invitation if
 * it is still there and expired. The reminder set follows the actor's in-memory invitations: the
 * turn that adds an invitation schedules its reminder and the turn that removes one (accept,
 * decline, delete, replacement of an expired one, organization deletion, expiry) cancels it, in the
 * same write set. `reminderChanges(before, after)` computes that from the two states, so no
 * operation can forget it.
 */
import type { Invitation } from "./types.ts";

/** A reminder delivered before the invitation expired (clocks differ) is moved this far past it. */
export const EXPIRY_RETRY_MS = 1000;

/** The reminder name of invitation `id` (unique within its organization actor). */
export function expiryReminderName(invitationId: string): string {
  return `invitation-expiry:${invitationId}`;
}

/** The message of the expiry reminder of invitation `invitationId`, due at `at` (ms). */
export interface ExpiryMessage {
  type: "invitations.expire";
  invitationId: string;
  /** The reminder's due time, so a retry can be scheduled strictly later. */
  at: number;
  [key: string]: string | number;
}

export function expiryReminder(invitationId: string, at: number) {
  const message: ExpiryMessage = { type: "invitations.expire", invitationId, at };
  return { at, name: expiryReminderName(invitationId), message };
}

/**
 * The reminder that looks again at an invitation its expiry reminder (due at `deliveredAt`) found
 * not yet expired at `now`: strictly later than the delivered one, so the scanner does not take it
 * for the one it just delivered.
 */
export function expiryRetry(inv: Invitation, deliveredAt: number, now: number) {
  return expiryReminder(inv.id, Math.max(inv.expires_at, deliveredAt, now) + EXPIRY_RETRY_MS);
}

export interface ReminderChanges {
  /** Invitations added by the turn: schedule their expiry at `expires_at`. */
  schedule: Invitation[];
  /** Ids of invitations the turn removed: cancel their reminders. */
  cancel: string[];
}

/**
 * The reminder changes a turn implies, from the invitations before and after it. Operations share
 * unchanged maps, so a turn that did not touch invitations costs one reference comparison.
 */
export function reminderChanges(
  before: ReadonlyMap<string, Invitation>,
  after: ReadonlyMap<string, Invitation>,
): ReminderChanges {
  const changes: ReminderChanges = { schedule: [], cancel: [] };
  if (before === after) return changes;
  for (const [id, inv] of after) {
    if (before.get(id) !== inv) changes.schedule.push(inv);
  }
  for (const id of before.keys()) {
    if (!after.has(id)) changes.cancel.push(id);
  }
  return changes;
}
