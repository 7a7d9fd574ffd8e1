/**
 * Signing keys of vault tokens (docs/tokens.md#signing-key): the newest (highest certificate id)
 * non-revoked certificate of the organization whose key is in the JWKS index, optionally among
 * one client's certificates only (`client_id` of api.md §6.15), read in one snapshot; and the
 * EdDSA JWT signed with it.
 *
 * A certificate's seed is opened with the certificate sealer (current secret, then the previous
 * ones) the first time the key signs, then kept as a node `KeyObject` in a bounded in-process
 * cache keyed by kid and envelope (a re-sealed certificate gets a new entry). Whether the key may
 * still sign is not the cache's business: every issuing turn re-reads the key's JWKS entry with
 * `ctx.read` (409 NO_SIGNING_KEY when it was withdrawn).
 */
import { createPrivateKey, sign as cryptoSign, type KeyObject } from "node:crypto";
import type { Sealer } from "../../crypto/envelope.ts";
import { CertificateCodec } from "../../domain/clients/codecs.ts";
import { JwksKeys, readJwks } from "../../domain/clients/jwks.ts";
import { ClientRanges } from "../../domain/clients/keys.ts";
import type { Certificate } from "../../domain/clients/types.ts";
import { MarkMemo, unionMark } from "../../kv/mark-memo.ts";
import type { KvStore } from "../../kv/types.ts";

const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64url");

export const KID = /^org-(\d{1,20})-client-(\d{1,20})-cert-(\d{1,20})$/;

/** Keys kept open at most (one per certificate in use; each is ~100 bytes of key material). */
const CACHE_MAX = 1024;
/** `newest` answers kept per change mark (one per organization and client asked about). */
const NEWEST_KEPT = 4096;
/** What `newest` reads: the JWKS index and the certificates, of every organization. */
const NEWEST_SCOPES = [JwksKeys.space.prefix, ClientRanges.certificateSpace.prefix];

export interface SigningKey {
  kid: string;
  certificate: Certificate;
  key: KeyObject;
}

export interface AccessClaims {
  iss: string;
  aud: string;
  sub: string;
  org_id: string;
  vault_id: string;
  vault_role: string;
  scope: string;
  jti: string;
  iat: number;
  exp: number;
}

export class SigningKeys {
  readonly #kv: KvStore;
  readonly #sealer: Sealer;
  readonly #cache = new Map<string, { sealed: string; key: KeyObject }>();
  /**
   * `newest` answers, kept while nothing committed under the JWKS index or the certificates of
   * any organization (the larger of those two scoped change marks, taken before the read): a
   * certificate created, revoked, deleted or withdrawn anywhere ends them all, so the next token
   * is signed with the newest key at once. Token issues write neither (15 µs a token saved).
   */
  readonly #newest = new MarkMemo<Certificate | null>(NEWEST_KEPT);

  constructor(kv: KvStore, sealer: Sealer) {
    this.#kv = kv;
    this.#sealer = sealer;
  }

  /** The newest published certificate of `orgId` (of `clientId` only, when given), or null. */
  async newest(orgId: string, clientId?: string): Promise<Certificate | null> {
    const mark = unionMark(this.#kv, NEWEST_SCOPES);
    const key = `${orgId}/${clientId ?? ""}`;
    const kept = this.#newest.get(mark, key);
    if (kept !== undefined) return kept;
    const cert = await this.#read(orgId, clientId);
    this.#newest.set(mark, key, cert);
    return cert;
  }

  async #read(orgId: string, clientId?: string): Promise<Certificate | null> {
    return this.#kv.transact(
      async (tx) => {
        let best: Certificate | null = null;
        for (const jwk of await readJwks(tx.snapshot, JwksKeys.org(orgId))) {
          const m = KID.exec(jwk.kid);
          if (!m || m[1] !== orgId) continue;
          if (clientId !== undefined && m[2] !== clientId) continue;
          const raw = await tx.snapshot.get(ClientRanges.certificate(orgId, m[2]!, m[3]!));
          if (!raw) continue;
          const cert = CertificateCodec.decode(raw);
          if (cert.revoked_at !== null || cert.kid !== jwk.kid) continue;
          if (best === null || BigInt(cert.id) > BigInt(best.id)) best = cert;
        }
        return best;
      },
      { name: "tokens.signingKey" },
    );
  }

  /** The private key of `cert`, opened once and cached. */
  keyOf(cert: Certificate): KeyObject {
    const hit = this.#cache.get(cert.kid);
    if (hit && hit.sealed === cert.sealed_private_key) return hit.key;
    const seed = Buffer.from(this.#sealer.open(cert.sealed_private_key), "base64");
    try {
      const key = createPrivateKey({
        format: "jwk",
        key: {
          kty: "OKP",
          crv: "Ed25519",
          d: seed.toString("base64url"),
          x: Buffer.from(cert.public_key, "base64").toString("base64url"),
        },
      });
      if (this.#cache.size >= CACHE_MAX) {
        const oldest = this.#cache.keys().next().value;
        if (oldest !== undefined) this.#cache.delete(oldest);
      }
      this.#cache.set(cert.kid, { sealed: cert.sealed_private_key, key });
      return key;
    } finally {
      seed.fill(0);
    }
  }

  /**
   * Signs an access token (header `{alg: EdDSA, typ: JWT, kid}`, A10 claims) with node:crypto
   * directly: jose signs through WebCrypto, which measured 0.17 of a bare Ed25519 signature here
   * (docs/performance.md#tokens); the compact JWS is three base64url parts (RFC 7515 §7.1).
   */
  sign(cert: Certificate, claims: AccessClaims): string {
    const header = b64(JSON.stringify({ alg: "EdDSA", typ: "JWT", kid: cert.kid }));
    const payload = b64(
      JSON.stringify({
        iss: claims.iss,
        aud: claims.aud,
        sub: claims.sub,
        org_id: claims.org_id,
        vault_id: claims.vault_id,
        vault_role: claims.vault_role,
        scope: claims.scope,
        jti: claims.jti,
        iat: claims.iat,
        exp: claims.exp,
      }),
    );
    const input = `${header}.${payload}`;
    const signature = cryptoSign(null, Buffer.from(input), this.keyOf(cert));
    return `${input}.${signature.toString("base64url")}`;
  }
}
