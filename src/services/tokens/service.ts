/**
 * Vault tokens (issue 11 items 4-6, docs/tokens.md; A10): EdDSA JWTs for one vault, signed by the
 * newest published certificate key of the organization (./signing.ts), each born with a refresh
 * family (src/domain/tokens/families.ts) that rotates on every use.
 *
 * - `issueForUser` (`POST …/vaults/{vault}/tokens`, session): TTL bounds first (400), then one
 *   vault-actor turn (`tokens.authorize`) decides against committed data (membership, vault,
 *   suspension, grant, role, the key still published) and starts the session-bound family.
 * - `exchangeAssertion` (`POST /v1/token`): the client's RFC 7523 assertion is verified here
 *   (./assertion.ts), the per-client rate limit spent (A7), then `tokens.authorizeClient` records
 *   the `jti` and starts the client-bound family in the vault's turn.
 * - `refresh` (`POST /v1/tokens/refresh`): the token's record names its vault; the vault turn
 *   `tokens.refresh` rotates it or, for a used token, revokes the family.
 * - `revokeVault` (`POST /v1/tokens/revoke/vault/{vault}`, vault ADMIN).
 *
 * Every JWT is signed after the commit that authorized it. Secrets of refresh tokens are made
 * here and only their SHA-256 reaches the actor and the store.
 */
import { randomUUID } from "node:crypto";
import type { Sealer } from "../../crypto/envelope.ts";
import { hashSecret, issueCredential, parseCredential } from "../../crypto/tokens.ts";
import { clientExists } from "../../domain/clients/keys.ts";
import { OrgErrors } from "../../domain/organizations/errors.ts";
import type { RateLimitRule } from "../../domain/ratelimit/counters.ts";
import { rateLimitedError } from "../../domain/ratelimit/limiter.ts";
import { TokenErrors } from "../../domain/tokens/errors.ts";
import {
  ASSERTION_SKEW_S,
  FamilyKeys,
  REFRESH_TTL,
  RefreshTokenCodec,
} from "../../domain/tokens/families.ts";
import type { NewRefresh } from "../../domain/tokens/ops.ts";
import {
  ACCESS_TTL,
  scopeOf,
  TOKEN_ROLES,
  type TokenRole,
  tokenRoleOf,
  vaultRoleOf,
} from "../../domain/tokens/scopes.ts";
import { VaultCodec } from "../../domain/vaults/codecs.ts";
import { VaultErrors } from "../../domain/vaults/errors.ts";
import { VaultKeys } from "../../domain/vaults/keys.ts";
import { isAppError } from "../../lib/errors.ts";
import { isId } from "../../lib/ids.ts";
import type { CallOptions, Principal, RequestMeta } from "../context.ts";
import type { ServiceDeps } from "../deps.ts";
import { askVault, vaultActors } from "../vaults/ask.ts";
import { ASSERTION_TYPE, verifyAssertion } from "./assertion.ts";
import type { ClientTokenForm, RefreshTokenInput, VaultTokenInput } from "./inputs.ts";
import { SigningKeys } from "./signing.ts";

export interface TokenSettings {
  issuer: string;
  audience: string;
  /** `aud` a client assertion must carry (`auth.client_assertion_audience`). */
  assertionAudience: string;
  /** `POST /v1/token` per client (A7). */
  perClient: RateLimitRule;
}

interface AccessPart {
  access_token: string;
  token_type: "Bearer";
  expires_in: number;
  expires_at: string;
  vault_id: string;
  vault_role: TokenRole;
  scope: string;
}

export interface VaultTokenReply extends AccessPart {
  refresh_token: string;
  refresh_expires_in: number;
}

export interface ClientTokenReply extends VaultTokenReply {
  /** The per-client budget left (X-RateLimit-* headers). */
  rate: { limit: number; remaining: number; resetSec: number };
}

const SYSTEM = { principal: { system: true } } as const;

function ttlOrThrow(
  value: number | undefined,
  fallback: number,
  bounds: { min: number; max: number },
  field: string,
  error: typeof TokenErrors.TOKEN_TTL_INVALID,
): number {
  const ttl = value ?? fallback;
  if (!Number.isSafeInteger(ttl) || ttl < bounds.min || ttl > bounds.max) {
    throw error(undefined, {
      details: [{ field, message: `must be ${bounds.min}..${bounds.max} seconds` }],
    });
  }
  return ttl;
}

const accessTtl = (v: number | undefined, fallback: number = ACCESS_TTL.default) =>
  ttlOrThrow(v, fallback, ACCESS_TTL, "access_token_ttl", TokenErrors.TOKEN_TTL_INVALID);

const refreshTtl = (v: number | undefined, fallback: number) =>
  ttlOrThrow(v, fallback, REFRESH_TTL, "refresh_token_ttl", TokenErrors.REFRESH_TTL_INVALID);

/** A form field holding a decimal integer (or absent). */
function formInt(v: string | undefined, field: string): number | undefined {
  if (v === undefined || v === "") return undefined;
  if (!/^[0-9]{1,9}$/.test(v)) {
    throw TokenErrors.INVALID_TOKEN_REQUEST(`${field} must be a number of seconds`, {
      details: [{ field, message: "must be a decimal integer" }],
    });
  }
  return Number(v);
}

function origin(meta: RequestMeta) {
  return { origin: { ip: meta.ip, userAgent: meta.userAgent } };
}

export class TokenService {
  readonly #d: ServiceDeps;
  readonly #s: TokenSettings;
  readonly #keys: SigningKeys;

  /** `keys` opens certificate private keys (the certificate sealer, previous secrets included). */
  constructor(deps: ServiceDeps, keys: Sealer, settings: TokenSettings) {
    this.#d = deps;
    this.#s = settings;
    this.#keys = new SigningKeys(deps.kv, keys);
  }

  #newRefresh(ttlS: number, accessTtlS: number): { token: string; refresh: NewRefresh } {
    const tokenId = this.#d.ids.next();
    const c = issueCredential(tokenId);
    return {
      token: c.token,
      refresh: {
        familyId: this.#d.ids.next(),
        tokenId,
        secretHash: c.secretHash,
        ttlS,
        accessTtlS,
      },
    };
  }

  async #access(
    cert: Parameters<SigningKeys["sign"]>[0],
    o: { sub: string; orgId: string; vaultId: string; role: TokenRole; jti: string },
    iat: number,
    ttl: number,
  ): Promise<AccessPart> {
    const exp = iat + ttl;
    const token = await this.#keys.sign(cert, {
      iss: this.#s.issuer,
      aud: this.#s.audience,
      sub: o.sub,
      org_id: o.orgId,
      vault_id: o.vaultId,
      vault_role: o.role,
      scope: scopeOf(o.role),
      jti: o.jti,
      iat,
      exp,
    });
    return {
      access_token: token,
      token_type: "Bearer",
      expires_in: ttl,
      expires_at: new Date(exp * 1000).toISOString(),
      vault_id: o.vaultId,
      vault_role: o.role,
      scope: scopeOf(o.role),
    };
  }

  /** `POST /v1/organizations/{org}/vaults/{vault}/tokens`: a token for the calling user. */
  async issueForUser(
    p: Principal,
    orgId: string,
    vaultId: string,
    input: VaultTokenInput,
    opts: CallOptions,
  ): Promise<VaultTokenReply> {
    const ttl = accessTtl(input.access_token_ttl);
    const rttl = refreshTtl(input.refresh_token_ttl, REFRESH_TTL.defaultSession);
    const role = input.requested_role ?? "read";
    const cert = await this.#keys.newest(orgId, input.client_id);
    if (input.client_id !== undefined && cert === null) {
      // Only members learn whether the client exists: the vault turn answers first for others.
      await askVault(this.#d, p, vaultId, "authorize", {
        orgId,
        action: "vault:read",
        write: false,
      });
      const clientId = input.client_id;
      const known = await this.#d.kv.transact((tx) => clientExists(tx.snapshot, orgId, clientId), {
        name: "tokens.signingClient",
      });
      if (!known) throw TokenErrors.CLIENT_NOT_FOUND();
    }
    const iat = Math.floor(this.#d.clock.now() / 1000);
    const jti = randomUUID();
    const { token, refresh } = this.#newRefresh(rttl, ttl);
    await askVault(
      this.#d,
      p,
      vaultId,
      "tokens.authorize",
      {
        orgId,
        role: vaultRoleOf(role),
        kid: cert?.kid ?? null,
        jti,
        expiresAt: (iat + ttl) * 1000,
        refresh: { sessionId: p.sessionId, token: refresh },
      },
      { meta: opts.meta },
    );
    if (!cert) throw TokenErrors.NO_SIGNING_KEY();
    const access = await this.#access(
      cert,
      { sub: `user:${p.userId}`, orgId, vaultId, role, jti },
      iat,
      ttl,
    );
    return {
      ...access,
      vault_role: tokenRoleOf(vaultRoleOf(role)),
      refresh_token: token,
      refresh_expires_in: rttl,
    };
  }

  /** `POST /v1/token`: a client's RFC 7523 assertion exchanged for a vault token. */
  async exchangeAssertion(form: ClientTokenForm, meta: RequestMeta): Promise<ClientTokenReply> {
    if (form.grant_type !== "client_credentials") throw TokenErrors.UNSUPPORTED_GRANT_TYPE();
    if (form.client_assertion_type !== ASSERTION_TYPE) {
      throw TokenErrors.INVALID_TOKEN_REQUEST(`client_assertion_type must be '${ASSERTION_TYPE}'`);
    }
    if (!form.client_assertion) {
      throw TokenErrors.INVALID_TOKEN_REQUEST("client_assertion is required");
    }
    const vaultId = form.vault_id ?? "";
    if (!isId(vaultId)) {
      throw TokenErrors.INVALID_TOKEN_REQUEST("vault_id must be a decimal id", {
        details: [{ field: "vault_id", message: "must be a decimal id" }],
      });
    }
    const role = (
      form.requested_role === undefined || form.requested_role === "" ? "read" : form.requested_role
    ) as TokenRole;
    if (!TOKEN_ROLES.includes(role)) {
      throw TokenErrors.INVALID_TOKEN_REQUEST(
        `requested_role must be one of ${TOKEN_ROLES.join(", ")}`,
        { details: [{ field: "requested_role", message: "unknown role" }] },
      );
    }
    const ttl = accessTtl(formInt(form.access_token_ttl, "access_token_ttl"));
    const rttl = refreshTtl(
      formInt(form.refresh_token_ttl, "refresh_token_ttl"),
      REFRESH_TTL.defaultClient,
    );
    const now = this.#d.clock.now();
    const a = await verifyAssertion(this.#d.kv, form.client_assertion, {
      audience: this.#s.assertionAudience,
      nowMs: now,
    });
    // Counted once the client proved it holds the key, so forged assertions naming a client
    // cannot spend its budget.
    const rate = await this.#d.limiter.consume(this.#s.perClient, `${a.orgId}:${a.clientId}`);
    if (!rate.allowed) throw rateLimitedError(rate, "Too many token requests for this client");
    const cert = await this.#keys.newest(a.orgId);
    const iat = Math.floor(now / 1000);
    const jti = randomUUID();
    const { token, refresh } = this.#newRefresh(rttl, ttl);
    await vaultActors(this.#d.actors)
      .ask(
        vaultId,
        "tokens.authorizeClient",
        {
          orgId: a.orgId,
          clientId: a.clientId,
          certId: a.certId,
          kid: a.kid,
          jti: a.jti,
          jtiExpiresAt: (a.exp + ASSERTION_SKEW_S) * 1000,
          role,
          signingKid: cert?.kid ?? null,
          accessJti: jti,
          accessExpiresAt: (iat + ttl) * 1000,
          refresh,
        },
        { ...SYSTEM, ...origin(meta) },
      )
      .catch((e: unknown) => {
        // A vault of another organization is, to this client, a vault that does not exist.
        if (isAppError(e) && e.code === "ORG_NOT_FOUND") throw VaultErrors.VAULT_NOT_FOUND();
        throw e;
      });
    if (!cert) throw TokenErrors.NO_SIGNING_KEY();
    const access = await this.#access(
      cert,
      { sub: `client:${a.clientId}`, orgId: a.orgId, vaultId, role, jti },
      iat,
      ttl,
    );
    return {
      ...access,
      refresh_token: token,
      refresh_expires_in: rttl,
      rate: { limit: rate.limit, remaining: rate.remaining, resetSec: rate.resetSec },
    };
  }

  /** `POST /v1/tokens/refresh`: rotates a refresh token; a used one revokes its family. */
  async refresh(input: RefreshTokenInput, meta: RequestMeta): Promise<VaultTokenReply> {
    const presented = parseCredential(input.refresh_token);
    if (!presented) throw TokenErrors.REFRESH_TOKEN_INVALID();
    const ttlAsked =
      input.access_token_ttl === undefined ? null : accessTtl(input.access_token_ttl);
    const raw = await this.#d.kv.transact((tx) => tx.snapshot.get(FamilyKeys.token(presented.id)), {
      name: "tokens.refreshLookup",
    });
    if (!raw) throw TokenErrors.REFRESH_TOKEN_INVALID();
    const record = RefreshTokenCodec.decode(raw);
    const cert = await this.#keys.newest(record.org_id);
    const nextId = this.#d.ids.next();
    const next = issueCredential(nextId);
    const jti = randomUUID();
    const reply = await vaultActors(this.#d.actors).ask(
      record.vault_id,
      "tokens.refresh",
      {
        orgId: record.org_id,
        tokenId: presented.id,
        secretHash: hashSecret(presented.secret),
        next: { tokenId: nextId, secretHash: next.secretHash },
        signingKid: cert?.kid ?? null,
        accessJti: jti,
        accessTtlS: ttlAsked,
      },
      { ...SYSTEM, ...origin(meta) },
    );
    if (reply.outcome === "reused") throw TokenErrors.REFRESH_TOKEN_REUSED();
    if (!cert) throw TokenErrors.NO_SIGNING_KEY();
    const iat = Math.floor(this.#d.clock.now() / 1000);
    const access = await this.#access(
      cert,
      {
        sub: reply.subject,
        orgId: record.org_id,
        vaultId: record.vault_id,
        role: reply.role,
        jti,
      },
      iat,
      reply.accessTtlS,
    );
    return {
      ...access,
      refresh_token: next.token,
      refresh_expires_in: Math.max(
        0,
        Math.round((reply.refreshExpiresAt - this.#d.clock.now()) / 1000),
      ),
    };
  }

  /** `POST /v1/tokens/revoke/vault/{vault}` (vault ADMIN): every refresh family of the vault. */
  async revokeVault(
    p: Principal,
    vaultId: string,
    opts: CallOptions,
  ): Promise<{ revoked_count: number }> {
    const raw = await this.#d.kv.transact((tx) => tx.snapshot.get(VaultKeys.record(vaultId)), {
      name: "tokens.revokeLookup",
    });
    if (!raw) throw VaultErrors.VAULT_NOT_FOUND();
    const vault = VaultCodec.decode(raw);
    try {
      return await askVault(
        this.#d,
        p,
        vaultId,
        "tokens.revokeAll",
        { orgId: vault.org_id },
        {
          meta: opts.meta,
        },
      );
    } catch (e) {
      // Outsiders learn nothing of a vault of another organization.
      if (isAppError(e) && e.code === OrgErrors.ORG_NOT_FOUND().code) {
        throw VaultErrors.VAULT_NOT_FOUND();
      }
      throw e;
    }
  }
}
