/**
 * Sessions (docs/http-api.md#a5--session-credentials; docs/identity.md#the-session-machine): the record, its key layout and pure write builders. The lifecycle
 * (active → expired | revoked, sliding refresh) is the XState machine in actors/session/machine.ts,
 * persisted inside the record as `machine`; the stored deadline `machine.context.expiresAt` is the
 * truth for expiry, checked on every use.
 *
 * Key layout under `Roots.session`:
 *
 *   ("s", sessionId)            -> SessionRecord
 *   ("u", userId, sessionId)    -> empty      every stored session of a user
 *   ("a", userId, sessionId)    -> empty      a user's sessions whose machine is `active` (some may
 *                                             be past their deadline until noticed), so sign-in,
 *                                             listing and revoke-all read a handful of keys, not
 *                                             every revoked session kept for the retention period
 */
import { defineCodec } from "../../kv/codec.ts";
import { Roots } from "../../kv/layout.ts";
import type { Mutation, ReadOps } from "../../kv/types.ts";
import { idFromItem, idItem } from "../users/keys.ts";

export type SessionType = "WEB" | "CLI" | "SDK";

/** Context of the session machine (actors/session/machine.ts); times in ms. */
export interface SessionContext {
  /** Sliding lifetime (ms). */
  ttlMs: number;
  /** Activity is persisted at most once per this many ms (bounded staleness of expiry). */
  touchGranularityMs: number;
  lastActivityAt: number;
  /** The stored deadline: the session is expired once `now > expiresAt`. */
  expiresAt: number;
  revokedAt: number | null;
  revokeReason: string | null;
}

export type SessionStateValue = "active" | "expired" | "revoked";

/** The persisted form of a session's machine. */
export interface PersistedSessionMachine {
  name: "session";
  version: number;
  value: SessionStateValue;
  context: SessionContext;
}

export const SESSION_TYPES: readonly SessionType[] = ["WEB", "CLI", "SDK"];

export interface SessionRecord {
  id: string;
  user_id: string;
  session_type: SessionType;
  /** SHA-256 of the credential's secret (src/crypto/tokens.ts). */
  secret_hash: string;
  created_at: number;
  ip_address: string | null;
  user_agent: string | null;
  machine: PersistedSessionMachine;
}

export const SessionCodec = defineCodec<SessionRecord>({
  name: "session",
  version: 1,
  validate: (v) => {
    const s = v as Partial<SessionRecord>;
    if (typeof s.id !== "string" || typeof s.machine !== "object") throw new Error("bad session");
  },
});

export const SessionKeys = {
  session: Roots.session.sub("s"),
  byUser: Roots.session.sub("u"),
  activeByUser: Roots.session.sub("a"),
} as const;

export async function getSession(tx: ReadOps, id: string): Promise<SessionRecord | undefined> {
  const bytes = await tx.get(SessionKeys.session.key(idItem(id)));
  return bytes ? SessionCodec.decode(bytes) : undefined;
}

/**
 * A user's sessions, ascending id: every stored one (`"all"`: active, expired and revoked alike,
 * for account deletion) or those whose machine is still `active` (`"active"`; filter with
 * `isSessionActive` for the deadline).
 */
export async function listUserSessions(
  tx: ReadOps,
  userId: string,
  which: "all" | "active" = "active",
): Promise<SessionRecord[]> {
  const index = which === "all" ? SessionKeys.byUser : SessionKeys.activeByUser;
  const [begin, end] = index.range(idItem(userId));
  const out: SessionRecord[] = [];
  for (const row of await tx.getRange(begin, end)) {
    const s = await getSession(tx, idFromItem(index.unpack(row.key)[1]));
    if (s) out.push(s);
  }
  return out;
}

/** True when the session is usable at `nowMs` (active state and deadline not passed). */
export function isSessionActive(s: SessionRecord, nowMs: number): boolean {
  return s.machine.value === "active" && nowMs <= s.machine.context.expiresAt;
}

/** Creates or replaces a session and its user indexes (the active index follows the machine). */
export function putSessionWrites(s: SessionRecord): Mutation[] {
  const activeKey = SessionKeys.activeByUser.key(idItem(s.user_id), idItem(s.id));
  return [
    { op: "set", key: SessionKeys.session.key(idItem(s.id)), value: SessionCodec.encode(s) },
    {
      op: "set",
      key: SessionKeys.byUser.key(idItem(s.user_id), idItem(s.id)),
      value: new Uint8Array(0),
    },
    s.machine.value === "active"
      ? { op: "set", key: activeKey, value: new Uint8Array(0) }
      : { op: "clear", key: activeKey },
  ];
}

/** Hard-deletes a session and its index entry. */
export function deleteSessionWrites(s: Pick<SessionRecord, "id" | "user_id">): Mutation[] {
  return [
    { op: "clear", key: SessionKeys.session.key(idItem(s.id)) },
    { op: "clear", key: SessionKeys.byUser.key(idItem(s.user_id), idItem(s.id)) },
    { op: "clear", key: SessionKeys.activeByUser.key(idItem(s.user_id), idItem(s.id)) },
  ];
}
