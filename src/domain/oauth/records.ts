/**
 * Sign-in for the CLI and other native apps (issue 13, docs/cli-sign-in.md): authorization codes
 * (the JSON PKCE routes of the contract and OAuth 2.0's authorization code grant), device codes
 * (RFC 8628) and the refresh families of native-app sessions. Every secret is a `<id>.<secret>`
 * credential (src/crypto/tokens.ts) whose SHA-256 only is stored (A5).
 *
 * Key layout under `Roots.token`:
 *
 *   ("ac", code)               AuthCode       single use, 10 min
 *   ("dc", device)             DeviceCode     single use, 10 min
 *   ("du", user code)          device id      the user code's entry (normalised, no dash)
 *   ("nf", family)             NativeFamily   refresh family of a native-app session
 *   ("nr", token)              NativeRefresh  every refresh token of every family
 *   ("ox", expires_at, kind, id) empty        expiry index (the cleanup job)
 */
import { defineCodec } from "../../kv/codec.ts";
import { Roots } from "../../kv/layout.ts";
import type { Mutation, ReadOps } from "../../kv/types.ts";
import { idItem } from "../users/keys.ts";

export const CODE_TTL_MS = 600_000;
export const DEVICE_TTL_MS = 600_000;
/** Seconds a device client waits between polls (RFC 8628 §3.2); `slow_down` adds 5. */
export const DEVICE_INTERVAL_S = 5;
/** Lifetime of a native-app refresh token; each rotation starts it again. */
export const NATIVE_REFRESH_TTL_MS = 30 * 86_400_000;

export interface AuthCode {
  id: string;
  secret_hash: string;
  /** `cli`: the JSON route `POST /v1/auth/cli/authorize`; `oauth`: `GET /oauth/authorize`. */
  kind: "cli" | "oauth";
  user_id: string;
  /** The web session that approved; the code is worthless once it has ended. */
  session_id: string;
  client_id: string | null;
  redirect_uri: string | null;
  code_challenge: string;
  scope: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export interface DeviceCode {
  id: string;
  secret_hash: string;
  user_code: string;
  client_id: string;
  scope: string;
  created_at: number;
  expires_at: number;
  interval_s: number;
  last_poll_at: number | null;
  status: "pending" | "approved" | "denied" | "used";
  user_id: string | null;
}

export interface NativeFamily {
  id: string;
  user_id: string;
  client_id: string;
  scope: string;
  /** The session the family's current access token is. */
  session_id: string;
  current_token_id: string;
  created_at: number;
  expires_at: number;
  revoked_at: number | null;
}

export interface NativeRefresh {
  id: string;
  family_id: string;
  secret_hash: string;
  expires_at: number;
  used_at: number | null;
}

export const AuthCodeCodec = defineCodec<AuthCode>({ name: "auth_code", version: 1 });
export const DeviceCodeCodec = defineCodec<DeviceCode>({ name: "device_code", version: 1 });
export const NativeFamilyCodec = defineCodec<NativeFamily>({ name: "native_family", version: 1 });
export const NativeRefreshCodec = defineCodec<NativeRefresh>({
  name: "native_refresh",
  version: 1,
});

const t = Roots.token;
const EMPTY = new Uint8Array(0);

export const OAuthKeys = {
  code: (id: string) => t.key("ac", idItem(id)),
  device: (id: string) => t.key("dc", idItem(id)),
  userCode: (code: string) => t.key("du", code),
  family: (id: string) => t.key("nf", idItem(id)),
  refresh: (id: string) => t.key("nr", idItem(id)),
  expiry: (expiresAt: number, kind: string, id: string) => t.key("ox", expiresAt, kind, idItem(id)),
  expirySpace: t.sub("ox"),
} as const;

const put = <T>(key: Uint8Array, codec: { encode(v: T): Uint8Array }, v: T): Mutation => ({
  op: "set",
  key,
  value: codec.encode(v),
});

export function putCodeWrites(c: AuthCode, fresh = false): Mutation[] {
  const out = [put(OAuthKeys.code(c.id), AuthCodeCodec, c)];
  if (fresh) out.push({ op: "set", key: OAuthKeys.expiry(c.expires_at, "ac", c.id), value: EMPTY });
  return out;
}

export function putDeviceWrites(d: DeviceCode, fresh = false): Mutation[] {
  const out = [put(OAuthKeys.device(d.id), DeviceCodeCodec, d)];
  if (fresh) {
    out.push({
      op: "set",
      key: OAuthKeys.userCode(d.user_code),
      value: new TextEncoder().encode(d.id),
    });
    out.push({ op: "set", key: OAuthKeys.expiry(d.expires_at, "dc", d.id), value: EMPTY });
  }
  return out;
}

export function putFamilyWrites(f: NativeFamily, previous?: NativeFamily): Mutation[] {
  const out = [put(OAuthKeys.family(f.id), NativeFamilyCodec, f)];
  if (previous && previous.expires_at !== f.expires_at) {
    out.push({ op: "clear", key: OAuthKeys.expiry(previous.expires_at, "nf", f.id) });
  }
  if (!previous || previous.expires_at !== f.expires_at) {
    out.push({ op: "set", key: OAuthKeys.expiry(f.expires_at, "nf", f.id), value: EMPTY });
  }
  return out;
}

export function putRefreshWrites(r: NativeRefresh): Mutation[] {
  return [
    put(OAuthKeys.refresh(r.id), NativeRefreshCodec, r),
    { op: "set", key: OAuthKeys.expiry(r.expires_at, "nr", r.id), value: EMPTY },
  ];
}

/** The record key an expiry-index entry of `kind` stands for. */
export function expiredRecordKey(kind: string, id: string): Uint8Array | undefined {
  if (kind === "ac") return OAuthKeys.code(id);
  if (kind === "dc") return OAuthKeys.device(id);
  if (kind === "nf") return OAuthKeys.family(id);
  if (kind === "nr") return OAuthKeys.refresh(id);
  return undefined;
}

async function read<T>(tx: ReadOps, key: Uint8Array, codec: { decode(b: Uint8Array): T }) {
  const raw = await tx.get(key);
  return raw ? codec.decode(raw) : undefined;
}

export const getCode = (tx: ReadOps, id: string) => read(tx, OAuthKeys.code(id), AuthCodeCodec);
export const getDevice = (tx: ReadOps, id: string) =>
  read(tx, OAuthKeys.device(id), DeviceCodeCodec);
export const getFamily = (tx: ReadOps, id: string) =>
  read(tx, OAuthKeys.family(id), NativeFamilyCodec);
export const getRefresh = (tx: ReadOps, id: string) =>
  read(tx, OAuthKeys.refresh(id), NativeRefreshCodec);

export async function deviceByUserCode(tx: ReadOps, userCode: string) {
  const raw = await tx.get(OAuthKeys.userCode(userCode));
  return raw ? getDevice(tx, new TextDecoder().decode(raw)) : undefined;
}

/** User codes: 8 letters of an alphabet without vowels or look-alikes (RFC 8628 §6.1). */
export const USER_CODE_ALPHABET = "BCDFGHJKLMNPQRSTVWXZ";

/** A typed user code, normalised: upper case, dashes and spaces dropped; null when malformed. */
export function normaliseUserCode(raw: string): string | null {
  const s = raw.toUpperCase().replace(/[\s-]/g, "");
  if (s.length !== 8) return null;
  for (const ch of s) if (!USER_CODE_ALPHABET.includes(ch)) return null;
  return s;
}

/** `BCDF-GHJK` as shown to people. */
export const displayUserCode = (code: string) => `${code.slice(0, 4)}-${code.slice(4)}`;
