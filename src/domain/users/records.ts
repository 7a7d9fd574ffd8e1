/**
 * The user record: codec, reads and pure write builders (`Mutation[]`), so the same code serves a
 * plain transaction and an actor turn. Times are milliseconds since the epoch.
 */
import { defineCodec } from "../../kv/codec.ts";
import type { Mutation, ReadOps } from "../../kv/types.ts";
import { idItem, UserKeys } from "./keys.ts";

export interface UserRecord {
  id: string;
  /** Display name, stored trimmed (1..100 UTF-8 bytes). */
  name: string;
  /** Argon2id PHC string; null for accounts without a password (passkeys only). */
  password_hash: string | null;
  created_at: number;
  tos_accepted_at: number | null;
  /** Bumped on every password change; lets callers detect a change that raced with them. */
  password_changed_at: number | null;
}

export const UserCodec = defineCodec<UserRecord>({
  name: "user",
  version: 1,
  validate: (v) => {
    const u = v as Partial<UserRecord>;
    if (typeof u.id !== "string" || typeof u.name !== "string") throw new Error("bad user");
  },
});

export async function getUser(tx: ReadOps, userId: string): Promise<UserRecord | undefined> {
  const bytes = await tx.get(UserKeys.user.key(idItem(userId)));
  return bytes ? UserCodec.decode(bytes) : undefined;
}

/** Creates or replaces the user record. */
export function putUserWrites(user: UserRecord): Mutation[] {
  return [{ op: "set", key: UserKeys.user.key(idItem(user.id)), value: UserCodec.encode(user) }];
}

/** Removes the user record (emails, sessions and tokens are removed by their own builders). */
export function deleteUserWrites(userId: string): Mutation[] {
  return [{ op: "clear", key: UserKeys.user.key(idItem(userId)) }];
}
