/**
 * Envelope encryption of small secrets at rest (the scheme of docs/http-api.md#a10--tokens): AES-256-GCM under a key
 * derived by HKDF-SHA-256 from `auth.key_encryption_secret`, one derived key per purpose (`info`),
 * a fresh 96-bit IV per value, and a versioned text envelope `v1.<iv>.<ciphertext+tag>`
 * (base64url), so the key derivation can change later without ambiguity.
 *
 * Rotation: `createSealer(current, purpose, previous)` seals under `current` only and opens an
 * envelope under `current` or any of `previous` (`auth.previous_key_encryption_secrets`, newest
 * first; AES-GCM's tag tells a wrong key from the right one). To rotate, move the old secret into
 * that list and set the new one; old envelopes keep opening, new ones are sealed under the new
 * secret, and once nothing sealed under an old secret remains it can leave the list.
 *
 * ```ts
 * const box = createSealer(config.auth.key_encryption_secret, "outbox-mail");
 * const sealed = box.seal(JSON.stringify(body)); // store this
 * const body = JSON.parse(box.open(sealed));      // throws on tampering or a wrong key
 * ```
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

const VERSION = "v1";
const SALT = "inferadb-management/envelope/v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface Sealer {
  /** Encrypts `plaintext` (UTF-8) into a `v1.…` envelope. */
  seal(plaintext: string): string;
  /** Decrypts an envelope; throws when it is malformed, tampered with or sealed under another key. */
  open(envelope: string): string;
}

function deriveKey(secret: string, purpose: string): Buffer {
  if (Buffer.byteLength(secret, "utf8") < 32) {
    throw new RangeError("key encryption secret must be at least 32 bytes");
  }
  return Buffer.from(hkdfSync("sha256", secret, SALT, `inferadb/${purpose}`, 32));
}

/**
 * A sealer for one purpose. `secret` (and each of `previous`) must be at least 32 bytes (the
 * config loader enforces it). Seals under `secret`; opens under `secret` or any of `previous`.
 */
export function createSealer(
  secret: string,
  purpose: string,
  previous: readonly string[] = [],
): Sealer {
  const key = deriveKey(secret, purpose);
  const older = previous.map((s) => deriveKey(s, purpose));
  const current = sealerOf(key);
  if (older.length === 0) return current;
  const fallbacks = older.map(sealerOf);
  return {
    seal: current.seal,
    open(envelope) {
      try {
        return current.open(envelope);
      } catch (e) {
        for (const old of fallbacks) {
          try {
            return old.open(envelope);
          } catch {
            // not this one
          }
        }
        throw e;
      }
    },
  };
}

function sealerOf(key: Buffer): Sealer {
  return {
    seal(plaintext) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
      const sealed = Buffer.concat([body, cipher.getAuthTag()]);
      return `${VERSION}.${iv.toString("base64url")}.${sealed.toString("base64url")}`;
    },
    open(envelope) {
      const [version, ivText, sealedText] = envelope.split(".");
      if (version !== VERSION || ivText === undefined || sealedText === undefined) {
        throw new RangeError("not a v1 envelope");
      }
      const iv = Buffer.from(ivText, "base64url");
      const sealed = Buffer.from(sealedText, "base64url");
      if (iv.length !== IV_BYTES || sealed.length < TAG_BYTES) throw new RangeError("bad envelope");
      const decipher = createDecipheriv("aes-256-gcm", key, iv);
      decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
      const body = sealed.subarray(0, sealed.length - TAG_BYTES);
      return Buffer.concat([decipher.update(body), decipher.final()]).toString("utf8");
    },
  };
}
