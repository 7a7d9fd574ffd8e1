/**
 * A fingerprint of the cluster secret, stored in each node's registry record so that nodes can
 * tell they do not share one (docs/cluster.md, "Secret"): HMAC-SHA256 of a fixed label keyed by
 * the secret, cut to 16 hex digits. It reveals nothing usable about a strong secret; `none` for a
 * node without a secret.
 */
import { createHmac } from "node:crypto";

export const NO_SECRET_TAG = "none";

export function secretTag(secret: string | undefined): string {
  if (secret === undefined || secret === "") return NO_SECRET_TAG;
  return createHmac("sha256", secret)
    .update("inferadb-cluster-secret-tag")
    .digest("hex")
    .slice(0, 16);
}
