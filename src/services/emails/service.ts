/**
 * Email-address use cases (docs/identity.md#flows; docs/http-api.md (A9, A12, A16)): add (sends a verification mail),
 * list, set primary (any verified address; the old primary is unset in the same transaction),
 * delete (never the primary or the last), verify by token, resend verification. Addresses of
 * other users answer 404, never 401/403, so ids reveal nothing.
 */
import { issueCredential } from "../../crypto/tokens.ts";
import { EmailErrors } from "../../domain/emails/errors.ts";
import {
  addressHolders,
  deleteDetachedSignInWrites,
  deleteEmailWrites,
  detachedSignInsOf,
  type EmailRecord,
  getEmail,
  listUserEmails,
  putDetachedSignInWrites,
  putEmailWrites,
} from "../../domain/emails/records.ts";
import { rateLimitedError } from "../../domain/ratelimit/limiter.ts";
import {
  checkToken,
  deleteTokenWrites,
  listSubjectTokens,
  putTokenWrites,
  TOKEN_TTL_MS,
  type TokenRecord,
} from "../../domain/tokens/records.ts";
import { UserErrors } from "../../domain/users/errors.ts";
import { getUser, type UserRecord } from "../../domain/users/records.ts";
import { normaliseEmail } from "../../domain/users/validate.ts";
import { putOutboxWrites } from "../../email/outbox.ts";
import { frontendLink, verificationMail } from "../../email/templates.ts";
import type { Transaction } from "../../kv/types.ts";
import { applyMutations } from "../../kv/types.ts";
import { auditWrites, iso, type Principal, type RequestMeta } from "../context.ts";
import type { ServiceDeps } from "../deps.ts";

/** At most this many addresses per user. */
export const MAX_EMAILS_PER_USER = 20;

export interface EmailDto {
  id: string;
  email: string;
  is_primary: boolean;
  is_verified: boolean;
  verified_at: string | null;
  created_at: string;
}

export function emailDto(e: EmailRecord): EmailDto {
  return {
    id: e.id,
    email: e.email,
    is_primary: e.primary,
    is_verified: e.verified_at !== null,
    verified_at: e.verified_at === null ? null : iso(e.verified_at),
    created_at: iso(e.created_at),
  };
}

export class EmailService {
  readonly #d: ServiceDeps;

  constructor(deps: ServiceDeps) {
    this.#d = deps;
  }

  /**
   * Inside `tx`: makes sure `address` can be given to `userId` (registration, adding an address).
   * Only a verified holder keeps it (409 EMAIL_IN_USE), as does the caller already holding it. An
   * address held unverified by other accounts reserves nothing (docs/adr/0010): they keep their
   * unverified copy until one of the accounts verifies it (`markVerifiedIn`). The reads are
   * conflicting, so a verification committing meanwhile makes this transaction retry.
   */
  async claimAddressIn(tx: Transaction, address: string, userId: string | null): Promise<void> {
    const holders = await addressHolders(tx, address);
    if (holders.verified) throw UserErrors.EMAIL_IN_USE();
    if (userId !== null && holders.unverified.some((e) => e.user_id === userId)) {
      throw UserErrors.EMAIL_IN_USE();
    }
  }

  /**
   * Inside `tx`: marks `email` verified (a verification link or a completed reset reached its
   * mailbox). The first account to verify an address keeps it: every other account holding it
   * unverified is detached from it here (`#detachIn`). 409 EMAIL_IN_USE when another account
   * verified it first (only in a race: that verification detached this record).
   */
  async markVerifiedIn(tx: Transaction, email: EmailRecord, meta: RequestMeta): Promise<void> {
    const d = this.#d;
    const holders = await addressHolders(tx, email.email);
    if (holders.verified && holders.verified.id !== email.id) throw UserErrors.EMAIL_IN_USE();
    applyMutations(tx, putEmailWrites({ ...email, verified_at: d.clock.now() }));
    for (const other of holders.unverified) {
      if (other.id !== email.id) await this.#detachIn(tx, other, meta);
    }
  }

  /**
   * Inside `tx`: removes an unverified address that another account has just verified, with its
   * tokens (audited). A primary falls back to the account's oldest verified address, else its
   * oldest other address; an account left with no address keeps the address as a sign-in name
   * only, so its password still signs it in and it can add another address.
   */
  async #detachIn(tx: Transaction, email: EmailRecord, meta: RequestMeta): Promise<void> {
    applyMutations(tx, this.deleteWithTokensWrites(email, await this.#tokensOf(tx, email)));
    const rest = (await listUserEmails(tx, email.user_id)).filter((e) => e.id !== email.id);
    if (email.primary) {
      const next = rest.find((e) => e.verified_at !== null) ?? rest[0];
      if (next) applyMutations(tx, putEmailWrites({ ...next, primary: true }));
    }
    if (rest.length === 0) applyMutations(tx, putDetachedSignInWrites(email.email, email.user_id));
    applyMutations(
      tx,
      auditWrites(this.#d, meta, {
        event_type: "user_email_removed",
        user_id: email.user_id,
        resource_type: "email",
        resource_id: email.id,
        event_data: { reason: "address_verified_by_another_account" },
      }),
    );
  }

  /**
   * Inside `tx`: issues a verification token for `email` and enqueues its mail. Returns the outbox
   * id to deliver after commit. Does not check rate limits (callers do, as their rules differ).
   */
  queueVerificationIn(tx: Transaction, user: UserRecord, email: EmailRecord): string {
    const d = this.#d;
    const now = d.clock.now();
    const id = d.ids.next();
    const credential = issueCredential(id);
    const token: TokenRecord = {
      id,
      kind: "email_verification",
      secret_hash: credential.secretHash,
      user_id: user.id,
      subject_id: email.id,
      created_at: now,
      expires_at: now + TOKEN_TTL_MS.email_verification,
      used_at: null,
    };
    const link = frontendLink(d.settings.frontendBaseUrl, "/verify-email", credential.token);
    const entry = d.outbox.entry({
      ...verificationMail({ name: user.name, link, token: credential.token }),
      to: email.email,
      kind: "verification",
    });
    applyMutations(tx, putTokenWrites(token));
    applyMutations(tx, putOutboxWrites(entry));
    return entry.id;
  }

  /**
   * Adds an unverified address (non-primary, unless the account has none) and mails a
   * verification link. 409 if verified by anyone or already held by the caller.
   */
  async add(p: Principal, rawEmail: string, meta: RequestMeta): Promise<EmailDto> {
    const d = this.#d;
    const address = normaliseEmail(rawEmail);
    const { dto, mailId } = await d.kv.transact(
      async (tx) => {
        const user = await getUser(tx, p.userId);
        if (!user) throw UserErrors.USER_NOT_FOUND();
        await this.claimAddressIn(tx, address, p.userId);
        const existing = await listUserEmails(tx, p.userId);
        if (existing.length >= MAX_EMAILS_PER_USER) {
          throw EmailErrors.TOO_MANY_EMAILS(
            `At most ${MAX_EMAILS_PER_USER} email addresses per user`,
          );
        }
        const limit = await d.limiter.consumeIn(
          tx,
          d.settings.rules.verificationMailsPerAddress,
          address,
        );
        if (!limit.allowed) {
          d.limiter.denied(d.settings.rules.verificationMailsPerAddress);
          throw rateLimitedError(limit, "Too many verification mails for this address");
        }
        const email: EmailRecord = {
          id: d.ids.next(),
          user_id: p.userId,
          email: address,
          // An account detached from every address (docs/adr/0010) gets a primary again.
          primary: existing.length === 0,
          verified_at: null,
          created_at: d.clock.now(),
        };
        applyMutations(tx, putEmailWrites(email));
        const mailId = this.queueVerificationIn(tx, user, email);
        applyMutations(
          tx,
          auditWrites(d, meta, {
            event_type: "user_email_added",
            user_id: p.userId,
            resource_type: "email",
            resource_id: email.id,
          }),
        );
        return { dto: emailDto(email), mailId };
      },
      { name: "email.add" },
    );
    void d.delivery.deliverNow([mailId]);
    return dto;
  }

  async list(p: Principal): Promise<EmailDto[]> {
    const emails = await this.#d.kv.transact((tx) => listUserEmails(tx.snapshot, p.userId), {
      name: "email.list",
    });
    return emails.map(emailDto);
  }

  /** Makes a verified address the primary one (unsetting the previous primary). */
  async setPrimary(p: Principal, emailId: string, isPrimary: boolean, meta: RequestMeta) {
    if (!isPrimary) throw EmailErrors.INVALID_PRIMARY_CHANGE();
    const d = this.#d;
    return d.kv.transact(
      async (tx) => {
        const email = await this.#own(tx, p, emailId);
        if (email.verified_at === null) throw EmailErrors.EMAIL_NOT_VERIFIED();
        if (email.primary) return emailDto(email);
        for (const other of await listUserEmails(tx, p.userId)) {
          if (other.primary) applyMutations(tx, putEmailWrites({ ...other, primary: false }));
        }
        const updated = { ...email, primary: true };
        applyMutations(tx, putEmailWrites(updated));
        applyMutations(
          tx,
          auditWrites(d, meta, {
            event_type: "user_email_primary_changed",
            user_id: p.userId,
            resource_type: "email",
            resource_id: email.id,
          }),
        );
        return emailDto(updated);
      },
      { name: "email.set_primary" },
    );
  }

  /** Deletes an address that is neither the primary nor the last one, with its tokens. */
  async remove(p: Principal, emailId: string, meta: RequestMeta): Promise<void> {
    const d = this.#d;
    await d.kv.transact(
      async (tx) => {
        const email = await this.#own(tx, p, emailId);
        if (email.primary) throw EmailErrors.PRIMARY_EMAIL_DELETE();
        if ((await listUserEmails(tx, p.userId)).length <= 1) throw EmailErrors.LAST_EMAIL_DELETE();
        applyMutations(tx, this.deleteWithTokensWrites(email, await this.#tokensOf(tx, email)));
        applyMutations(
          tx,
          auditWrites(d, meta, {
            event_type: "user_email_removed",
            user_id: p.userId,
            resource_type: "email",
            resource_id: email.id,
          }),
        );
      },
      { name: "email.remove" },
    );
  }

  /**
   * Sends a new verification mail for an unverified address of the caller: `emailId`, or the
   * primary address when null (`POST /v1/auth/resend-verification`; 404 when the account has no
   * address, 400 EMAIL_ALREADY_VERIFIED when it is verified).
   */
  async resendVerification(p: Principal, emailId: string | null, meta: RequestMeta): Promise<void> {
    const d = this.#d;
    const mailId = await d.kv.transact(
      async (tx) => {
        const email =
          emailId === null ? await this.#primary(tx, p) : await this.#own(tx, p, emailId);
        if (email.verified_at !== null) throw EmailErrors.EMAIL_ALREADY_VERIFIED();
        const user = await getUser(tx, p.userId);
        if (!user) throw UserErrors.USER_NOT_FOUND();
        const rule = d.settings.rules.verificationMailsPerAddress;
        const limit = await d.limiter.consumeIn(tx, rule, email.email);
        if (!limit.allowed) {
          d.limiter.denied(d.settings.rules.verificationMailsPerAddress);
          throw rateLimitedError(limit, "Too many verification mails for this address");
        }
        const mailId = this.queueVerificationIn(tx, user, email);
        applyMutations(
          tx,
          auditWrites(d, meta, {
            event_type: "user_email_verification_sent",
            user_id: p.userId,
            resource_type: "email",
            resource_id: email.id,
          }),
        );
        return mailId;
      },
      { name: "email.resend" },
    );
    void d.delivery.deliverNow([mailId]);
  }

  /**
   * Verifies the address a token was issued for. The token is consumed whatever the address's
   * state; every failure (malformed, unknown, used, expired, address gone) is one 400.
   */
  async verify(rawToken: string, meta: RequestMeta): Promise<{ email: string; already: boolean }> {
    const d = this.#d;
    return d.kv.transact(
      async (tx) => {
        const now = d.clock.now();
        const check = await checkToken(tx, "email_verification", rawToken, now);
        if (!check.ok) throw EmailErrors.INVALID_VERIFICATION_TOKEN();
        const email = await getEmail(tx, check.token.subject_id);
        if (!email || email.user_id !== check.token.user_id) {
          throw EmailErrors.INVALID_VERIFICATION_TOKEN();
        }
        applyMutations(tx, putTokenWrites({ ...check.token, used_at: now }));
        if (email.verified_at !== null) return { email: email.email, already: true };
        await this.markVerifiedIn(tx, email, meta);
        applyMutations(
          tx,
          auditWrites(d, meta, {
            event_type: "user_email_verified",
            user_id: email.user_id,
            resource_type: "email",
            resource_id: email.id,
          }),
        );
        return { email: email.email, already: false };
      },
      { name: "email.verify" },
    );
  }

  /** The writes deleting an address and its verification tokens. */
  deleteWithTokensWrites(email: EmailRecord, tokens: TokenRecord[]) {
    return [...tokens.flatMap(deleteTokenWrites), ...deleteEmailWrites(email)];
  }

  /** Verification tokens issued for `email`. */
  #tokensOf(tx: Transaction, email: EmailRecord): Promise<TokenRecord[]> {
    return listSubjectTokens(tx, "email_verification", email.id);
  }

  /** Inside `tx`: the writes removing the sign-in names `userId` kept (for account deletion). */
  async detachedSignInWritesOf(tx: Transaction, userId: string) {
    return (await detachedSignInsOf(tx, userId)).flatMap((a) =>
      deleteDetachedSignInWrites(a, userId),
    );
  }

  /** Inside `tx`: every address of the user with its tokens (for account deletion). */
  async allWithTokensIn(tx: Transaction, userId: string) {
    const out: { email: EmailRecord; tokens: TokenRecord[] }[] = [];
    for (const email of await listUserEmails(tx, userId)) {
      out.push({ email, tokens: await this.#tokensOf(tx, email) });
    }
    return out;
  }

  async #primary(tx: Transaction, p: Principal): Promise<EmailRecord> {
    const primary = (await listUserEmails(tx, p.userId)).find((e) => e.primary);
    if (!primary) throw EmailErrors.EMAIL_NOT_FOUND("The account has no email address");
    return primary;
  }

  async #own(tx: Transaction, p: Principal, emailId: string): Promise<EmailRecord> {
    const email = await getEmail(tx, emailId);
    if (!email || email.user_id !== p.userId) throw EmailErrors.EMAIL_NOT_FOUND();
    return email;
  }
}
