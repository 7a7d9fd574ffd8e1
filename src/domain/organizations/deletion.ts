/**
 * The organizations' side of account deletion racing an invitation acceptance
 * (docs/organizations.md#cascades).
 *
 * Account deletion removes the user's memberships (one `members.purge` turn per organization) and
 * then, in a transaction of its own, the account. An acceptance committing between the two would
 * leave a membership for a deleted user. So before listing the memberships, deletion writes a
 * **deletion mark** `("ud", user)` = start time (i64 LE ms) in the same transaction that lists
 * them, and an acceptance reads the mark and the account with `ctx.read`, which the actor runtime
 * re-validates at commit:
 *
 * - an acceptance that commits before the mark is written is seen by the listing and purged;
 * - one that commits after it either read the mark (refused, 409 `ACCOUNT_BEING_DELETED`) or read
 *   it absent and fails validation at commit, re-runs, and is refused.
 *
 * A mark older than `DELETION_MARK_TTL_MS` on an account that still exists is taken as an
 * abandoned deletion (the account transaction failed) and ignored; the next acceptance clears it.
 * An account that no longer exists is refused whatever the mark says. The mark of a deleted
 * account stays (8 bytes, like the organizations' tombstones).
 */
import { decodeI64LE, encodeI64LE, type Mutation, type ReadOps } from "../../kv/types.ts";
import { OrgKeys } from "./keys.ts";

/** A deletion started longer ago than this on an account that still exists was abandoned. */
export const DELETION_MARK_TTL_MS = 10 * 60 * 1000;

/** When the deletion of `userId` started, or null. */
export async function readDeletionMark(tx: ReadOps, userId: string): Promise<number | null> {
  const raw = await tx.get(OrgKeys.deletionMark(userId));
  return raw ? Number(decodeI64LE(raw)) : null;
}

export function deletionMarkWrites(userId: string, now: number): Mutation[] {
  return [{ op: "set", key: OrgKeys.deletionMark(userId), value: encodeI64LE(now) }];
}

export function clearDeletionMarkWrites(userId: string): Mutation[] {
  return [{ op: "clear", key: OrgKeys.deletionMark(userId) }];
}

/** What an acceptance knows of the caller's account (read by the actor). */
export interface AccountState {
  exists: boolean;
  /** When its deletion started, or null. */
  deletionStartedAt: number | null;
}

/** True when a deletion of the account is under way (a fresh mark). */
export function deletionInProgress(account: AccountState, now: number): boolean {
  return (
    account.deletionStartedAt !== null && now - account.deletionStartedAt < DELETION_MARK_TTL_MS
  );
}
