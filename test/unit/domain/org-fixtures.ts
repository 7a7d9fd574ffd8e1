/**
 * Fixtures of the organization domain unit tests: a turn environment with increasing ids, an
 * error-code probe, a replay of write sets into an ordered key-value model, and an organization
 * owned by user 1 whose other members joined through accepted invitations.
 */
import * as inv from "../../../src/domain/invitations/ops.ts";
import * as org from "../../../src/domain/organizations/ops.ts";
import { EMPTY_ORG_STATE, type OrgState } from "../../../src/domain/organizations/state.ts";
import { type TurnEnv, TurnOutput } from "../../../src/domain/organizations/turn.ts";
import type { OrgRole } from "../../../src/domain/organizations/types.ts";
import { compareBytes } from "../../../src/kv/keyspace.ts";
import type { KeyValue, Mutation } from "../../../src/kv/types.ts";
import { isAppError } from "../../../src/lib/errors.ts";

export const ORG = "1000";
/** The account of a caller that exists and is not being deleted. */
export const LIVE_ACCOUNT = { exists: true, deletionStartedAt: null };
let nextId = 5000;

export function env(userId: string, now = 1_000_000): TurnEnv {
  return { now, userId, newId: () => String(nextId++) };
}

export function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (isAppError(e)) return e.code;
    throw e;
  }
  return "OK";
}

/** A minimal ordered key-value model to replay write sets (sets, clears, ranges). */
export class Replay {
  readonly rows = new Map<string, KeyValue>();
  apply(ms: readonly Mutation[]) {
    for (const m of ms) {
      if (m.op === "set") this.rows.set(hex(m.key), { key: m.key, value: m.value });
      else if (m.op === "clear") this.rows.delete(hex(m.key));
      else if (m.op === "clearRange") {
        for (const [k, kv] of this.rows) {
          if (compareBytes(kv.key, m.begin) >= 0 && compareBytes(kv.key, m.end) < 0)
            this.rows.delete(k);
        }
      }
    }
  }
  range([begin, end]: [Uint8Array, Uint8Array]): KeyValue[] {
    return [...this.rows.values()]
      .filter((kv) => compareBytes(kv.key, begin) >= 0 && compareBytes(kv.key, end) < 0)
      .sort((a, b) => compareBytes(a.key, b.key));
  }
}
const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

/** An organization owned by user 1 with extra members. */
export function fixture(extra: Record<string, OrgRole> = {}, kv?: Replay): OrgState {
  const out = new TurnOutput();
  let s = org.createOrg(
    EMPTY_ORG_STATE,
    { orgId: ORG, name: " Acme ", creatorVerified: true, creatorOrgCount: 0 },
    env("1"),
    out,
  ).state;
  for (const [userId, role] of Object.entries(extra)) s = join(s, userId, role, out);
  kv?.apply(out.writes);
  return s;
}

/** Adds a member through an invitation accepted by them. */
export function join(s: OrgState, userId: string, role: OrgRole, out = new TurnOutput()): OrgState {
  const invitationId = String(nextId++);
  const email = `u${userId}@example.com`;
  s = inv.createInvitation(
    s,
    { invitationId, email, role, token: "t", secretHash: "h", existingUserId: undefined },
    env("1"),
    out,
  ).state;
  return inv.acceptInvitation(
    s,
    {
      invitationId,
      secretMatches: (h) => h === "h",
      verifiedEmails: [email],
      userOrgCount: 0,
      account: LIVE_ACCOUNT,
    },
    env(userId),
    out,
  ).state;
}
