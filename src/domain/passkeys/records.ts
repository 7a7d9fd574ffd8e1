/**
 * Passkeys (WebAuthn credentials, A14; docs/passkeys.md) and the challenges of their ceremonies.
 *
 * Key layout:
 *
 *   Roots.user  ("pk", user, passkey)         Passkey        a user's credential (public key only)
 *   Roots.user  ("pc", sha256(credential id))  CredentialRef  the credential id → its owner (unique)
 *   Roots.token ("wa", sha256(challenge))      Challenge      one ceremony in flight (single use)
 *   Roots.token ("wx", expires_at, hash)        empty          expiry index (the cleanup job)
 *
 * Credential ids (up to 1,023 bytes) and challenges are keyed by their SHA-256, so keys stay
 * short and a challenge is never stored in clear.
 */
import { createHash } from "node:crypto";
import { defineCodec } from "../../kv/codec.ts";
import { Roots } from "../../kv/layout.ts";
import type { Mutation, ReadOps } from "../../kv/types.ts";
import { requireStrings } from "../organizations/codecs.ts";
import { idItem } from "../users/keys.ts";

/** At most this many passkeys per user (A14). */
export const MAX_PASSKEYS = 20;

export interface Passkey {
  id: string;
  user_id: string;
  name: string;
  /** base64url credential id, as the authenticator gave it. */
  credential_id: string;
  /** base64url COSE public key. */
  public_key: string;
  /** The authenticator's signature counter at its last use (0 for authenticators without one). */
  counter: number;
  transports: string[];
  device_type: "singleDevice" | "multiDevice";
  backed_up: boolean;
  aaguid: string;
  created_at: number;
  last_used_at: number | null;
}

export interface CredentialRef {
  user_id: string;
  passkey_id: string;
}

export type CeremonyKind = "registration" | "authentication";

export interface Challenge {
  kind: CeremonyKind;
  /** The challenge itself (base64url), compared against the client data's. */
  challenge: string;
  /** Registration: the enrolling user; authentication: the user named by email, or null. */
  user_id: string | null;
  expires_at: number;
}

export const PasskeyCodec = defineCodec<Passkey>({
  name: "passkey",
  version: 1,
  validate: requireStrings("passkey", ["id", "user_id", "credential_id", "public_key"]),
});
export const CredentialRefCodec = defineCodec<CredentialRef>({
  name: "passkey_credential",
  version: 1,
  validate: requireStrings("passkey_credential", ["user_id", "passkey_id"]),
});
export const ChallengeCodec = defineCodec<Challenge>({
  name: "webauthn_challenge",
  version: 1,
  validate: requireStrings("webauthn_challenge", ["kind", "challenge"]),
});

const sha = (s: string) => createHash("sha256").update(s, "utf8").digest("base64url");
const EMPTY = new Uint8Array(0);

export const PasskeyKeys = {
  passkey: (userId: string, id: string) => Roots.user.key("pk", idItem(userId), idItem(id)),
  userPasskeys: (userId: string) => Roots.user.range("pk", idItem(userId)),
  credential: (credentialId: string) => Roots.user.key("pc", sha(credentialId)),
  challenge: (challenge: string) => Roots.token.key("wa", sha(challenge)),
  challengeExpiry: (expiresAt: number, challenge: string) =>
    Roots.token.key("wx", expiresAt, sha(challenge)),
  challengeExpirySpace: Roots.token.sub("wx"),
  challengeByHash: (hash: string) => Roots.token.key("wa", hash),
} as const;

export async function listPasskeys(tx: ReadOps, userId: string): Promise<Passkey[]> {
  const [b, e] = PasskeyKeys.userPasskeys(userId);
  return (await tx.getRange(b, e)).map((r) => PasskeyCodec.decode(r.value));
}

export async function getPasskey(
  tx: ReadOps,
  userId: string,
  id: string,
): Promise<Passkey | undefined> {
  const raw = await tx.get(PasskeyKeys.passkey(userId, id));
  return raw ? PasskeyCodec.decode(raw) : undefined;
}

export async function findCredential(
  tx: ReadOps,
  credentialId: string,
): Promise<CredentialRef | undefined> {
  const raw = await tx.get(PasskeyKeys.credential(credentialId));
  return raw ? CredentialRefCodec.decode(raw) : undefined;
}

export function putPasskeyWrites(p: Passkey): Mutation[] {
  return [
    { op: "set", key: PasskeyKeys.passkey(p.user_id, p.id), value: PasskeyCodec.encode(p) },
    {
      op: "set",
      key: PasskeyKeys.credential(p.credential_id),
      value: CredentialRefCodec.encode({ user_id: p.user_id, passkey_id: p.id }),
    },
  ];
}

export function deletePasskeyWrites(p: Passkey): Mutation[] {
  return [
    { op: "clear", key: PasskeyKeys.passkey(p.user_id, p.id) },
    { op: "clear", key: PasskeyKeys.credential(p.credential_id) },
  ];
}

export function putChallengeWrites(c: Challenge): Mutation[] {
  return [
    { op: "set", key: PasskeyKeys.challenge(c.challenge), value: ChallengeCodec.encode(c) },
    { op: "set", key: PasskeyKeys.challengeExpiry(c.expires_at, c.challenge), value: EMPTY },
  ];
}

export function deleteChallengeWrites(c: Challenge): Mutation[] {
  return [
    { op: "clear", key: PasskeyKeys.challenge(c.challenge) },
    { op: "clear", key: PasskeyKeys.challengeExpiry(c.expires_at, c.challenge) },
  ];
}

/** Expired challenges, oldest first (for the cleanup job): their expiry keys and hashes. */
export async function listExpiredChallenges(
  tx: ReadOps,
  nowMs: number,
  limit: number,
): Promise<{ indexKey: Uint8Array; hash: string }[]> {
  const space = PasskeyKeys.challengeExpirySpace;
  const [begin] = space.range();
  const rows = await tx.getRange(begin, space.key(nowMs), { limit });
  return rows.map((r) => ({ indexKey: r.key, hash: String(space.unpack(r.key)[1]) }));
}

/** The passkey as the API shows it: never key material. */
export function passkeyView(p: Passkey) {
  return {
    id: p.id,
    name: p.name,
    created_at: new Date(p.created_at).toISOString(),
    last_used_at: p.last_used_at === null ? null : new Date(p.last_used_at).toISOString(),
    transports: p.transports,
    backed_up: p.backed_up,
    device_type: p.device_type,
  };
}
export type PasskeyView = ReturnType<typeof passkeyView>;
