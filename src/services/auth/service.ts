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
  type EmailRecord,
  findEmailByAddress,
  getEmail,
  listUserEmails,
  putEmailWrites,
} from "../../domain/emails/records.ts";
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
import { getUser, putUserWrites, type UserRecord } from "../../domain/users/records.ts";
import {
  checkPassword,
  normaliseEmail,
  normaliseName,
  tryNormaliseEmail,
} from "../../domain/users/validate.ts";
import { putOutboxWrites } from "../../email/outbox.ts";
import { frontendLink, passwordResetMail } from "../../email/templates.ts";
import { applyMutations } from "../../kv/types.ts";
import { defineErrors } from "../../lib/errors.ts";
import { auditWrites, type RequestMeta } from "../context.ts";
import type { ServiceDeps } from "../deps.ts";
import type { EmailService } from "../emails/service.ts";
import type { CreatedSession, SessionService } from "../sessions/service.ts";

export const AuthErrors = defineErrors({
  INVALID_RESET_TOKEN: { kind: "bad_request", message: "Invalid or expired reset token" },
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

/** A fixed password for the dummy hash that equalises unknown-address logins. */
const DUMMY_PASSWORD = "dummy-password-for-timing-equalisation";

export class AuthService {
  readonly #d: ServiceDeps;
  readonly #sessions: SessionService;
  readonly #emails: EmailService;
  readonly #dummyHash: Promise<string>;

  constructor(deps: ServiceDeps, sessions: SessionService, emails: EmailService) {
    this.#d = deps;
    this.#sessions = sessions;
    this.#emails = emails;
    // Computed up front so the first unknown-address login costs no extra hash.
    this.#dummyHash = deps.hasher.hash(DUMMY_PASSWORD);
  }

  /**
   * Creates the user, its primary (unverified) address, the verification mail, a WEB session and
   * the audit event in one transaction. Of concurrent registrations of one address exactly one
   * commits; the others get 409 EMAIL_IN_USE.
   */
  async register(input: RegisterInput, meta: RequestMeta): Promise<SignedIn> {
    const d = this.#d;
    const name = normaliseName(input.name);
    const address = normaliseEmail(input.email);
    checkPassword(input.password);
    const passwordHash = await d.hasher.hash(input.password);
    const { result, mailId } = await d.kv.transact(
      async (tx) => {
        await this.#emails.claimAddressIn(tx, address, null, meta);
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
        return { result: { user, email: address, session }, mailId };
      },
      { name: "auth.register" },
    );
    d.metrics.registrations.inc();
    void d.delivery.deliverNow([mailId]);
    return result;
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
        const email = await findEmailByAddress(tx.snapshot, address);
        const user = email ? await getUser(tx.snapshot, email.user_id) : undefined;
        return { failures, user };
      },
      { name: "auth.login_lookup" },
    );
    if (!found.failures.allowed) {
      d.limiter.denied(rule);
      d.metrics.authAttempts.inc({ type: "password", success: "false" });
      throw rateLimitedError(found.failures, "Too many failed sign-in attempts; try again later");
    }
    const hash = found.user?.password_hash ?? (await this.#dummy());
    const ok = (await d.hasher.verify(hash, password)) && found.user?.password_hash != null;
    if (!ok || !found.user) {
      await d.kv.transact(
        async (tx) => {
          applyMutations(
            tx,
            auditWrites(d, meta, {
              event_type: "user_login_failed",
              user_id: found.user?.id ?? null,
              resource_type: "user",
              resource_id: found.user?.id ?? null,
            }),
          );
        },
        { name: "auth.login_failed" },
      );
      d.metrics.authAttempts.inc({ type: "password", success: "false" });
      throw UserErrors.INVALID_CREDENTIALS();
    }
    const user = found.user;
    const session = await d.kv.transact(
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
        return session;
      },
      { name: "auth.login" },
    );
    d.metrics.authAttempts.inc({ type: "password", success: "true" });
    return { user, email: address, session };
  }

  /**
   * Always succeeds (docs/http-api.md#a6--no-account-enumeration). Mails a reset link when the address is known, not throttled, and either
   * verified, or the primary address of an account that has no verified address at all (the only
   * way to recover an account registered with someone else's address: docs/adr/0010).
   */
  async requestPasswordReset(rawEmail: string, meta: RequestMeta): Promise<void> {
    const d = this.#d;
    const address = normaliseEmail(rawEmail);
    const mailId = await d.kv.transact(
      async (tx) => {
        const email = await findEmailByAddress(tx, address);
        if (!email) return undefined;
        if (email.verified_at === null) {
          if (!email.primary) return undefined;
          const all = await listUserEmails(tx, email.user_id);
          if (all.some((e) => e.verified_at !== null)) return undefined;
        }
        const user = await getUser(tx, email.user_id);
        if (!user) return undefined;
        const limit = await d.limiter.consumeIn(
          tx,
          d.settings.rules.passwordResetsPerUser,
          user.id,
        );
        if (!limit.allowed) return "throttled" as const;
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
      },
      { name: "auth.reset_request" },
    );
    if (mailId === "throttled") d.limiter.denied(d.settings.rules.passwordResetsPerUser);
    else if (mailId !== undefined) void d.delivery.deliverNow([mailId]);
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
        // The link reached this mailbox: an address still unverified is verified now.
        const mailed = check.token.email_id ? await getEmail(tx, check.token.email_id) : undefined;
        if (mailed && mailed.user_id === user.id && mailed.verified_at === null) {
          applyMutations(tx, putEmailWrites({ ...mailed, verified_at: now }));
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
   * Spends one unit of the per-IP limit of `kind` (login 100/h, registration 5/day by default) in a
   * transaction of its own, so attempts count whether or not they succeed.
   */
  checkIpLimit(kind: "login" | "registration", ip: string | null): Promise<RateLimitDecision> {
    const rules = this.#d.settings.rules;
    return this.#d.limiter.consume(
      kind === "login" ? rules.loginPerIp : rules.registrationsPerIp,
      ip ?? "unknown",
    );
  }

  #dummy(): Promise<string> {
    return this.#dummyHash;
  }
}
