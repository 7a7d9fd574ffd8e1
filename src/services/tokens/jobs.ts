/**
 * Leader job `refresh-cleanup` (docs/tokens.md#cleanup), fenced and batched: deletes refresh
 * families whose current token has expired (with every token of the family) and client-assertion
 * `jti` records past their window, oldest first, at most `CLEANUP_BATCH` of each per transaction.
 * A family rotated meanwhile has moved in the expiry index, so only a stale index entry goes.
 */
import { fencedBatchJob } from "../../cluster/fenced-job.ts";
import type { LeaderJob } from "../../cluster/jobs-types.ts";
import { FamilyKeys, RefreshFamilyCodec } from "../../domain/tokens/families.ts";
import { idFromItem } from "../../domain/users/keys.ts";
import type { Transaction } from "../../kv/types.ts";
import { CLEANUP_BATCH } from "../sessions/jobs.ts";

async function dropFamilies(tx: Transaction, now: number, limit: number): Promise<number> {
  const space = FamilyKeys.expirySpace;
  const [begin] = space.range();
  const rows = await tx.getRange(begin, space.key(now), { limit });
  for (const { key } of rows) {
    const [expiresAt, vaultItem, familyItem] = space.unpack(key);
    const vaultId = idFromItem(vaultItem);
    const familyId = idFromItem(familyItem);
    tx.clear(key);
    const raw = await tx.get(FamilyKeys.family(vaultId, familyId));
    if (!raw) continue;
    const family = RefreshFamilyCodec.decode(raw);
    if (family.expires_at !== Number(expiresAt)) continue;
    tx.clear(FamilyKeys.family(vaultId, familyId));
    const [tb, te] = FamilyKeys.familyTokens(familyId);
    for (const t of await tx.getRange(tb, te)) {
      const tokenId = idFromItem(FamilyKeys.familyTokenSpace.unpack(t.key)[1]);
      tx.clear(FamilyKeys.token(tokenId));
    }
    tx.clearRange(tb, te);
  }
  return rows.length;
}

async function dropJtis(tx: Transaction, now: number, limit: number): Promise<number> {
  const space = FamilyKeys.jtiExpirySpace;
  const [begin] = space.range();
  const rows = await tx.getRange(begin, space.key(now), { limit });
  for (const { key } of rows) {
    const [, orgItem, clientItem, jti] = space.unpack(key);
    tx.clear(key);
    tx.clear(FamilyKeys.jti(idFromItem(orgItem), idFromItem(clientItem), String(jti)));
  }
  return rows.length;
}

export function refreshCleanupJob(intervalMs = 300_000): LeaderJob {
  return fencedBatchJob({
    name: "refresh-cleanup",
    intervalMs,
    async batch(tx, ctx) {
      const now = ctx.clock.now();
      const families = await dropFamilies(tx, now, CLEANUP_BATCH);
      const jtis = await dropJtis(tx, now, CLEANUP_BATCH);
      return { more: families === CLEANUP_BATCH || jtis === CLEANUP_BATCH };
    },
  });
}
