/**
 * Key layout of users and their email addresses, under `Roots.user`:
 *
 *   ("u", userId)              -> UserRecord
 *   ("e", emailId)             -> EmailRecord
 *   ("a", lowercased address)  -> emailId (UTF-8)            unique index of addresses
 *   ("ue", userId, emailId)    -> empty                        a user's addresses, ascending id
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
