/**
 * A fast but real password hasher for tests: Argon2id through the same library as production,
 * with the smallest sensible cost (64 KiB, 1 pass). Hashes are genuine PHC strings; a wrong
 * password never verifies.
 */
import { Argon2Hasher } from "../../src/crypto/password.ts";

export const TEST_ARGON2 = { memoryCost: 64, timeCost: 1, parallelism: 1, outputLen: 32 };

export const fastHasher = new Argon2Hasher(TEST_ARGON2);
