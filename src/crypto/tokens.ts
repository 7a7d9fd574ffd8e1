/**
 * Opaque credentials (docs/http-api.md#a5--session-credentials): `<id>.<secret>`, where `id` is a snowflake (decimal) used to look
 * the record up and `secret` is 32 random bytes in base64url (256 bits). Only SHA-256 of the secret
 * is stored; presented secrets are compared with `crypto.timingSafeEqual`.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { isId } from "../lib/ids.ts";

/** Bytes of randomness in a secret (256 bits; at least 128: docs/http-api.md#a5--session-credentials). */
export const SECRET_BYTES = 32;
/** Length of a base64url secret of SECRET_BYTES bytes. */
const SECRET_CHARS = Math.ceil((SECRET_BYTES * 4) / 3);
const SECRET_PATTERN = /^[A-Za-z0-9_-]+$/;

export interface IssuedCredential {
  /** What the client receives: `<id>.<secret>`. */
  token: string;
  /** What is stored: SHA-256 of the secret, base64url. */
  secretHash: string;
}

/** A presented credential split into its parts (not yet verified). */
export interface ParsedCredential {
  id: string;
  secret: string;
}

/** Creates a credential for record `id`. */
export function issueCredential(id: string): IssuedCredential {
  const secret = randomBytes(SECRET_BYTES).toString("base64url");
  return { token: `${id}.${secret}`, secretHash: hashSecret(secret) };
}

/** SHA-256 of a secret, base64url (the stored form). */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("base64url");
}

/**
 * Splits `<id>.<secret>`; undefined when the shape is wrong (not a canonical id, not base64url, or
 * a secret of the wrong length). Cheap enough to run before any KV read.
 */
export function parseCredential(token: unknown): ParsedCredential | undefined {
  if (typeof token !== "string" || token.length > 128) return undefined;
  const dot = token.indexOf(".");
  if (dot <= 0) return undefined;
  const id = token.slice(0, dot);
  const secret = token.slice(dot + 1);
  if (!isId(id) || secret.length !== SECRET_CHARS || !SECRET_PATTERN.test(secret)) {
    return undefined;
  }
  return { id, secret };
}

/** Constant-time check of a presented secret against the stored hash. */
export function secretMatches(secret: string, storedHash: string): boolean {
  // The raw digest (SHA-256 of the UTF-8 secret, as `hashSecret`) without a base64url round trip:
  // this runs on every authenticated request.
  const a = Bun.SHA256.hash(secret) as Uint8Array;
  const b = Buffer.from(storedHash, "base64url");
  return a.length === b.length && timingSafeEqual(a, b);
}
