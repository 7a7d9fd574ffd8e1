/**
 * Invitation claims: what an invitation create that carried an Idempotency-Key prepared (its id,
 * one-time token and mail), kept 24 h per (user, key), so a retry sends the organization actor
 * the very same message and gets the first outcome back from the actor's stored outcomes, instead
 * of minting a second token (docs/organizations.md#idempotency). The prepared message holds the
 * token, so it is stored sealed (src/crypto/envelope.ts); `fingerprint` is of what the client sent
 * (address, role), so the same key with another body is refused as reused.
 */
import { defineCodec } from "../../kv/codec.ts";
import type { ReadOps, Transaction } from "../../kv/types.ts";
import { CREATE_CLAIM_TTL_MS } from "../organizations/claims.ts";
import { requireStrings } from "../organizations/codecs.ts";
import { OrgKeys } from "../organizations/keys.ts";
import { idFromItem } from "../users/keys.ts";

export interface InvitationClaim {
  /** SHA-256 (hex) of the client's input. */
  fingerprint: string;
  /** The prepared message, JSON, sealed. */
  sealed: string;
  expires_at: number;
}

export const InvitationClaimCodec = defineCodec<InvitationClaim>({
  name: "org_invitation_claim",
  version: 1,
  validate: requireStrings("org_invitation_claim", ["fingerprint", "sealed"]),
});

/** The live claim of (`userId`, `key`), or undefined (a snapshot read: a retry's fast path). */
export async function liveInvitationClaim(
  tx: ReadOps,
  userId: string,
  key: string,
  now: number,
): Promise<InvitationClaim | undefined> {
  const raw = await tx.get(OrgKeys.invitationClaim(userId, key));
  const claim = raw ? InvitationClaimCodec.decode(raw) : undefined;
  return claim && claim.expires_at > now ? claim : undefined;
}

/**
 * The live claim of (`userId`, `key`), or a new one holding `prepare()`'s sealed message. Reads
 * the claim with a conflicting read, so two concurrent first attempts agree on one message.
 */
export async function claimInvitation(
  tx: Transaction,
  a: { userId: string; key: string; now: number; fingerprint: string; prepare: () => string },
): Promise<InvitationClaim> {
  const claimKey = OrgKeys.invitationClaim(a.userId, a.key);
  const existing = await tx.get(claimKey);
  if (existing) {
    const claim = InvitationClaimCodec.decode(existing);
    if (claim.expires_at > a.now) return claim;
    tx.clear(OrgKeys.invitationClaimExpiry(claim.expires_at, a.userId, a.key));
  }
  const claim: InvitationClaim = {
    fingerprint: a.fingerprint,
    sealed: a.prepare(),
    expires_at: a.now + CREATE_CLAIM_TTL_MS,
  };
  tx.set(claimKey, InvitationClaimCodec.encode(claim));
  tx.set(OrgKeys.invitationClaimExpiry(claim.expires_at, a.userId, a.key), new Uint8Array(0));
  return claim;
}

/** Deletes up to `limit` invitation claims expired at `now`, oldest first; returns how many. */
export async function sweepExpiredInvitationClaims(
  tx: Transaction,
  now: number,
  limit: number,
): Promise<number> {
  const space = OrgKeys.invitationClaimExpirySpace;
  const [begin] = space.range();
  const rows = await tx.getRange(begin, space.key(now + 1), { limit });
  for (const row of rows) {
    const [, userItem, key] = space.unpack(row.key);
    tx.clear(row.key);
    tx.clear(OrgKeys.invitationClaim(idFromItem(userItem), String(key)));
  }
  return rows.length;
}
