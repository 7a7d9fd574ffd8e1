/**
 * Leader job `native-signin-cleanup` (docs/cli-sign-in.md), fenced and batched: deletes
 * authorization codes, device codes (with their user-code entry), native refresh families and
 * refresh tokens past their expiry, oldest first. A family that rotated has moved in the index,
 * so only its stale entry goes.
 */
import { fencedBatchJob } from "../../cluster/fenced-job.ts";
import type { LeaderJob } from "../../cluster/jobs-types.ts";
import {
  DeviceCodeCodec,
  expiredRecordKey,
  NativeFamilyCodec,
  OAuthKeys,
} from "../../domain/oauth/records.ts";
import { idFromItem } from "../../domain/users/keys.ts";
import { CLEANUP_BATCH } from "../sessions/jobs.ts";

export function nativeSigninCleanupJob(intervalMs = 300_000): LeaderJob {
  return fencedBatchJob({
    name: "native-signin-cleanup",
    intervalMs,
    async batch(tx, ctx) {
      const space = OAuthKeys.expirySpace;
      const [begin] = space.range();
      const rows = await tx.getRange(begin, space.key(ctx.clock.now()), { limit: CLEANUP_BATCH });
      for (const { key } of rows) {
        const [at, kind, item] = space.unpack(key);
        tx.clear(key);
        const id = idFromItem(item);
        const recordKey = expiredRecordKey(String(kind), id);
        if (!recordKey) continue;
        const raw = await tx.get(recordKey);
        if (!raw) continue;
        if (kind === "nf" && NativeFamilyCodec.decode(raw).expires_at !== Number(at)) continue;
        if (kind === "dc") {
          // The entry may name a newer device that took the code after this one expired.
          const entry = OAuthKeys.userCode(DeviceCodeCodec.decode(raw).user_code);
          const holder = await tx.get(entry);
          if (holder && new TextDecoder().decode(holder) === id) tx.clear(entry);
        }
        tx.clear(recordKey);
      }
      return { more: rows.length === CLEANUP_BATCH };
    },
  });
}
