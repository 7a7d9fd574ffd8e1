/**
 * The credentials of this service towards the InferaDB engine: every engine call carries
 * `authorization: Bearer <jwt>`, a short-lived EdDSA (Ed25519) JWT signed here.
 *
 * Header `{alg: "EdDSA", typ: "JWT", kid}`; claims `iss`, `sub`, `aud` (one string), `iat`, `exp`
 * (`exp - iat` = `ttlSeconds`, default 60) and a random `jti`. Time comes from the injected Clock.
 * A token is reused until less than half of its lifetime is left, so a busy sync loop signs about
 * one token per 30 s rather than one per call.
 *
 * Key management is not done here: src/engine/service-key.ts loads the node's key (file or
 * ephemeral, with its `kid`) and publishes it for the JWKS the engine reads,
 * `{management}/internal/management-jwks.json` (docs/engine-invalidation.md). The caller hands the
 * Ed25519 private key and its `kid` to the constructor; `generateServiceKey()` makes a pair.
 */
import { randomUUID } from "node:crypto";
import { exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";
import type { Clock } from "../lib/clock.ts";

/** The port the engine client asks for its bearer token on every call. */
export interface ServiceTokenSigner {
  /** A valid JWT for the engine (fresh or reused while more than half its lifetime is left). */
  token(): Promise<string>;
}

/** What jose's `SignJWT.sign` accepts as an Ed25519 private key (a CryptoKey or a KeyObject). */
export type Ed25519PrivateKey = Parameters<SignJWT["sign"]>[0];

export interface Ed25519SignerOptions {
  /** The Ed25519 private key (CryptoKey or node KeyObject); its public half is what the engine trusts. */
  privateKey: Ed25519PrivateKey;
  /** Key id sent in the header; the engine finds the public key by it. */
  kid: string;
  /** `iss`: this service (default `auth.jwt_issuer` is a good choice, given by the caller). */
  issuer: string;
  /** `sub`: who inside this service is calling (e.g. `inferadb-management`). */
  subject: string;
  /** `aud`: the engine. */
  audience: string;
  clock: Clock;
  /** Token lifetime in seconds (default 60, at least 2). */
  ttlSeconds?: number;
}

export const DEFAULT_SERVICE_TOKEN_TTL_S = 60;

export class Ed25519ServiceTokenSigner implements ServiceTokenSigner {
  readonly #opts: Ed25519SignerOptions;
  readonly #ttl: number;
  #current: { jwt: string; iat: number } | undefined;
  #pending: Promise<string> | undefined;

  constructor(opts: Ed25519SignerOptions) {
    const ttl = opts.ttlSeconds ?? DEFAULT_SERVICE_TOKEN_TTL_S;
    if (!Number.isInteger(ttl) || ttl < 2)
      throw new RangeError("ttlSeconds must be an integer >= 2");
    if (opts.kid === "") throw new RangeError("kid must not be empty");
    this.#opts = opts;
    this.#ttl = ttl;
  }

  async token(): Promise<string> {
    const now = Math.floor(this.#opts.clock.now() / 1000);
    const cur = this.#current;
    // Reuse while at least half the lifetime is left (and the clock did not step backwards).
    if (cur && now >= cur.iat && now - cur.iat < this.#ttl / 2) return cur.jwt;
    if (this.#pending) return this.#pending;
    this.#pending = this.#sign(now).finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  async #sign(iat: number): Promise<string> {
    const o = this.#opts;
    const jwt = await new SignJWT({})
      .setProtectedHeader({ alg: "EdDSA", typ: "JWT", kid: o.kid })
      .setIssuer(o.issuer)
      .setSubject(o.subject)
      .setAudience(o.audience)
      .setIssuedAt(iat)
      .setExpirationTime(iat + this.#ttl)
      .setJti(randomUUID())
      .sign(o.privateKey);
    this.#current = { jwt, iat };
    return jwt;
  }
}

/** An ephemeral Ed25519 key pair (development and tests); `publicJwk` is what a JWKS would list. */
export async function generateServiceKey(kid: string): Promise<{
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: JWK;
}> {
  const { privateKey, publicKey } = await generateKeyPair("EdDSA", { crv: "Ed25519" });
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: "EdDSA", use: "sig" };
  return { privateKey, publicKey, publicJwk };
}
