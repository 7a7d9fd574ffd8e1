/**
 * gRPC `inferadb.management.v1.TokenService`: vault tokens and the JWKS, calling the same use
 * cases as the HTTP routes (docs/tokens.md; src/http/routes/tokens.ts and jwks.ts):
 *
 * - CreateVaultToken (session) → `TokenService.issueForUser`, ids checked (INVALID_ID) and the
 *   rest against `VaultTokenInput`, as `POST …/vaults/{vault}/tokens`.
 * - ExchangeClientAssertion (no session) → `exchangeAssertion` with the fields of `POST /v1/token`
 *   checked against `ClientTokenForm` (the TTLs, numbers here, are handed over as the decimal
 *   strings of a form); the client IP of the call counts for the per-client limit and the audit.
 * - RefreshVaultToken (no session) → `refresh` (`RefreshTokenInput`).
 * - RevokeVaultTokens (session, vault ADMIN) → `revokeVault`.
 * - GetJwks (no session) → `JwksService.organization` or, without an organization, `global`.
 *
 * Errors map through the one AppError → status table (src/grpc/status.ts). The rate-limit budget
 * HTTP reports in X-RateLimit-* headers is not carried.
 */
import type { Jwk as JwkView } from "../../domain/clients/jwks.ts";
import type { GrpcDeps } from "../../services/index.ts";
import type { JwksAnswer } from "../../services/jwks/service.ts";
import {
  ClientTokenForm,
  RefreshTokenInput,
  VaultTokenInput,
} from "../../services/tokens/inputs.ts";
import type { VaultTokenReply } from "../../services/tokens/service.ts";
import type { Jwk } from "../generated/inferadb/management/v1/Jwk.ts";
import type { TokenServiceHandlers } from "../generated/inferadb/management/v1/TokenService.ts";
import { unary } from "../status.ts";
import { type CallCtx, callEnv, callOptions, checked, principalOf, requestMeta } from "./call.ts";

export const TOKEN_SERVICE = "inferadb.management.v1.TokenService";

/** A token answer as the proto's message: the HTTP answer's fields, nothing else. */
function tokenMessage(r: VaultTokenReply) {
  return {
    access_token: r.access_token,
    token_type: r.token_type,
    expires_in: r.expires_in,
    expires_at: r.expires_at,
    vault_id: r.vault_id,
    vault_role: r.vault_role,
    scope: r.scope,
    refresh_token: r.refresh_token,
    refresh_expires_in: r.refresh_expires_in,
  };
}

function jwkMessage(k: JwkView): Jwk {
  return { kty: k.kty, crv: k.crv, kid: k.kid, x: k.x, use: k.use, alg: k.alg };
}

/** The keys of a JWKS answer (asked without `If-None-Match`, so never "not modified"). */
function keysOf(a: JwksAnswer): Jwk[] {
  return a.notModified ? [] : a.body.keys.map(jwkMessage);
}

/** A TTL field of the form: the decimal string the form would carry, or absent. */
const formTtl = (v: number | undefined) => (v === undefined ? undefined : String(v));

export function tokenService(deps: GrpcDeps, log = deps.log): TokenServiceHandlers {
  const env = callEnv(deps, log);
  const { tokens, jwks } = deps.services;
  const caller = async (ctx: CallCtx) => (await principalOf(deps, ctx)).principal;

  return {
    CreateVaultToken: unary(env, async (req, ctx) => {
      const r = checked((c) => ({
        org: c.id("organization_id", req.organization_id),
        vault: c.id("vault_id", req.vault_id),
        input: c.input(VaultTokenInput, req),
      }));
      const p = await caller(ctx);
      return tokenMessage(await tokens.issueForUser(p, r.org, r.vault, r.input, callOptions(ctx)));
    }),
    ExchangeClientAssertion: unary(env, async (req, ctx) => {
      const form = checked((c) =>
        c.input(ClientTokenForm, {
          grant_type: req.grant_type,
          client_assertion_type: req.client_assertion_type,
          client_assertion: req.client_assertion,
          vault_id: req.vault_id,
          requested_role: req.requested_role,
          access_token_ttl: formTtl(req.access_token_ttl),
          refresh_token_ttl: formTtl(req.refresh_token_ttl),
        }),
      );
      const { rate: _rate, ...out } = await tokens.exchangeAssertion(form, requestMeta(ctx));
      return tokenMessage(out);
    }),
    RefreshVaultToken: unary(env, async (req, ctx) => {
      const input = checked((c) => c.input(RefreshTokenInput, req));
      return tokenMessage(await tokens.refresh(input, requestMeta(ctx)));
    }),
    RevokeVaultTokens: unary(env, async (req, ctx) => {
      const vault = checked((c) => c.id("vault_id", req.vault_id));
      return tokens.revokeVault(await caller(ctx), vault, callOptions(ctx));
    }),
    GetJwks: unary(env, async (req) => {
      const org = checked((c) =>
        req.organization_id === undefined
          ? undefined
          : c.id("organization_id", req.organization_id),
      );
      return {
        keys: keysOf(org === undefined ? await jwks.global() : await jwks.organization(org)),
      };
    }),
  };
}
