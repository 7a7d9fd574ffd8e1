/**
 * Email addresses of users: codec, reads and pure write builders (see src/domain/users/keys.ts).
 * An address has at most one **verified** holder, through the unique `("a", address)` index, and
 * any number of accounts holding it **unverified** (`("au", address, emailId)`): an unverified
 * address grants and reserves nothing (docs/adr/0010). The first account to verify it keeps it and
 * every unverified holder is detached in the same transaction. Transactions that add or verify an
 * address read `("a", address)` and the `("au", address)` range first (conflicting reads), so a
 * verification and a concurrent addition or verification of the same address serialise.
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

/**
 * The verified holder of `address` (already normalised), read through the unique index. Rows
 * written before unverified addresses moved to their own index may point at an unverified or
 * deleted record; those count as no verified holder.
 */
export async function findEmailByAddress(
  tx: ReadOps,
  address: string,
): Promise<EmailRecord | undefined> {
  const e = await indexedEmail(tx, address);
  return e && e.verified_at !== null ? e : undefined;
}

async function indexedEmail(tx: ReadOps, address: string): Promise<EmailRecord | undefined> {
  const id = await tx.get(UserKeys.address.key(address));
  const e = id ? await getEmail(tx, fromUtf8.decode(id)) : undefined;
  return e && e.email === address ? e : undefined;
}

export interface AddressHolders {
  verified: EmailRecord | undefined;
  /** Records holding the address unverified, ascending id (oldest first). */
  unverified: EmailRecord[];
}

/** Every account's record of `address`: its verified holder and its unverified holders. */
export async function addressHolders(tx: ReadOps, address: string): Promise<AddressHolders> {
  const indexed = await indexedEmail(tx, address);
  const verified = indexed && indexed.verified_at !== null ? indexed : undefined;
  const unverified: EmailRecord[] = [];
  if (indexed && indexed.verified_at === null) unverified.push(indexed); // an older row
  const [begin, end] = UserKeys.unverifiedHolders.range(address);
  for (const row of await tx.getRange(begin, end)) {
    const id = idFromItem(UserKeys.unverifiedHolders.unpack(row.key)[1]);
    if (id === indexed?.id) continue;
    const e = await getEmail(tx, id);
    if (e && e.email === address && e.verified_at === null) unverified.push(e);
  }
  unverified.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  return { verified, unverified };
}

/**
 * Accounts detached from `address` (someone else verified it) that had no address left: they
 * still sign in with it and their password.
 */
export async function detachedSignIns(tx: ReadOps, address: string): Promise<string[]> {
  const [begin, end] = UserKeys.detachedSignIns.range(address);
  return (await tx.getRange(begin, end)).map((r) =>
    idFromItem(UserKeys.detachedSignIns.unpack(r.key)[1]),
  );
}

/** The addresses `userId` was detached from with nothing left (see `detachedSignIns`). */
export async function detachedSignInsOf(tx: ReadOps, userId: string): Promise<string[]> {
  const [begin, end] = UserKeys.userDetachedSignIns.range(idItem(userId));
  return (await tx.getRange(begin, end)).map((r) =>
    String(UserKeys.userDetachedSignIns.unpack(r.key)[1]),
  );
}

/** Keeps `address` as a sign-in name of `userId`, who holds no address any more. */
export function putDetachedSignInWrites(address: string, userId: string): Mutation[] {
  const empty = new Uint8Array(0);
  return [
    { op: "set", key: UserKeys.detachedSignIns.key(address, idItem(userId)), value: empty },
    { op: "set", key: UserKeys.userDetachedSignIns.key(idItem(userId), address), value: empty },
  ];
}

export function deleteDetachedSignInWrites(address: string, userId: string): Mutation[] {
  return [
    { op: "clear", key: UserKeys.detachedSignIns.key(address, idItem(userId)) },
    { op: "clear", key: UserKeys.userDetachedSignIns.key(idItem(userId), address) },
  ];
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

/**
 * Creates or replaces an address with its indexes: a verified one in the unique index, an
 * unverified one among the address's unverified holders.
 */
export function putEmailWrites(email: EmailRecord): Mutation[] {
  const holder = UserKeys.unverifiedHolders.key(email.email, idItem(email.id));
  return [
    { op: "set", key: UserKeys.email.key(idItem(email.id)), value: EmailCodec.encode(email) },
    email.verified_at !== null
      ? { op: "set", key: UserKeys.address.key(email.email), value: utf8.encode(email.id) }
      : { op: "set", key: holder, value: new Uint8Array(0) },
    ...(email.verified_at !== null ? [{ op: "clear", key: holder } as const] : []),
    {
      op: "set",
      key: UserKeys.userEmails.key(idItem(email.user_id), idItem(email.id)),
      value: new Uint8Array(0),
    },
  ];
}

/**
 * Removes an address and its indexes. A verified address becomes available again; an unverified
 * one leaves the unique index alone (it may name another account's verified record).
 */
export function deleteEmailWrites(email: EmailRecord): Mutation[] {
  return [
    { op: "clear", key: UserKeys.email.key(idItem(email.id)) },
    ...(email.verified_at !== null
      ? [{ op: "clear", key: UserKeys.address.key(email.email) } as const]
      : []),
    { op: "clear", key: UserKeys.unverifiedHolders.key(email.email, idItem(email.id)) },
    { op: "clear", key: UserKeys.userEmails.key(idItem(email.user_id), idItem(email.id)) },
  ];
}
