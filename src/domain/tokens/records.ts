/**
 * One-time secret tokens (docs/http-api.md#a5--session-credentials; docs/identity.md#flows): email verification (24 h) and password reset (1 h), and
 * any later kind (invitations, CLI codes) that wants the same rules. The client holds
 * `<id>.<secret>`; the store holds only SHA-256 of the secret (src/crypto/tokens.ts).
 *
 * Key layout under `Roots.token`:
 *
 *   ("t", tokenId)                         -> TokenRecord
 *   ("s", kind, subjectId, tokenId)        -> empty     tokens of one subject (email or user)
 *   ("x", expiresAtMs, tokenId)            -> empty     expiry index, for the cleanup job
 *
 * The subject is the email id for verification tokens and the user id for reset tokens.
 */
import { type ParsedCredential, parseCredential, secretMatches } from "../../crypto/tokens.ts";
import { defineCodec } from "../../kv/codec.ts";
import { Roots } from "../../kv/layout.ts";
import type { Mutation, ReadOps } from "../../kv/types.ts";
import { idFromItem, idItem } from "../users/keys.ts";

export type TokenKind = "email_verification" | "password_reset";

/** Lifetimes in milliseconds (docs/identity.md#flows). */
export const TOKEN_TTL_MS: Record<TokenKind, number> = {
  email_verification: 24 * 3600_000,
  password_reset: 3600_000,
};

export interface TokenRecord {
  id: string;
  kind: TokenKind;
  secret_hash: string;
  user_id: string;
  subject_id: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
  /**
   * Password reset only: the address the link was mailed to. Completing the reset proves control
   * of that mailbox, so a still-unverified address is marked verified (docs/adr/0010). Absent on
   * tokens written before the field existed, which then verify nothing.
   */
  email_id?: string;
}

export const TokenCodec = defineCodec<TokenRecord>({ name: "one_time_token", version: 1 });

export const TokenKeys = {
  token: Roots.token.sub("t"),
  bySubject: Roots.token.sub("s"),
  byExpiry: Roots.token.sub("x"),
} as const;

export async function getToken(tx: ReadOps, id: string): Promise<TokenRecord | undefined> {
  const bytes = await tx.get(TokenKeys.token.key(idItem(id)));
  return bytes ? TokenCodec.decode(bytes) : undefined;
}

/** Writes a token and its indexes. */
export function putTokenWrites(t: TokenRecord): Mutation[] {
  return [
    { op: "set", key: TokenKeys.token.key(idItem(t.id)), value: TokenCodec.encode(t) },
    {
      op: "set",
      key: TokenKeys.bySubject.key(t.kind, idItem(t.subject_id), idItem(t.id)),
      value: new Uint8Array(0),
    },
    {
      op: "set",
      key: TokenKeys.byExpiry.key(t.expires_at, idItem(t.id)),
      value: new Uint8Array(0),
    },
  ];
}

/** Removes a token and its indexes. */
export function deleteTokenWrites(t: TokenRecord): Mutation[] {
  return [
    { op: "clear", key: TokenKeys.token.key(idItem(t.id)) },
    { op: "clear", key: TokenKeys.bySubject.key(t.kind, idItem(t.subject_id), idItem(t.id)) },
    { op: "clear", key: TokenKeys.byExpiry.key(t.expires_at, idItem(t.id)) },
  ];
}

/** Every token of `kind` issued for `subjectId`, ascending id (= issue order). */
export async function listSubjectTokens(
  tx: ReadOps,
  kind: TokenKind,
  subjectId: string,
): Promise<TokenRecord[]> {
  const [begin, end] = TokenKeys.bySubject.range(kind, idItem(subjectId));
  const out: TokenRecord[] = [];
  for (const row of await tx.getRange(begin, end)) {
    const t = await getToken(tx, idFromItem(TokenKeys.bySubject.unpack(row.key)[2]));
    if (t) out.push(t);
  }
  return out;
}

export type TokenCheck =
  | { ok: true; token: TokenRecord; credential: ParsedCredential }
  | { ok: false; reason: "malformed" | "unknown" | "wrong_kind" | "mismatch" | "used" | "expired" };

/**
 * Looks up a presented `<id>.<secret>` and checks kind, secret (constant time), use and expiry at
 * `nowMs`. An expected negative, returned rather than thrown; callers answer every failure alike.
 */
export async function checkToken(
  tx: ReadOps,
  kind: TokenKind,
  presented: string,
  nowMs: number,
): Promise<TokenCheck> {
  const credential = parseCredential(presented);
  if (!credential) return { ok: false, reason: "malformed" };
  const token = await getToken(tx, credential.id);
  if (!token) return { ok: false, reason: "unknown" };
  if (token.kind !== kind) return { ok: false, reason: "wrong_kind" };
  if (!secretMatches(credential.secret, token.secret_hash))
    return { ok: false, reason: "mismatch" };
  if (token.used_at !== null) return { ok: false, reason: "used" };
  if (nowMs >= token.expires_at) return { ok: false, reason: "expired" };
  return { ok: true, token, credential };
}

/** Tokens whose expiry is before `nowMs`, oldest first, at most `limit` (for the cleanup job). */
export async function listExpiredTokens(
  tx: ReadOps,
  nowMs: number,
  limit: number,
): Promise<{ id: string; indexKey: Uint8Array }[]> {
  const [begin] = TokenKeys.byExpiry.range();
  const end = TokenKeys.byExpiry.key(nowMs);
  const rows = await tx.getRange(begin, end, { limit });
  return rows.map((r) => ({
    id: idFromItem(TokenKeys.byExpiry.unpack(r.key)[1]),
    indexKey: r.key,
  }));
}
