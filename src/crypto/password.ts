/**
 * Password hashing port and its Argon2id implementation (docs/identity.md#credentials): Argon2id v19, m=19456 KiB,
 * t=2, p=1, 32-byte output, random 16-byte salt, PHC strings. The work runs on libuv's thread pool
 * through `@node-rs/argon2`'s async functions, so the event loop stays free while a hash runs.
 *
 * Tests inject a cheaper parameter set (test/support/hasher.ts); PHC strings carry their own
 * parameters, so hashes made with either set verify with either hasher.
 */
import { hash, type Options, verify } from "@node-rs/argon2";

/** Hashes and verifies passwords. Implementations are safe to call concurrently. */
export interface PasswordHasher {
  /** A PHC string of `password` with a fresh random salt. Takes milliseconds; never blocks the loop. */
  hash(password: string): Promise<string>;
  /**
   * True when `password` matches `phc`. False (never a throw) when it does not match or `phc` is not
   * a parsable hash, so callers cannot tell the two apart from the outside.
   */
  verify(phc: string, password: string): Promise<boolean>;
}

/** Argon2id cost parameters (memory in KiB). */
export interface Argon2Params {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
  outputLen: number;
}

/** The production parameters of docs/identity.md#credentials. */
export const PRODUCTION_ARGON2: Argon2Params = {
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
  outputLen: 32,
};

/** `Algorithm.Argon2id` of @node-rs/argon2 (a const enum, unusable under isolatedModules). */
const ARGON2ID = 2 as NonNullable<Options["algorithm"]>;

export class Argon2Hasher implements PasswordHasher {
  readonly #options: Options;

  constructor(params: Argon2Params = PRODUCTION_ARGON2) {
    this.#options = { ...params, algorithm: ARGON2ID };
  }

  hash(password: string): Promise<string> {
    return hash(password, this.#options);
  }

  async verify(phc: string, password: string): Promise<boolean> {
    try {
      return await verify(phc, password);
    } catch {
      // An unparsable stored hash answers like a wrong password; the caller logs nothing secret.
      return false;
    }
  }
}
