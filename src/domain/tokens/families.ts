/**
 * Refresh-token families (issue 11 item 6, docs/tokens.md#refresh-families; A5, A9, A10).
 *
 * A family is born with a vault token (a user's, bound to the session that asked, or a client's,
 * bound to the client and the certificate whose assertion it presented). Each refresh rotates it:
 * the presented token is marked used and a new one (new id, new secret) becomes the family's
 * current token. Presenting a token that is not the current one (already used) revokes the whole
 * family and writes `refresh_token_reused`. The client holds `<token_id>.<secret>`
 * (src/crypto/tokens.ts); the store holds SHA-256 of the secret only.
 *
 * Key layout under `Roots.vault` (outside the vault actor's ("v", vault) range, so the actor's
 * memory does not grow with its families; every read is a `ctx.read`, re-validated at commit):
 *
 *   ("rf", vault, family)            RefreshFamily     one per issued vault token with refresh
 *   ("rt", token)                    RefreshTokenRecord  every token of every family, by id
 *   ("rtf", family, token)           empty             the tokens of a family (cleanup)
 *   ("rfx", expiresAt, vault, family) empty            expiry index (the `token-cleanup` job)
 *
 * and under `Roots.client`, the client-assertion `jti` records (single use, A10):
 *
 *   ("jti", org, client, jti)        JtiRecord         used until `expires_at`
 *   ("jtx", expiresAt, org, client, jti) empty         expiry index (the `token-cleanup` job)
 */
import { defineCodec } from "../../kv/codec.ts";
import { Roots } from "../../kv/layout.ts";
import type { Mutation } from "../../kv/types.ts";
import { requireStrings } from "../organizations/codecs.ts";
import { idItem } from "../users/keys.ts";
import type { TokenRole } from "./scopes.ts";

/** Refresh TTL bounds (A10) and defaults per binding (seconds). */
export const REFRESH_TTL = {
  min: 300,
  max: 90 * 86_400,
  defaultSession: 3_600,
  defaultClient: 7 * 86_400,
} as const;

/** How long an assertion's `jti` stays recorded after its `exp`: the accepted clock skew. */
export const ASSERTION_SKEW_S = 60;

export type RefreshBinding =
  | { kind: "session"; session_id: string; user_id: string }
  | { kind: "client"; client_id: string; cert_id: string };

export interface RefreshFamily {
  id: string;
  org_id: string;
  vault_id: string;
  /** `user:<id>` or `client:<id>`, the `sub` of every access token the family issues. */
  subject: string;
  binding: RefreshBinding;
  role: TokenRole;
  /** Lifetime of each refresh token the family issues (ms); every rotation starts it again. */
  refresh_ttl_ms: number;
  /** Access TTL (s) a refresh gives when it asks for none. */
  access_ttl_s: number;
  created_at: number;
  /** The one token of the family that may be presented; the others are used. */
  current_token_id: string;
  /** When the current token expires (ms); the family is dead afterwards. */
  expires_at: number;
  rotations: number;
  revoked_at: number | null;
  revoked_reason: string | null;
}

export interface RefreshTokenRecord {
  id: string;
  family_id: string;
  vault_id: string;
  org_id: string;
  secret_hash: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export interface JtiRecord {
  jti: string;
  org_id: string;
  client_id: string;
  expires_at: number;
}

export const RefreshFamilyCodec = defineCodec<RefreshFamily>({
  name: "refresh_family",
  version: 1,
  validate: requireStrings("refresh_family", ["id", "org_id", "vault_id", "subject"]),
});

export const RefreshTokenCodec = defineCodec<RefreshTokenRecord>({
  name: "refresh_token",
  version: 1,
  validate: requireStrings("refresh_token", ["id", "family_id", "vault_id", "secret_hash"]),
});

export const JtiCodec = defineCodec<JtiRecord>({
  name: "assertion_jti",
  version: 1,
  validate: requireStrings("assertion_jti", ["jti", "org_id", "client_id"]),
});

const EMPTY = new Uint8Array(0);
const v = Roots.vault;
const c = Roots.client;

export const FamilyKeys = {
  family: (vaultId: string, familyId: string) => v.key("rf", idItem(vaultId), idItem(familyId)),
  families: (vaultId: string) => v.range("rf", idItem(vaultId)),
  token: (tokenId: string) => v.key("rt", idItem(tokenId)),
  familyToken: (familyId: string, tokenId: string) =>
    v.key("rtf", idItem(familyId), idItem(tokenId)),
  familyTokens: (familyId: string) => v.range("rtf", idItem(familyId)),
  familyTokenSpace: v.sub("rtf"),
  expiry: (expiresAt: number, vaultId: string, familyId: string) =>
    v.key("rfx", expiresAt, idItem(vaultId), idItem(familyId)),
  expirySpace: v.sub("rfx"),
  jti: (orgId: string, clientId: string, jti: string) =>
    c.key("jti", idItem(orgId), idItem(clientId), jti),
  jtiExpiry: (expiresAt: number, orgId: string, clientId: string, jti: string) =>
    c.key("jtx", expiresAt, idItem(orgId), idItem(clientId), jti),
  jtiExpirySpace: c.sub("jtx"),
} as const;

/** The family record and its expiry index entry (a family moves in the index on rotation). */
export function putFamilyWrites(f: RefreshFamily, previous?: RefreshFamily): Mutation[] {
  const out: Mutation[] = [
    { op: "set", key: FamilyKeys.family(f.vault_id, f.id), value: RefreshFamilyCodec.encode(f) },
  ];
  if (previous && previous.expires_at !== f.expires_at) {
    out.push({ op: "clear", key: FamilyKeys.expiry(previous.expires_at, f.vault_id, f.id) });
  }
  if (!previous || previous.expires_at !== f.expires_at) {
    out.push({ op: "set", key: FamilyKeys.expiry(f.expires_at, f.vault_id, f.id), value: EMPTY });
  }
  return out;
}

export function putTokenWrites(t: RefreshTokenRecord): Mutation[] {
  return [
    { op: "set", key: FamilyKeys.token(t.id), value: RefreshTokenCodec.encode(t) },
    { op: "set", key: FamilyKeys.familyToken(t.family_id, t.id), value: EMPTY },
  ];
}

/** Revokes a family (idempotent: an already revoked family is left as it is). */
export function revokeFamilyWrites(f: RefreshFamily, now: number, reason: string): Mutation[] {
  if (f.revoked_at !== null) return [];
  return putFamilyWrites({ ...f, revoked_at: now, revoked_reason: reason }, f);
}

/** Records an assertion's `jti` as used until `expiresAt` (ms). */
export function putJtiWrites(r: JtiRecord): Mutation[] {
  return [
    {
      op: "set",
      key: FamilyKeys.jti(r.org_id, r.client_id, r.jti),
      value: JtiCodec.encode(r),
    },
    {
      op: "set",
      key: FamilyKeys.jtiExpiry(r.expires_at, r.org_id, r.client_id, r.jti),
      value: EMPTY,
    },
  ];
}

/** Does `family` stand for `subject` (for the revocations of A9)? */
export function familyOf(f: RefreshFamily, who: { user?: string; client?: string }): boolean {
  if (who.user !== undefined) return f.subject === `user:${who.user}`;
  if (who.client !== undefined) return f.subject === `client:${who.client}`;
  return true;
}
