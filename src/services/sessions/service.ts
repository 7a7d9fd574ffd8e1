/**
 * Session use cases: create (with the per-user cap), authenticate a credential (sliding expiry
 * through the session machine), list, revoke one, revoke all others, log out. Every lifecycle
 * decision goes through the pure machine in actors/session/machine.ts; its named effects become the
 * writes below, committed in one transaction with the audit event.
 */

import { issueCredential, parseCredential, secretMatches } from "../../crypto/tokens.ts";
import { clipUserAgent } from "../../domain/audit/events.ts";
import { SessionErrors } from "../../domain/sessions/errors.ts";
import {
  type SessionStep,
  startSession,
  stepSession,
  useIsNoop,
} from "../../domain/sessions/machine.ts";
import {
  getSession,
  isSessionActive,
  listUserSessions,
  putSessionWrites,
  SessionKeys,
  type SessionRecord,
  type SessionType,
} from "../../domain/sessions/records.ts";
import { UserKeys } from "../../domain/users/keys.ts";
import { getUser } from "../../domain/users/records.ts";
import { MarkMemo, unionMark } from "../../kv/mark-memo.ts";
import type { Transaction } from "../../kv/types.ts";
import { applyMutations } from "../../kv/types.ts";
import { auditWrites, iso, type Principal, type RequestMeta } from "../context.ts";
import type { ServiceDeps } from "../deps.ts";
import { type UserDto, userDto } from "../users/service.ts";

export interface SessionDto {
  session_id: string;
  session_type: SessionType;
  created_at: string;
  expires_at: string;
  last_activity_at: string;
  ip_address: string | null;
  user_agent: string | null;
  /** True for the session making the request. */
  current: boolean;
}

/** A resolved credential. */
export interface Authenticated extends Principal {
  sessionType: SessionType;
  /** The signed-in user, read in the same transaction as the session (a session of a user that no
   * longer exists does not authenticate). */
  user: UserDto;
  /** The session's deadline after this use (ms). */
  expiresAt: number;
  /** True when this use extended the stored deadline (re-send the cookie). */
  refreshed: boolean;
}

/** A newly created session: the credential goes to the client once and is never stored. */
export interface CreatedSession {
  record: SessionRecord;
  token: string;
}

export function sessionDto(s: SessionRecord, currentId: string | null): SessionDto {
  return {
    session_id: s.id,
    session_type: s.session_type,
    created_at: iso(s.created_at),
    expires_at: iso(s.machine.context.expiresAt),
    last_activity_at: iso(s.machine.context.lastActivityAt),
    ip_address: s.ip_address,
    user_agent: s.user_agent,
    current: s.id === currentId,
  };
}

/** Session uses kept per change mark (`SessionService.authenticate`): ~1 KB each. */
const SESSION_USES_KEPT = 10_000;

function authenticated(
  s: SessionRecord,
  user: UserDto,
  step: SessionStep | undefined,
): Authenticated {
  return {
    userId: s.user_id,
    sessionId: s.id,
    sessionType: s.session_type,
    user: { ...user },
    expiresAt: (step?.next ?? s.machine).context.expiresAt,
    refreshed: step?.effects.includes("persistActivity") ?? false,
  };
}

/** The length of a session's touch granularity: at most a minute, at most 1% of the TTL. */
export function touchGranularityMs(ttlMs: number): number {
  return Math.max(1, Math.min(60_000, Math.floor(ttlMs / 100)));
}

/** The scopes a session use reads (its session record and its user's record). */
const USE_SCOPES = [SessionKeys.session.prefix, UserKeys.user.prefix];

export class SessionService {
  readonly #d: ServiceDeps;
  /**
   * Recent uses that wrote nothing, by session id (`authenticate`): the session record (its
   * secret's hash, never the secret) and the user's profile DTO (not the record: no password hash).
   */
  readonly #uses = new MarkMemo<{ session: SessionRecord; user: UserDto }>(SESSION_USES_KEPT);

  constructor(deps: ServiceDeps) {
    this.#d = deps;
  }

  /**
   * Inside `tx`: creates a session for `userId`, first revoking the least recently active ones
   * so that at most `maxSessionsPerUser` stay active. Reads the user's sessions (a conflicting
   * range read, so concurrent creations for one user serialise).
   */
  async createIn(
    tx: Transaction,
    userId: string,
    type: SessionType,
    meta: RequestMeta,
  ): Promise<CreatedSession> {
    const d = this.#d;
    const now = d.clock.now();
    const active: SessionRecord[] = [];
    for (const s of await listUserSessions(tx, userId, "active")) {
      if (isSessionActive(s, now)) active.push(s);
      else this.#recordExpiryIn(tx, s, now); // leaves the active index
    }
    active.sort((a, b) => a.machine.context.lastActivityAt - b.machine.context.lastActivityAt);
    while (active.length >= d.settings.maxSessionsPerUser) {
      const oldest = active.shift();
      if (oldest) this.#revokeIn(tx, oldest, now, "evicted", meta, userId);
    }
    const ttlMs = d.settings.sessionTtlMs[type];
    const id = d.ids.next();
    const credential = issueCredential(id);
    const record: SessionRecord = {
      id,
      user_id: userId,
      session_type: type,
      secret_hash: credential.secretHash,
      created_at: now,
      ip_address: meta.ip,
      user_agent: clipUserAgent(meta.userAgent),
      machine: startSession({ ttlMs, touchGranularityMs: touchGranularityMs(ttlMs), now }),
    };
    applyMutations(tx, putSessionWrites(record));
    return { record, token: credential.token };
  }

  /**
   * Resolves a presented credential. Undefined for anything not usable (malformed, unknown, wrong
   * secret, revoked, expired), so callers answer all of those alike. Extends the sliding deadline
   * (persisted at most once per touch granularity; reads are otherwise read-only).
   */
  async authenticate(token: string): Promise<Authenticated | undefined> {
    const parsed = parseCredential(token);
    if (!parsed) return undefined;
    const d = this.#d;
    // A use that wrote nothing is kept while nothing commits under the session and user records
    // (their scoped marks, taken before the reads; commits of other features elsewhere leave
    // them): a repeated use checks the secret and the deadline against it without a
    // transaction. A use due a write takes the full path.
    const mark = unionMark(d.kv, USE_SCOPES);
    const kept = this.#uses.get(mark, parsed.id);
    if (kept && useIsNoop(kept.session.machine, d.clock.now())) {
      if (!secretMatches(parsed.secret, kept.session.secret_hash)) return undefined;
      return authenticated(kept.session, kept.user, undefined);
    }
    const out = await d.kv.transact(
      async (tx) => {
        const s = await getSession(tx, parsed.id);
        if (!s || !secretMatches(parsed.secret, s.secret_hash)) return undefined;
        const now = d.clock.now();
        const noop = useIsNoop(s.machine, now);
        const step = noop ? undefined : stepSession(s.machine, { type: "USE", now });
        if (step && step.effects.length > 0) {
          applyMutations(tx, putSessionWrites({ ...s, machine: step.next }));
        }
        if (step && step.next.value !== "active") return undefined;
        const user = await getUser(tx, s.user_id);
        if (!user) return undefined;
        const dto = userDto(user);
        return {
          result: authenticated(s, dto, step),
          keep: noop ? { session: s, user: dto } : undefined,
        };
      },
      { name: "session.authenticate" },
    );
    // Kept after the transaction returned (its body may run more than once).
    if (out?.keep) this.#uses.set(mark, out.keep.session.id, out.keep);
    return out?.result;
  }

  /**
   * `authenticate()` for transports: `undefined` = no credential presented (401 NO_SESSION);
   * `null` = a credential was presented in an unusable form (401 INVALID_SESSION, the same answer
   * as an unknown, revoked or expired session).
   */
  async requireSession(token: string | null | undefined): Promise<Authenticated> {
    if (token === undefined) throw SessionErrors.NO_SESSION();
    const s = token === null ? undefined : await this.authenticate(token);
    if (!s) throw SessionErrors.INVALID_SESSION();
    return s;
  }

  /** The caller's active sessions, most recently active first. */
  async list(p: Principal): Promise<SessionDto[]> {
    const now = this.#d.clock.now();
    const sessions = await this.#d.kv.transact(
      (tx) => listUserSessions(tx.snapshot, p.userId, "active"),
      {
        name: "session.list",
      },
    );
    return sessions
      .filter((s) => isSessionActive(s, now))
      .sort((a, b) => b.machine.context.lastActivityAt - a.machine.context.lastActivityAt)
      .map((s) => sessionDto(s, p.sessionId));
  }

  /** Revokes one of the caller's active sessions (the current one included). 404 otherwise. */
  async revoke(p: Principal, sessionId: string, meta: RequestMeta): Promise<void> {
    const d = this.#d;
    await d.kv.transact(
      async (tx) => {
        const s = await getSession(tx, sessionId);
        const now = d.clock.now();
        if (!s || s.user_id !== p.userId || !isSessionActive(s, now)) {
          throw SessionErrors.SESSION_NOT_FOUND();
        }
        this.#revokeIn(tx, s, now, "revoked_by_user", meta, p.userId);
      },
      { name: "session.revoke" },
    );
  }

  /** Inside `tx`: revokes session `sessionId` when it is still active (refresh rotation, reuse). */
  async revokeIdIn(
    tx: Transaction,
    sessionId: string,
    reason: string,
    meta: RequestMeta,
  ): Promise<void> {
    const s = await getSession(tx, sessionId);
    const now = this.#d.clock.now();
    if (s && isSessionActive(s, now)) this.#revokeIn(tx, s, now, reason, meta, s.user_id);
  }

  /** Is session `sessionId` still usable (read inside `tx`)? */
  async isActiveIn(tx: Transaction, sessionId: string): Promise<boolean> {
    const s = await getSession(tx, sessionId);
    return s !== undefined && isSessionActive(s, this.#d.clock.now());
  }

  /** Revokes every active session of the caller except the current one; returns how many. */
  async revokeOthers(p: Principal, meta: RequestMeta): Promise<number> {
    return this.#d.kv.transact(
      async (tx) => this.revokeAllIn(tx, p.userId, "revoked_by_user", meta, p.userId, p.sessionId),
      { name: "session.revoke_others" },
    );
  }

  /** Inside `tx`: revokes every active session of `userId` except `exceptId`; returns how many. */
  async revokeAllIn(
    tx: Transaction,
    userId: string,
    reason: string,
    meta: RequestMeta,
    actorId: string | null,
    exceptId: string | null = null,
  ): Promise<number> {
    const now = this.#d.clock.now();
    let n = 0;
    for (const s of await listUserSessions(tx, userId, "active")) {
      if (s.id === exceptId || !isSessionActive(s, now)) continue;
      this.#revokeIn(tx, s, now, reason, meta, actorId);
      n++;
    }
    return n;
  }

  /**
   * Logs out the session named by `token` when it is valid (cookie or bearer). Never fails:
   * logging out twice, or with a dead credential, still succeeds.
   */
  async logout(token: string | undefined, meta: RequestMeta): Promise<void> {
    const parsed = token === undefined ? undefined : parseCredential(token);
    if (!parsed) return;
    const d = this.#d;
    await d.kv.transact(
      async (tx) => {
        const s = await getSession(tx, parsed.id);
        const now = d.clock.now();
        if (!s || !secretMatches(parsed.secret, s.secret_hash) || !isSessionActive(s, now)) return;
        this.#revokeIn(tx, s, now, "logout", meta, s.user_id, "user_logout");
      },
      { name: "session.logout" },
    );
  }

  #recordExpiryIn(tx: Transaction, s: SessionRecord, now: number): void {
    const step = stepSession(s.machine, { type: "CHECK", now });
    if (step.next.value !== s.machine.value) {
      applyMutations(tx, putSessionWrites({ ...s, machine: step.next }));
    }
  }

  #revokeIn(
    tx: Transaction,
    s: SessionRecord,
    now: number,
    reason: string,
    meta: RequestMeta,
    actorId: string | null,
    eventType = "user_session_revoked",
  ): void {
    const step = stepSession(s.machine, { type: "REVOKE", now, reason });
    if (!step.effects.includes("persistRevocation")) return;
    applyMutations(tx, putSessionWrites({ ...s, machine: step.next }));
    applyMutations(
      tx,
      auditWrites(this.#d, meta, {
        event_type: eventType,
        user_id: actorId ?? s.user_id,
        resource_type: "session",
        resource_id: s.id,
        event_data: { reason, session_user_id: s.user_id },
      }),
    );
  }
}
