/**
 * Passkeys (A14, issue 12; docs/passkeys.md): WebAuthn enrolment for a signed-in user and sign-in
 * (with or without an email: usernameless sign-in with discoverable credentials), with
 * @simplewebauthn/server, plus listing, renaming and deleting.
 *
 * Ceremonies: an options call stores a random challenge `("wa", sha256)` in the KV store with its
 * kind, its user (enrolment: the signed-in user; sign-in: the user the email names, or none) and
 * an expiry (`auth.webauthn.challenge_ttl_seconds`), so any node of a cluster finishes a ceremony
 * another began. The verify call reads the challenge out of the response's `clientDataJSON`,
 * consumes it in a transaction of its own (single use: of two concurrent uses one finds it gone;
 * a failed verification has burnt it too), then verifies origin (`auth.webauthn.origins`), RP ID,
 * user presence and verification, and the signature.
 *
 * Sign-in refusals (unknown credential, a credential of another user than the email named, bad
 * signature, expired or unknown challenge) all answer the same 401 `PASSKEY_SIGN_IN_FAILED` (A6).
 * A signature counter that did not grow is refused the same way and audited
 * (`passkey_counter_regression`). Success gives a WEB session exactly as password sign-in does.
 */
import { createHmac, randomBytes } from "node:crypto";
import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from "@simplewebauthn/server";
import { addressHolders, listUserEmails } from "../../domain/emails/records.ts";
import { PasskeyErrors } from "../../domain/passkeys/errors.ts";
import {
  type CeremonyKind,
  type Challenge,
  ChallengeCodec,
  deleteChallengeWrites,
  deletePasskeyWrites,
  findCredential,
  getPasskey,
  listPasskeys,
  MAX_PASSKEYS,
  type Passkey,
  PasskeyKeys,
  type PasskeyView,
  passkeyView,
  putChallengeWrites,
  putPasskeyWrites,
} from "../../domain/passkeys/records.ts";
import { rateLimitedError } from "../../domain/ratelimit/limiter.ts";
import { getUser, type UserRecord } from "../../domain/users/records.ts";
import { tryNormaliseEmail } from "../../domain/users/validate.ts";
import { applyMutations, type Transaction } from "../../kv/types.ts";
import { auditWrites, type Principal, type RequestMeta } from "../context.ts";
import type { ServiceDeps } from "../deps.ts";
import type { CreatedSession, SessionService } from "../sessions/service.ts";

export interface PasskeySettings {
  rpId: string;
  rpName: string;
  origins: string[];
  challengeTtlMs: number;
  /** Derives the stand-in credential ids shown for an unknown email (no enumeration). */
  decoySecret: string;
}

export interface PasskeySignIn {
  user: UserRecord;
  session: CreatedSession;
}

/** The challenge a WebAuthn response signed, from its `clientDataJSON` (null when unreadable). */
export function challengeOf(clientDataJSON: unknown): string | null {
  if (typeof clientDataJSON !== "string" || clientDataJSON.length > 16_384) return null;
  try {
    const parsed = JSON.parse(Buffer.from(clientDataJSON, "base64url").toString("utf8")) as {
      challenge?: unknown;
    };
    return typeof parsed.challenge === "string" && /^[A-Za-z0-9_-]{16,128}$/.test(parsed.challenge)
      ? parsed.challenge
      : null;
  } catch {
    return null;
  }
}

export class PasskeyService {
  readonly #d: ServiceDeps;
  readonly #s: PasskeySettings;
  readonly #sessions: SessionService;

  constructor(deps: ServiceDeps, sessions: SessionService, settings: PasskeySettings) {
    this.#d = deps;
    this.#sessions = sessions;
    this.#s = settings;
  }

  async #newChallenge(kind: CeremonyKind, userId: string | null): Promise<string> {
    const challenge = randomBytes(32).toString("base64url");
    const record: Challenge = {
      kind,
      challenge,
      user_id: userId,
      expires_at: this.#d.clock.now() + this.#s.challengeTtlMs,
    };
    await this.#d.kv.transact(async (tx) => applyMutations(tx, putChallengeWrites(record)), {
      name: "passkey.challenge",
    });
    return challenge;
  }

  /**
   * Consumes the challenge `clientDataJSON` carries: present, unexpired, of `kind`; single use
   * (its own transaction, committed before any verification).
   */
  async #consume(kind: CeremonyKind, clientDataJSON: unknown): Promise<Challenge | null> {
    const challenge = challengeOf(clientDataJSON);
    if (challenge === null) return null;
    const now = this.#d.clock.now();
    return this.#d.kv.transact(
      async (tx) => {
        const raw = await tx.get(PasskeyKeys.challenge(challenge));
        if (!raw) return null;
        const c = ChallengeCodec.decode(raw);
        applyMutations(tx, deleteChallengeWrites(c));
        if (c.kind !== kind || c.challenge !== challenge || now >= c.expires_at) return null;
        return c;
      },
      { name: "passkey.consume" },
    );
  }

  // Enrolment ------------------------------------------------------------------------------------

  async registrationOptions(p: Principal) {
    const d = this.#d;
    const found = await d.kv.transact(
      async (tx) => {
        const user = await getUser(tx.snapshot, p.userId);
        const emails = await listUserEmails(tx.snapshot, p.userId);
        return { user, emails, passkeys: await listPasskeys(tx.snapshot, p.userId) };
      },
      { name: "passkey.registration_options" },
    );
    if (!found.user) throw PasskeyErrors.PASSKEY_NOT_FOUND("User not found");
    if (found.passkeys.length >= MAX_PASSKEYS) throw PasskeyErrors.PASSKEY_LIMIT();
    const primary = found.emails.find((e) => e.primary) ?? found.emails[0];
    const challenge = await this.#newChallenge("registration", p.userId);
    const options = await generateRegistrationOptions({
      rpName: this.#s.rpName,
      rpID: this.#s.rpId,
      userName: primary?.email ?? found.user.name,
      userDisplayName: found.user.name,
      userID: new TextEncoder().encode(p.userId),
      challenge: Buffer.from(challenge, "base64url"),
      timeout: this.#s.challengeTtlMs,
      attestationType: "none",
      excludeCredentials: found.passkeys.map((k) => ({
        id: k.credential_id,
        transports: k.transports,
      })),
      authenticatorSelection: { residentKey: "preferred", userVerification: "required" },
    });
    return { options };
  }

  async registrationVerify(
    p: Principal,
    input: { credential: RegistrationResponseJSON; name?: string | undefined },
    meta: RequestMeta,
  ): Promise<{ passkey: PasskeyView }> {
    const d = this.#d;
    const c = await this.#consume("registration", input.credential.response?.clientDataJSON);
    if (!c || c.user_id !== p.userId) throw PasskeyErrors.PASSKEY_CHALLENGE_INVALID();
    let info: Awaited<ReturnType<typeof verifyRegistrationResponse>>["registrationInfo"];
    try {
      const v = await verifyRegistrationResponse({
        response: input.credential,
        expectedChallenge: c.challenge,
        expectedOrigin: this.#s.origins,
        expectedRPID: this.#s.rpId,
        requireUserPresence: true,
        requireUserVerification: true,
      });
      if (!v.verified) throw new Error("not verified");
      info = v.registrationInfo;
    } catch (e) {
      throw PasskeyErrors.PASSKEY_VERIFICATION_FAILED(undefined, { meta: { reason: String(e) } });
    }
    const now = d.clock.now();
    const passkey: Passkey = {
      id: d.ids.next(),
      user_id: p.userId,
      name: input.name?.trim() || "Passkey",
      credential_id: info.credential.id,
      public_key: Buffer.from(info.credential.publicKey).toString("base64url"),
      counter: info.credential.counter,
      transports: (info.credential.transports ?? []).slice(0, 8).map(String),
      device_type: info.credentialDeviceType,
      backed_up: info.credentialBackedUp,
      aaguid: info.aaguid,
      created_at: now,
      last_used_at: null,
    };
    await d.kv.transact(
      async (tx) => {
        if (!(await getUser(tx, p.userId))) throw PasskeyErrors.PASSKEY_NOT_FOUND("User not found");
        if ((await listPasskeys(tx, p.userId)).length >= MAX_PASSKEYS) {
          throw PasskeyErrors.PASSKEY_LIMIT();
        }
        if (await findCredential(tx, passkey.credential_id)) {
          throw PasskeyErrors.PASSKEY_ALREADY_REGISTERED();
        }
        applyMutations(tx, putPasskeyWrites(passkey));
        applyMutations(
          tx,
          auditWrites(d, meta, {
            event_type: "passkey_added",
            user_id: p.userId,
            resource_type: "passkey",
            resource_id: passkey.id,
            event_data: { name: passkey.name, device_type: passkey.device_type },
          }),
        );
      },
      { name: "passkey.register" },
    );
    return { passkey: passkeyView(passkey) };
  }

  // Sign-in --------------------------------------------------------------------------------------

  /** Stand-in credential ids for an email that names no passkey (the same for every call). */
  #decoys(address: string): { id: string }[] {
    const id = createHmac("sha256", this.#s.decoySecret).update(address).digest("base64url");
    return [{ id }];
  }

  async authenticationOptions(input: { email?: string | undefined }) {
    const d = this.#d;
    let userId: string | null = null;
    let allow: { id: string; transports?: string[] }[] | undefined;
    if (input.email !== undefined) {
      const address = tryNormaliseEmail(input.email);
      if (address === undefined) throw PasskeyErrors.PASSKEY_EMAIL_INVALID();
      const keys = await d.kv.transact(
        async (tx) => {
          const holder = (await addressHolders(tx.snapshot, address)).verified;
          if (!holder) return null;
          return { userId: holder.user_id, keys: await listPasskeys(tx.snapshot, holder.user_id) };
        },
        { name: "passkey.options_lookup" },
      );
      if (keys && keys.keys.length > 0) {
        userId = keys.userId;
        allow = keys.keys.map((k) => ({ id: k.credential_id, transports: k.transports }));
      } else {
        allow = this.#decoys(address);
      }
    }
    const challenge = await this.#newChallenge("authentication", userId);
    const options = await generateAuthenticationOptions({
      rpID: this.#s.rpId,
      challenge: Buffer.from(challenge, "base64url"),
      timeout: this.#s.challengeTtlMs,
      userVerification: "required",
      ...(allow ? { allowCredentials: allow } : {}),
    });
    return { options };
  }

  async #failed(meta: RequestMeta, userId: string | null, reason: string, tx?: Transaction) {
    const d = this.#d;
    const writes = auditWrites(d, meta, {
      event_type: "user_login_failed",
      user_id: userId,
      resource_type: "user",
      resource_id: userId,
      event_data: { method: "passkey", reason },
    });
    if (tx) applyMutations(tx, writes);
    else {
      await d.kv.transact(async (t) => applyMutations(t, writes), { name: "passkey.failed" });
    }
    d.metrics.authAttempts.inc({ type: "passkey", success: "false" });
  }

  async authenticationVerify(
    input: { credential: AuthenticationResponseJSON },
    meta: RequestMeta,
  ): Promise<PasskeySignIn> {
    const d = this.#d;
    const cred = input.credential;
    const c = await this.#consume("authentication", cred.response?.clientDataJSON);
    if (!c) {
      await this.#failed(meta, null, "challenge");
      throw PasskeyErrors.PASSKEY_SIGN_IN_FAILED();
    }
    const found = await d.kv.transact(
      async (tx) => {
        const ref = await findCredential(tx.snapshot, cred.id);
        if (!ref) return null;
        const key = await getPasskey(tx.snapshot, ref.user_id, ref.passkey_id);
        return key ?? null;
      },
      { name: "passkey.lookup" },
    );
    if (!found || (c.user_id !== null && c.user_id !== found.user_id)) {
      await this.#failed(meta, null, "unknown_credential");
      throw PasskeyErrors.PASSKEY_SIGN_IN_FAILED();
    }
    const userRule = d.settings.rules.loginFailuresPerAccount;
    const spentAt = d.clock.now();
    const budget = await d.kv.transact(
      (tx) => d.limiter.consumeIn(tx, userRule, `passkey:${found.user_id}`, spentAt),
      { name: "passkey.account_limit" },
    );
    if (!budget.allowed) {
      d.limiter.denied(userRule);
      throw rateLimitedError(budget, "Too many failed sign-in attempts; try again later");
    }
    let newCounter: number;
    try {
      const v = await verifyAuthenticationResponse({
        response: cred,
        expectedChallenge: c.challenge,
        expectedOrigin: this.#s.origins,
        expectedRPID: this.#s.rpId,
        // Counter 0 here: the regression check is ours (below), so that it can be audited.
        credential: {
          id: found.credential_id,
          publicKey: Buffer.from(found.public_key, "base64url"),
          counter: 0,
          transports: found.transports,
        },
        requireUserVerification: true,
      });
      if (!v.verified) throw new Error("not verified");
      newCounter = v.authenticationInfo.newCounter;
    } catch {
      await this.#failed(meta, found.user_id, "verification");
      throw PasskeyErrors.PASSKEY_SIGN_IN_FAILED();
    }
    const result = await d.kv.transact(
      async (tx) => {
        const key = await getPasskey(tx, found.user_id, found.id);
        const user = await getUser(tx, found.user_id);
        if (!key || !user) return { ok: false as const, reason: "unknown_credential" };
        if ((newCounter > 0 || key.counter > 0) && newCounter <= key.counter) {
          applyMutations(
            tx,
            auditWrites(d, meta, {
              event_type: "passkey_counter_regression",
              user_id: user.id,
              resource_type: "passkey",
              resource_id: key.id,
              event_data: { stored: String(key.counter), presented: String(newCounter) },
            }),
          );
          return { ok: false as const, reason: "counter_regression" };
        }
        applyMutations(
          tx,
          putPasskeyWrites({ ...key, counter: newCounter, last_used_at: d.clock.now() }),
        );
        const session = await this.#sessions.createIn(tx, user.id, "WEB", meta);
        d.limiter.refundIn(tx, userRule, `passkey:${found.user_id}`, spentAt);
        applyMutations(
          tx,
          auditWrites(d, meta, {
            event_type: "user_login",
            user_id: user.id,
            resource_type: "session",
            resource_id: session.record.id,
            event_data: { method: "passkey", passkey_id: key.id },
          }),
        );
        return { ok: true as const, user, session };
      },
      { name: "passkey.sign_in" },
    );
    if (!result.ok) {
      await this.#failed(meta, found.user_id, result.reason);
      throw PasskeyErrors.PASSKEY_SIGN_IN_FAILED();
    }
    d.metrics.authAttempts.inc({ type: "passkey", success: "true" });
    return { user: result.user, session: result.session };
  }

  // Management -----------------------------------------------------------------------------------

  async list(p: Principal): Promise<{ passkeys: PasskeyView[] }> {
    const keys = await this.#d.kv.transact((tx) => listPasskeys(tx.snapshot, p.userId), {
      name: "passkey.list",
    });
    return { passkeys: keys.map(passkeyView) };
  }

  async rename(
    p: Principal,
    id: string,
    name: string,
    meta: RequestMeta,
  ): Promise<{ passkey: PasskeyView }> {
    const d = this.#d;
    const trimmed = name.trim();
    if (trimmed.length === 0) throw PasskeyErrors.PASSKEY_NAME_INVALID();
    return d.kv.transact(
      async (tx) => {
        const key = await getPasskey(tx, p.userId, id);
        if (!key) throw PasskeyErrors.PASSKEY_NOT_FOUND();
        const next = { ...key, name: trimmed };
        applyMutations(tx, putPasskeyWrites(next));
        applyMutations(
          tx,
          auditWrites(d, meta, {
            event_type: "passkey_renamed",
            user_id: p.userId,
            resource_type: "passkey",
            resource_id: id,
            event_data: { name: trimmed, previous_name: key.name },
          }),
        );
        return { passkey: passkeyView(next) };
      },
      { name: "passkey.rename" },
    );
  }

  async remove(p: Principal, id: string, meta: RequestMeta): Promise<void> {
    const d = this.#d;
    await d.kv.transact(
      async (tx) => {
        const key = await getPasskey(tx, p.userId, id);
        if (!key) throw PasskeyErrors.PASSKEY_NOT_FOUND();
        applyMutations(tx, deletePasskeyWrites(key));
        applyMutations(
          tx,
          auditWrites(d, meta, {
            event_type: "passkey_removed",
            user_id: p.userId,
            resource_type: "passkey",
            resource_id: id,
            event_data: { name: key.name },
          }),
        );
      },
      { name: "passkey.delete" },
    );
  }
}

/** The writes deleting every passkey of `userId` (account deletion). */
export async function deleteUserPasskeysWrites(tx: Transaction, userId: string) {
  return (await listPasskeys(tx, userId)).flatMap(deletePasskeyWrites);
}
