/**
 * Email addresses of users: codec, reads and pure write builders. Addresses are globally unique
 * through the `("a", address)` index (see src/domain/users/keys.ts); a transaction that creates an
 * address reads that index key first (a conflicting read), so of two concurrent claims of one
 * address exactly one commits and the other retries and sees it taken.
 */
import { defineCodec } from "../../kv/codec.ts";
import type { Mutation, ReadOps } from "../../kv/types.ts";
import { idFromItem, idItem, UserKeys } from "../users/keys.ts";

export interface EmailRecord {
  id: string;
  user_id: string;
  /** Trimmed, lower-cased address. */
  email: string;
  primary: boolean;
  verified_at: number | null;
  created_at: number;
}

export const EmailCodec = defineCodec<EmailRecord>({
  name: "user_email",
  version: 1,
  validate: (v) => {
    const e = v as Partial<EmailRecord>;
    if (typeof e.id !== "string" || typeof e.email !== "string") throw new Error("bad email");
  },
});

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

export async function getEmail(tx: ReadOps, emailId: string): Promise<EmailRecord | undefined> {
  const bytes = await tx.get(UserKeys.email.key(idItem(emailId)));
  return bytes ? EmailCodec.decode(bytes) : undefined;
}

/** The record owning `address` (already normalised), read through the unique index. */
export async function findEmailByAddress(
  tx: ReadOps,
  address: string,
): Promise<EmailRecord | undefined> {
  const id = await tx.get(UserKeys.address.key(address));
  return id ? getEmail(tx, fromUtf8.decode(id)) : undefined;
}

/** A user's addresses in ascending id order. */
export async function listUserEmails(tx: ReadOps, userId: string): Promise<EmailRecord[]> {
  const [begin, end] = UserKeys.userEmails.range(idItem(userId));
  const rows = await tx.getRange(begin, end);
  const out: EmailRecord[] = [];
  for (const row of rows) {
    const emailId = idFromItem(UserKeys.userEmails.unpack(row.key)[1]);
    const email = await getEmail(tx, emailId);
    if (email) out.push(email);
  }
  return out;
}

/** Creates or replaces an address with its two indexes. */
export function putEmailWrites(email: EmailRecord): Mutation[] {
  return [
    { op: "set", key: UserKeys.email.key(idItem(email.id)), value: EmailCodec.encode(email) },
    { op: "set", key: UserKeys.address.key(email.email), value: utf8.encode(email.id) },
    {
      op: "set",
      key: UserKeys.userEmails.key(idItem(email.user_id), idItem(email.id)),
      value: new Uint8Array(0),
    },
  ];
}

/** Removes an address and its indexes; the address becomes available again. */
export function deleteEmailWrites(email: EmailRecord): Mutation[] {
  return [
    { op: "clear", key: UserKeys.email.key(idItem(email.id)) },
    { op: "clear", key: UserKeys.address.key(email.email) },
    { op: "clear", key: UserKeys.userEmails.key(idItem(email.user_id), idItem(email.id)) },
  ];
}
