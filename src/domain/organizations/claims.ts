/**
 * Create claims: the organization id allocated for a create that carried an Idempotency-Key,
 * kept 24 h per (user, key), so a retried create reaches the same organization actor (which then
 * answers from its own stored outcome). Expired claims are swept by a leader job.
 */
import type { Transaction } from "../../kv/types.ts";
import { idFromItem } from "../users/keys.ts";
import { CreateClaimCodec } from "./codecs.ts";
import { OrgKeys } from "./keys.ts";

/** How long a claim holds (ms); the runtime keeps idempotency outcomes as long. */
export const CREATE_CLAIM_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * The organization id claimed by (`userId`, `key`): the live claim's, or a new one from `newId`.
 * Reads the claim with a conflicting read, so two concurrent first attempts agree on one id.
 */
export async function claimOrgId(
  tx: Transaction,
  a: { userId: string; key: string; now: number; newId: () => string },
): Promise<string> {
  const claimKey = OrgKeys.createClaim(a.userId, a.key);
  const existing = await tx.get(claimKey);
  if (existing) {
    const claim = CreateClaimCodec.decode(existing);
    if (claim.expires_at > a.now) return claim.org_id;
    tx.clear(OrgKeys.createClaimExpiry(claim.expires_at, a.userId, a.key));
  }
  const claim = { org_id: a.newId(), expires_at: a.now + CREATE_CLAIM_TTL_MS };
  tx.set(claimKey, CreateClaimCodec.encode(claim));
  tx.set(OrgKeys.createClaimExpiry(claim.expires_at, a.userId, a.key), new Uint8Array(0));
  return claim.org_id;
}

/** Deletes up to `limit` claims expired at `now`, oldest first; returns how many. */
export async function sweepExpiredClaims(
  tx: Transaction,
  now: number,
  limit: number,
): Promise<number> {
  const space = OrgKeys.createClaimExpirySpace;
  const [begin] = space.range();
  const rows = await tx.getRange(begin, space.key(now + 1), { limit });
  for (const row of rows) {
    const [, userItem, key] = space.unpack(row.key);
    tx.clear(row.key);
    tx.clear(OrgKeys.createClaim(idFromItem(userItem), String(key)));
  }
  return rows.length;
}
