/**
 * Versioned value codec. Every persisted value carries its format version: two bytes big-endian
 * version, then UTF-8 JSON. Decoding migrates older versions forward step by step; a version newer
 * than this code knows is refused with a typed error (`KV_FUTURE_VERSION`), never guessed at.
 *
 * ```ts
 * const UserCodec = defineCodec<User>({ name: "user", version: 2, migrations: { 1: (v1) => ({...v1, x: 0}) } });
 * tx.set(key, UserCodec.encode(user));
 * const user = UserCodec.decode(bytes);
 * ```
 *
 * `migrations[n]` turns a version-n value into version n+1. Bigints are not allowed in values:
 * ids are decimal strings (docs/http-api.md#a1--ids).
 */
import { AppError } from "../lib/errors.ts";

const enc = new TextEncoder();
const dec = new TextDecoder("utf-8", { fatal: true });

export interface Codec<T> {
  readonly name: string;
  readonly version: number;
  encode(value: T): Uint8Array;
  decode(bytes: Uint8Array): T;
}

export interface CodecSpec {
  /** Used in error messages and logs. */
  name: string;
  /** Current version, 1..65535. */
  version: number;
  /** `migrations[n]` upgrades a decoded version-n value to version n+1. */
  migrations?: Record<number, (old: unknown) => unknown>;
  /** Optional structural check of the decoded (migrated) value; throw to refuse it. */
  validate?: (value: unknown) => void;
}

export function futureVersionError(name: string, found: number, known: number): AppError {
  return new AppError(
    "KV_FUTURE_VERSION",
    "internal",
    `stored ${name} has format version ${found}; this build knows up to ${known}`,
    { public: false, meta: { name, found, known } },
  );
}

export function corruptValueError(name: string, cause?: unknown): AppError {
  return new AppError("KV_CORRUPT_VALUE", "internal", `stored ${name} value is not decodable`, {
    public: false,
    cause,
  });
}

export function defineCodec<T>(spec: CodecSpec): Codec<T> {
  if (!Number.isInteger(spec.version) || spec.version < 1 || spec.version > 0xffff) {
    throw new RangeError(`codec ${spec.name}: version must be 1..65535`);
  }
  return {
    name: spec.name,
    version: spec.version,
    encode(value: T): Uint8Array {
      const body = enc.encode(JSON.stringify(value));
      const out = new Uint8Array(body.length + 2);
      out[0] = spec.version >> 8;
      out[1] = spec.version & 0xff;
      out.set(body, 2);
      return out;
    },
    decode(bytes: Uint8Array): T {
      if (bytes.length < 2) throw corruptValueError(spec.name);
      const version = (bytes[0]! << 8) | bytes[1]!;
      if (version > spec.version) throw futureVersionError(spec.name, version, spec.version);
      let value: unknown;
      try {
        // Versions below 128 are two ASCII bytes: decoding them with the body and cutting the
        // string is cheaper than a subarray view (the hot path of every record read).
        value = JSON.parse(
          version < 0x80 ? dec.decode(bytes).slice(2) : dec.decode(bytes.subarray(2)),
        );
      } catch (e) {
        throw corruptValueError(spec.name, e);
      }
      for (let v = version; v < spec.version; v++) {
        const step = spec.migrations?.[v];
        if (!step) throw corruptValueError(spec.name, new Error(`no migration from version ${v}`));
        try {
          value = step(value);
        } catch (e) {
          throw corruptValueError(spec.name, e);
        }
      }
      if (spec.validate) {
        try {
          spec.validate(value);
        } catch (e) {
          throw corruptValueError(spec.name, e);
        }
      }
      return value as T;
    },
  };
}
