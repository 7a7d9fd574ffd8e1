/**
 * Sign-up and sign-in use cases (docs/identity.md#flows; docs/http-api.md (A5, A6, A7, A11, A12)): register, password
 * login, logout, email verification, password reset request and confirm.
 *
 * Enumeration (docs/http-api.md#a6--no-account-enumeration): an unknown address and a wrong password give the same error after the same
 * work (a dummy hash is verified for unknown addresses); a reset request always succeeds, and its
 * per-user rate limit drops the mail silently instead of answering differently.
 */
import { issueCredential } from "../../crypto/tokens.ts";
import {
  addressHolders,
  detachedSignIns,
  type EmailRecord,
  getEmail,
  listUserEmails,
  putEmailWrites,
} from "../../domain/emails/records.ts";
import { rateLimitClient } from "../../domain/ratelimit/client.ts";
import type { RateLimitDecision } from "../../domain/ratelimit/counters.ts";
import { rateLimitedError } from "../../domain/ratelimit/limiter.ts";
import {
  checkToken,
  listSubjectTokens,
  putTokenWrites,
  TOKEN_TTL_MS,
  type TokenRecord,
} from "../../domain/tokens/records.ts";
import { UserErrors } from "../../domain/users/errors.ts";
import { idItem, UserKeys } from "../../domain/users/keys.ts";
import { getUser, putUserWrites, type UserRecord } from "../../domain/users/records.ts";
import {
  checkPassword,
  normaliseEmail,
  normaliseName,
  tryNormaliseEmail,
} from "../../domain/users/validate.ts";
import { putOutboxWrites } from "../../email/outbox.ts";
import { frontendLink, passwordChangedMail, passwordResetMail } from "../../email/templates.ts";
import { applyMutations, type ReadOps, type Transaction } from "../../kv/types.ts";
import { defineErrors, isAppError } from "../../lib/errors.ts";
import { auditWrites, type Principal, type RequestMeta } from "../context.ts";
import type { ServiceDeps } from "../deps.ts";
import type { EmailService } from "../emails/service.ts";
import type { CreatedSession, SessionService } from "../sessions/service.ts";

export const AuthErrors = defineErrors({
  INVALID_RESET_TOKEN: { kind: "bad_request", message: "Invalid or expired reset token" },
  /** A signed-in password change whose current password is wrong (400, not 401: the session is fine). */
  INVALID_CURRENT_PASSWORD: { kind: "bad_request", message: "Current password is incorrect" },
});

export type { RateLimitDecision };

export interface RegisterInput {
  name: string;
  email: string;
  password: string;
}

export interface SignedIn {
  user: UserRecord;
  email: string;
  session: CreatedSession;
}

/**
 * What registration needs from organizations (implemented by `OrganizationService`, handed to
 * `AuthService` in src/main.ts): the default organization of a new account.
 */
export interface DefaultOrganizationPort {
  /**
   * Creates organization `orgId` named `name` with `userId` as its OWNER, exempt from the
   * verified-address rule, counted towards the per-user limit. Idempotent: an organization
   * already created there for this user counts as done.
   */
  createDefault(userId: string, orgId: string, name: string, meta: RequestMeta): Promise<void>;
}

/** A fixed password for the dummy hash that equalises unknown-address logins. */
const DUMMY_PASSWORD = "dummy-password-for-timing-equalisation";

/**
 * At most this many accounts are tried for one sign-in address (its verified holder first, then
 * accounts detached from it, then its unverified holders, oldest first), and at most this many
 * reset mails go out for one request: each costs an Argon2id verification or a mail, and the
 * accounts holding an address unverified are not otherwise bounded (docs/adr/0010).
 */
export const MAX_ACCOUNTS_PER_ADDRESS = 8;

/** The organization name made from a user name: format characters (allowed in user names) dropped. */
export function defaultOrgName(userName: string): string {
  const name = userName.replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, "").trim();
  return name.length > 0 ? name : "My organization";
}

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

/** Failures worth retrying at the next sign-in; any other refusal of the default organization is final. */
const TRANSIENT_KINDS = new Set([
  "unavailable",
  "overloaded",
  "deadline_exceeded",
  "bad_gateway",
  "rate_limited",
  "internal",
]);

export class AuthService {
  readonly #d: ServiceDeps;
  readonly #sessions: SessionService;
  readonly #emails: EmailService;
  readonly #orgs: DefaultOrganizationPort;
  readonly #dummyHash: Promise<string>;
  /** Reset requests answered but still at work (`requestPasswordReset`). */
  readonly #background = new Set<Promise<void>>();

  constructor(
    deps: ServiceDeps,
    sessions: SessionService,
    emails: EmailService,
    orgs: DefaultOrganizationPort,
  ) {
    this.#d = deps;
    this.#sessions = sessions;
    this.#emails = emails;
    this.#orgs = orgs;
    // Computed up front so the first unknown-address login costs no extra hash.
    this.#dummyHash = deps.hasher.hash(DUMMY_PASSWORD);
  }

  /**
   * Creates the user, its primary (unverified) address, the verification mail, a WEB session, the
   * audit event and the claim of its default organization's id in one transaction, then the
   * default organization (`#completeDefaultOrg`). An address verified by another account is 409
   * EMAIL_IN_USE; one only held unverified elsewhere is not (docs/adr/0010).
   */
  async register(input: RegisterInput, meta: RequestMeta): Promise<SignedIn> {
    const d = this.#d;
    const name = normaliseName(input.name);
    const address = normaliseEmail(input.email);
    checkPassword(input.password);
    const passwordHash = await d.hasher.hash(input.password);
    const { result, mailId, defaultOrgId } = await d.kv.transact(
      async (tx) => {
        await this.#emails.claimAddressIn(tx, address, null);
        const now = d.clock.now();
        const user: UserRecord = {
          id: d.ids.next(),
          name,
          password_hash: passwordHash,
          created_at: now,
          tos_accepted_at: now,
          password_changed_at: null,
        };
        const email: EmailRecord = {
          id: d.ids.next(),
          user_id: user.id,
          email: address,
          primary: true,
          verified_at: null,
          created_at: now,
        };
        applyMutations(tx, putUserWrites(user));
        applyMutations(tx, putEmailWrites(email));
        // The default organization's id, claimed with the account: whoever completes it (this
        // request, or a later sign-in if this one fails after the commit) reaches the same actor.
        const defaultOrgId = d.ids.next();
        tx.set(UserKeys.pendingDefaultOrg.key(idItem(user.id)), utf8.encode(defaultOrgId));
        await d.limiter.consumeIn(tx, d.settings.rules.verificationMailsPerAddress, address);
        const mailId = this.#emails.queueVerificationIn(tx, user, email);
        const session = await this.#sessions.createIn(tx, user.id, "WEB", meta);
        applyMutations(
          tx,
          auditWrites(d, meta, {
            event_type: "user_registered",
            user_id: user.id,
            resource_type: "user",
            resource_id: user.id,
            event_data: { session_id: session.record.id },
          }),
        );
        return { result: { user, email: address, session }, mailId, defaultOrgId };
      },
      { name: "auth.register" },
    );
    d.metrics.registrations.inc();
    void d.delivery.deliverNow([mailId]);
    await this.#completeDefaultOrg(result.user, defaultOrgId, meta);
    return result;
  }

  /**
   * Creates the default organization claimed at registration and drops the claim. Never throws:
   * the account exists either way. A transient failure (store, routing) keeps the claim, so the
   * next sign-in completes it; a permanent refusal (an organization limit) drops it.
   */
  async #completeDefaultOrg(user: UserRecord, orgId: string, meta: RequestMeta): Promise<void> {
    const d = this.#d;
    const key = UserKeys.pendingDefaultOrg.key(idItem(user.id));
    try {
      await this.#orgs.createDefault(user.id, orgId, defaultOrgName(user.name), meta);
    } catch (e) {
      const permanent = isAppError(e) && !TRANSIENT_KINDS.has(e.kind);
      d.log.warn("default organization not created", {
        userId: user.id,
        orgId,
        retried: permanent ? "never" : "at next sign-in",
        err: e,
      });
      if (!permanent) return;
    }
    try {
      await d.kv.transact(
        async (tx) => {
          const held = await tx.get(key);
          if (held && fromUtf8.decode(held) === orgId) tx.clear(key);
        },
        { name: "auth.default_org_done" },
      );
    } catch (e) {
      d.log.warn("default organization claim not cleared", { userId: user.id, err: e });
    }
  }

  /**
   * Password sign-in. Unknown address and wrong password: the same 401 after one Argon2id
   * verification either way. More than the configured failures per account and window: 429.
   * Success and failure are both audited.
   */
  async login(rawEmail: string, password: string, meta: RequestMeta): Promise<SignedIn> {
    const d = this.#d;
    const rule = d.settings.rules.loginFailuresPerAccount;
    // An address that cannot exist answers like an unknown one (same error, same hashing work).
    const address = tryNormaliseEmail(rawEmail) ?? "(invalid)";
    // The failure unit is reserved before the password is checked (and refunded on success), so
    // a burst of parallel attempts cannot all pass the check before the first failure counts.
    const spentAt = d.clock.now();
    const found = await d.kv.transact(
      async (tx) => {
        const failures = await d.limiter.consumeIn(tx, rule, address, spentAt);
        const candidates = await signInCandidates(tx.snapshot, address);
        return { failures, candidates };
      },
      { name: "auth.login_lookup" },
    );
    if (!found.failures.allowed) {
      d.limiter.denied(rule);
      d.metrics.authAttempts.inc({ type: "password", success: "false" });
      throw rateLimitedError(found.failures, "Too many failed sign-in attempts; try again later");
    }
    const matched = await this.#matchPassword(found.candidates, password);
    if (!matched) {
      const known = found.candidates[0];
      await d.kv.transact(
        async (tx) => {
          applyMutations(
            tx,
            auditWrites(d, meta, {
              event_type: "user_login_failed",
              user_id: known?.id ?? null,
              resource_type: "user",
              resource_id: known?.id ?? null,
            }),
          );
        },
        { name: "auth.login_failed" },
      );
      d.metrics.authAttempts.inc({ type: "password", success: "false" });
      throw UserErrors.INVALID_CREDENTIALS();
    }
    const user = matched;
    const { session, pendingOrg } = await d.kv.transact(
      async (tx) => {
        const current = await getUser(tx, user.id);
        // The password changed (or the account went) between verification and now.
        if (!current || current.password_hash !== user.password_hash) {
          throw UserErrors.INVALID_CREDENTIALS();
        }
        const session = await this.#sessions.createIn(tx, user.id, "WEB", meta);
        d.limiter.refundIn(tx, rule, address, spentAt);
        applyMutations(
          tx,
          auditWrites(d, meta, {
            event_type: "user_login",
            user_id: user.id,
            resource_type: "session",
            resource_id: session.record.id,
          }),
        );
        const pending = await tx.snapshot.get(UserKeys.pendingDefaultOrg.key(idItem(user.id)));
        return { session, pendingOrg: pending ? fromUtf8.decode(pending) : undefined };
      },
      { name: "auth.login" },
    );
    d.metrics.authAttempts.inc({ type: "password", success: "true" });
    // A registration whose default organization failed after its commit is completed now.
    if (pendingOrg !== undefined) await this.#completeDefaultOrg(user, pendingOrg, meta);
    return { user, email: address, session };
  }

  /**
   * The first of `candidates` whose password is `password`. Verifies one Argon2id hash per
   * candidate tried (the dummy hash when there is none, or for an account without a password), so
   * an unknown address costs what a known one does.
   */
  async #matchPassword(
    candidates: UserRecord[],
    password: string,
  ): Promise<UserRecord | undefined> {
    const d = this.#d;
    if (candidates.length === 0) {
      await d.hasher.verify(await this.#dummy(), password);
      return undefined;
    }
    for (const user of candidates) {
      const hash = user.password_hash ?? (await this.#dummy());
      if ((await d.hasher.verify(hash, password)) && user.password_hash !== null) return user;
    }
    return undefined;
  }

  /**
   * Always succeeds at once (docs/http-api.md#a6--no-account-enumeration): the lookup and the
   * mail run after the answer (`#sendResetMails`), so a known address answers in the time an
   * unknown one does. Only a malformed address is refused, whoever holds it.
   */
  requestPasswordReset(rawEmail: string, meta: RequestMeta): Promise<void> {
    const address = normaliseEmail(rawEmail);
    // After the answer has left: the store's reads may be synchronous (SQLite), and work queued
    // as a microtask or with setImmediate was measured to run before the response is written.
    const task = new Promise<void>((resolve) => setTimeout(resolve, 0))
      .then(() => this.#sendResetMails(address, meta))
      .catch((err) => this.#d.log.warn("password reset request failed", { err }));
    this.#background.add(task);
    void task.finally(() => this.#background.delete(task));
    return Promise.resolve();
  }

  /** Resolves when the reset requests answered so far have done their work (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.#background.size > 0) await Promise.all([...this.#background]);
  }

  /**
   * Mails a reset link for `address`, not throttled per user: to its verified holder; or, when
   * nobody verified it, to each account holding it as an unverified **primary** address with no
   * verified address at all (the only way to recover such an account: docs/adr/0010).
   */
  async #sendResetMails(address: string, meta: RequestMeta): Promise<void> {
    const d = this.#d;
    const rule = d.settings.rules.passwordResetsPerUser;
    const outcome = await d.kv.transact(
      async (tx) => {
        const holders = await addressHolders(tx, address);
        const targets: EmailRecord[] = [];
        if (holders.verified) targets.push(holders.verified);
        else {
          for (const e of holders.unverified) {
            if (!e.primary || targets.length >= MAX_ACCOUNTS_PER_ADDRESS) continue;
            const all = await listUserEmails(tx, e.user_id);
            if (!all.some((o) => o.verified_at !== null)) targets.push(e);
          }
        }
        const mailIds: string[] = [];
        let throttled = 0;
        for (const email of targets) {
          const user = await getUser(tx, email.user_id);
          if (!user) continue;
          const limit = await d.limiter.consumeIn(tx, rule, user.id);
          if (!limit.allowed) {
            throttled++;
            continue;
          }
          mailIds.push(this.#queueResetIn(tx, user, email, meta));
        }
        return { mailIds, throttled };
      },
      { name: "auth.reset_request" },
    );
    for (let i = 0; i < outcome.throttled; i++) d.limiter.denied(rule);
    if (outcome.mailIds.length > 0) void d.delivery.deliverNow(outcome.mailIds);
  }

  /** Inside `tx`: a reset token for `user` mailed to `email`, and its audit event. */
  #queueResetIn(tx: Transaction, user: UserRecord, email: EmailRecord, meta: RequestMeta): string {
    const d = this.#d;
    const now = d.clock.now();
    const id = d.ids.next();
    const credential = issueCredential(id);
    applyMutations(
      tx,
      putTokenWrites({
        id,
        kind: "password_reset",
        secret_hash: credential.secretHash,
        user_id: user.id,
        subject_id: user.id,
        created_at: now,
        expires_at: now + TOKEN_TTL_MS.password_reset,
        used_at: null,
        email_id: email.id,
      }),
    );
    const link = frontendLink(d.settings.frontendBaseUrl, "/reset-password", credential.token);
    const entry = d.outbox.entry({
      ...passwordResetMail({ name: user.name, link }),
      to: email.email,
      kind: "password_reset",
    });
    applyMutations(tx, putOutboxWrites(entry));
    applyMutations(
      tx,
      auditWrites(d, meta, {
        event_type: "password_reset_requested",
        user_id: user.id,
        resource_type: "user",
        resource_id: user.id,
      }),
    );
    return entry.id;
  }

  /**
   * Sets a new password with a reset token; revokes every session of the user and every
   * outstanding reset token (this one included) in the same transaction.
   */
  async confirmPasswordReset(rawToken: string, newPassword: string, meta: RequestMeta) {
    const d = this.#d;
    checkPassword(newPassword, "new_password");
    const valid = await d.kv.transact(
      async (tx) => (await checkToken(tx.snapshot, "password_reset", rawToken, d.clock.now())).ok,
      { name: "auth.reset_check" },
    );
    if (!valid) throw AuthErrors.INVALID_RESET_TOKEN();
    const hash = await d.hasher.hash(newPassword);
    await d.kv.transact(
      async (tx) => {
        const now = d.clock.now();
        const check = await checkToken(tx, "password_reset", rawToken, now);
        if (!check.ok) throw AuthErrors.INVALID_RESET_TOKEN();
        const user = await getUser(tx, check.token.user_id);
        if (!user) throw AuthErrors.INVALID_RESET_TOKEN();
        applyMutations(
          tx,
          putUserWrites({ ...user, password_hash: hash, password_changed_at: now }),
        );
        // The link reached this mailbox: an address still unverified is verified now (and
        // detached from every other account holding it unverified).
        const mailed = check.token.email_id ? await getEmail(tx, check.token.email_id) : undefined;
        if (mailed && mailed.user_id === user.id && mailed.verified_at === null) {
          await this.#emails.markVerifiedIn(tx, mailed, meta);
        }
        const outstanding: TokenRecord[] = await listSubjectTokens(tx, "password_reset", user.id);
        for (const t of outstanding) {
          if (t.used_at === null) applyMutations(tx, putTokenWrites({ ...t, used_at: now }));
        }
        const revoked = await this.#sessions.revokeAllIn(
          tx,
          user.id,
          "password_reset",
          meta,
          user.id,
        );
        applyMutations(
          tx,
          auditWrites(d, meta, {
            event_type: "password_reset_completed",
            user_id: user.id,
            resource_type: "user",
            resource_id: user.id,
            event_data: { sessions_revoked: revoked },
          }),
        );
      },
      { name: "auth.reset_confirm" },
    );
  }

  /**
   * `POST /v1/users/me/password`: the signed-in user changes their password. The current password
   * is checked like a sign-in (one unit of the per-account failure limit reserved first, keyed by
   * the primary address, refunded on success; 429 over it; 400 INVALID_CURRENT_PASSWORD when
   * wrong), the new one against the password rules. Then, in one transaction: the new hash, every
   * other session of the user revoked, outstanding reset tokens consumed, a notice mailed to the
   * primary address, and `user_password_changed`. Returns how many sessions were revoked.
   */
  async changePassword(
    p: Principal,
    currentPassword: string,
    newPassword: string,
    meta: RequestMeta,
  ): Promise<number> {
    const d = this.#d;
    const rule = d.settings.rules.loginFailuresPerAccount;
    checkPassword(newPassword, "new_password");
    const spentAt = d.clock.now();
    const found = await d.kv.transact(
      async (tx) => {
        const user = await getUser(tx.snapshot, p.userId);
        if (!user) throw UserErrors.USER_NOT_FOUND();
        const primary = (await listUserEmails(tx.snapshot, p.userId)).find((e) => e.primary);
        const limitKey = primary?.email ?? `user:${user.id}`;
        const failures = await d.limiter.consumeIn(tx, rule, limitKey, spentAt);
        return { user, primary, limitKey, failures };
      },
      { name: "auth.password_change_check" },
    );
    if (!found.failures.allowed) {
      d.limiter.denied(rule);
      throw rateLimitedError(found.failures, "Too many failed password attempts; try again later");
    }
    if (!(await this.#matchPassword([found.user], currentPassword))) {
      await d.kv.transact(
        async (tx) => {
          applyMutations(
            tx,
            auditWrites(d, meta, {
              event_type: "user_password_change_failed",
              user_id: p.userId,
              resource_type: "user",
              resource_id: p.userId,
            }),
          );
        },
        { name: "auth.password_change_failed" },
      );
      throw AuthErrors.INVALID_CURRENT_PASSWORD();
    }
    const hash = await d.hasher.hash(newPassword);
    const { revoked, mailId } = await d.kv.transact(
      async (tx) => {
        const now = d.clock.now();
        const user = await getUser(tx, p.userId);
        // Changed (or deleted) since the check: the current password may no longer be current.
        if (!user || user.password_hash !== found.user.password_hash) {
          throw AuthErrors.INVALID_CURRENT_PASSWORD();
        }
        applyMutations(
          tx,
          putUserWrites({ ...user, password_hash: hash, password_changed_at: now }),
        );
        d.limiter.refundIn(tx, rule, found.limitKey, spentAt);
        for (const t of await listSubjectTokens(tx, "password_reset", user.id)) {
          if (t.used_at === null) applyMutations(tx, putTokenWrites({ ...t, used_at: now }));
        }
        const revoked = await this.#sessions.revokeAllIn(
          tx,
          user.id,
          "password_changed",
          meta,
          user.id,
          p.sessionId,
        );
        const primary = (await listUserEmails(tx, user.id)).find((e) => e.primary);
        let mailId: string | undefined;
        if (primary) {
          const link = `${d.settings.frontendBaseUrl}/reset-password`;
          const entry = d.outbox.entry({
            ...passwordChangedMail({ name: user.name, link }),
            to: primary.email,
            kind: "password_changed",
          });
          applyMutations(tx, putOutboxWrites(entry));
          mailId = entry.id;
        }
        applyMutations(
          tx,
          auditWrites(d, meta, {
            event_type: "user_password_changed",
            user_id: user.id,
            resource_type: "user",
            resource_id: user.id,
            event_data: { sessions_revoked: revoked },
          }),
        );
        return { revoked, mailId };
      },
      { name: "auth.password_change" },
    );
    if (mailId !== undefined) void d.delivery.deliverNow([mailId]);
    return revoked;
  }

  /**
   * Spends one unit of the per-IP limit of `kind` (login 100/h, registration 5/day by default) in a
   * transaction of its own, so attempts count whether or not they succeed.
   */
  checkIpLimit(kind: "login" | "registration", ip: string | null): Promise<RateLimitDecision> {
    const rules = this.#d.settings.rules;
    return this.#d.limiter.consume(
      kind === "login" ? rules.loginPerIp : rules.registrationsPerIp,
      rateLimitClient(ip),
    );
  }

  #dummy(): Promise<string> {
    return this.#dummyHash;
  }
}

/**
 * The accounts a password sign-in with `address` may reach, in the order they are tried: the
 * address's verified holder, accounts detached from it with no address left, then its unverified
 * holders (oldest first); at most MAX_ACCOUNTS_PER_ADDRESS (docs/adr/0010).
 */
async function signInCandidates(tx: ReadOps, address: string): Promise<UserRecord[]> {
  const holders = await addressHolders(tx, address);
  const ids = [
    ...(holders.verified ? [holders.verified.user_id] : []),
    ...(await detachedSignIns(tx, address)),
    ...holders.unverified.map((e) => e.user_id),
  ];
  const out: UserRecord[] = [];
  for (const id of new Set(ids)) {
    if (out.length >= MAX_ACCOUNTS_PER_ADDRESS) break;
    const user = await getUser(tx, id);
    if (user) out.push(user);
  }
  return out;
}
