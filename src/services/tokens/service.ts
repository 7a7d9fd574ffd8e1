/**
 * Vault tokens for users (issue 11 item 4, docs/tokens.md; A10). `issueForUser` answers an EdDSA
 * JWT for one vault, signed by the newest active certificate key of the organization that is
 * published in the JWKS index (src/domain/clients/jwks.ts), so the engine can always verify it:
 *
 * 1. TTL bounds (400 TOKEN_TTL_INVALID) before anything is read.
 * 2. The signing key: one snapshot read of the organization's JWKS index and the certificates it
 *    names; the newest non-revoked one (highest Snowflake id) wins; its sealed seed is opened with
 *    the certificate sealer (current secret, then the previous ones).
 * 3. One vault-actor turn (`tokens.authorize`) decides against committed data: membership, vault
 *    live, not suspended, a grant, the requested role at most the effective role, and the key
 *    still published (re-validated at commit); it writes `vault_token_issued` in that commit.
 * 4. The JWT is signed here after the commit; the seed is zeroed.
 *
 * No refresh token yet (item 6).
 */
import { createPrivateKey, randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import type { Sealer } from "../../crypto/envelope.ts";
import { CertificateCodec } from "../../domain/clients/codecs.ts";
import { JwksKeys, readJwks } from "../../domain/clients/jwks.ts";
import { ClientRanges } from "../../domain/clients/keys.ts";
import type { Certificate } from "../../domain/clients/types.ts";
import { TokenErrors } from "../../domain/tokens/errors.ts";
import { ACCESS_TTL, scopeOf, tokenRoleOf, vaultRoleOf } from "../../domain/tokens/scopes.ts";
import type { CallOptions, Principal } from "../context.ts";
import type { ServiceDeps } from "../deps.ts";
import { askVault } from "../vaults/ask.ts";
import type { VaultTokenInput } from "./inputs.ts";

const KID = /^org-(\d+)-client-(\d+)-cert-(\d+)$/;

export interface TokenSettings {
  issuer: string;
  audience: string;
}

export interface VaultTokenReply {
  access_token: string;
  token_type: "Bearer";
  expires_in: number;
  expires_at: string;
  vault_id: string;
  vault_role: string;
}

export class TokenService {
  readonly #d: ServiceDeps;
  readonly #keys: Sealer;
  readonly #s: TokenSettings;

  /** `keys` opens certificate private keys (the certificate sealer, previous secrets included). */
  constructor(deps: ServiceDeps, keys: Sealer, settings: TokenSettings) {
    this.#d = deps;
    this.#keys = keys;
    this.#s = settings;
  }

  /** The newest non-revoked certificate of `orgId` whose key is in the JWKS index, if any. */
  async #signingCertificate(orgId: string): Promise<Certificate | null> {
    return this.#d.kv.transact(
      async (tx) => {
        let best: Certificate | null = null;
        for (const jwk of await readJwks(tx.snapshot, JwksKeys.org(orgId))) {
          const m = KID.exec(jwk.kid);
          if (!m || m[1] !== orgId) continue;
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

  async issueForUser(
    p: Principal,
    orgId: string,
    vaultId: string,
    input: VaultTokenInput,
    opts: CallOptions,
  ): Promise<VaultTokenReply> {
    const ttl = input.access_token_ttl ?? ACCESS_TTL.default;
    if (!Number.isInteger(ttl) || ttl < ACCESS_TTL.min || ttl > ACCESS_TTL.max) {
      throw TokenErrors.TOKEN_TTL_INVALID(undefined, {
        details: [{ field: "access_token_ttl", message: "must be 60..86400 seconds" }],
      });
    }
    const role = input.requested_role ?? "read";
    const cert = await this.#signingCertificate(orgId);
    const seed = cert ? Buffer.from(this.#keys.open(cert.sealed_private_key), "base64") : null;
    try {
      const iat = Math.floor(this.#d.clock.now() / 1000);
      const exp = iat + ttl;
      const jti = randomUUID();
      await askVault(
        this.#d,
        p,
        vaultId,
        "tokens.authorize",
        { orgId, role: vaultRoleOf(role), kid: cert?.kid ?? null, jti, expiresAt: exp * 1000 },
        { meta: opts.meta },
      );
      if (!cert || !seed) throw TokenErrors.NO_SIGNING_KEY();
      const key = createPrivateKey({
        format: "jwk",
        key: {
          kty: "OKP",
          crv: "Ed25519",
          d: seed.toString("base64url"),
          x: Buffer.from(cert.public_key, "base64").toString("base64url"),
        },
      });
      const token = await new SignJWT({
        org_id: orgId,
        vault_id: vaultId,
        vault_role: role,
        scope: scopeOf(role),
      })
        .setProtectedHeader({ alg: "EdDSA", typ: "JWT", kid: cert.kid })
        .setIssuer(this.#s.issuer)
        .setAudience(this.#s.audience)
        .setSubject(`user:${p.userId}`)
        .setJti(jti)
        .setIssuedAt(iat)
        .setExpirationTime(exp)
        .sign(key);
      return {
        access_token: token,
        token_type: "Bearer",
        expires_in: ttl,
        expires_at: new Date(exp * 1000).toISOString(),
        vault_id: vaultId,
        vault_role: tokenRoleOf(vaultRoleOf(role)),
      };
    } finally {
      seed?.fill(0);
    }
  }
}
