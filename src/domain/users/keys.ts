/**
 * Key layout of users and their email addresses, under `Roots.user`:
 *
 *   ("u", userId)              -> UserRecord
 *   ("e", emailId)             -> EmailRecord
 *   ("a", address)             -> emailId (UTF-8)            the address's verified holder (unique)
 *   ("au", address, emailId)   -> empty                        accounts holding it unverified (many)
 *   ("ad", address, userId)    -> empty                        accounts detached from it with no
 *                                                              address left: still sign in with it
 *   ("ud", userId, address)    -> empty                        the same, by user (for deletion)
 *   ("ue", userId, emailId)    -> empty                        a user's addresses, ascending id
 *   ("do", userId)             -> orgId (UTF-8)                default organization still to create
 *
 * Ids are stored in keys as tuple integers (`idItem`), so they sort numerically whatever their
 * number of digits; they are decimal strings everywhere else (docs/http-api.md#a1--ids).
 */
import { Roots } from "../../kv/layout.ts";

export const UserKeys = {
  user: Roots.user.sub("u"),
  email: Roots.user.sub("e"),
  address: Roots.user.sub("a"),
  userEmails: Roots.user.sub("ue"),
  unverifiedHolders: Roots.user.sub("au"),
  detachedSignIns: Roots.user.sub("ad"),
  userDetachedSignIns: Roots.user.sub("ud"),
  pendingDefaultOrg: Roots.user.sub("do"),
} as const;

/** A decimal id as a tuple item that sorts numerically. */
export function idItem(id: string): bigint {
  return BigInt(id);
}

/** The decimal string form of an id read back from a key. */
export function idFromItem(item: unknown): string {
  if (typeof item === "number" || typeof item === "bigint") return item.toString();
  throw new RangeError("key element is not an id");
}
