/**
 * Vault token routes (docs/tokens.md; Part B §6.15 as Part A and issue 11 change it):
 *
 *   POST /v1/organizations/{org}/vaults/{vault}/tokens   session → 201 access + refresh token
 *   POST /v1/token                                       client assertion (form) → 200
 *   POST /v1/tokens/refresh                              refresh token (JSON) → 200, rotated
 *   POST /v1/tokens/revoke/vault/{vault}                 session, vault ADMIN → 200 {revoked_count}
 *
 * Token answers carry `Cache-Control: no-store` and `Pragma: no-cache` (RFC 6749 §5.1). Errors of
 * `POST /v1/token` have the OAuth body (src/http/oauth.ts). Thin: schema → service → response.
 */
import { Elysia } from "elysia";
import type { HttpDeps } from "../../services/index.ts";
import {
  ClientTokenForm,
  RefreshTokenInput,
  VaultTokenInput,
} from "../../services/tokens/inputs.ts";
import { callOptions } from "../calls.ts";
import { authPlugin } from "../plugins/auth.ts";
import { idParams } from "../schemas.ts";

const NO_STORE = { "cache-control": "no-store", pragma: "no-cache" } as const;

type Headers = Record<string, string | number>;

function noStore(set: { headers: Headers }) {
  Object.assign(set.headers, NO_STORE);
}

export const tokenRoutes = (deps: HttpDeps) => {
  const { tokens } = deps.services;
  return new Elysia({ name: "token-routes" })
    .use(authPlugin(deps))
    .post(
      "/v1/organizations/:org/vaults/:vault/tokens",
      async ({ principal, params, body, request, clientMeta, set }) => {
        const out = await tokens.issueForUser(
          principal,
          params.org,
          params.vault,
          body,
          callOptions(request, clientMeta),
        );
        set.status = 201;
        noStore(set);
        return out;
      },
      { requireSession: true, params: idParams("org", "vault"), body: VaultTokenInput },
    )
    .post(
      "/v1/token",
      async ({ body, clientMeta, set }) => {
        const { rate, ...out } = await tokens.exchangeAssertion(body, clientMeta);
        noStore(set);
        Object.assign(set.headers, {
          "x-ratelimit-limit": String(rate.limit),
          "x-ratelimit-remaining": String(rate.remaining),
          "x-ratelimit-reset": String(rate.resetSec),
        });
        return out;
      },
      { body: ClientTokenForm },
    )
    .post(
      "/v1/tokens/refresh",
      async ({ body, clientMeta, set }) => {
        const out = await tokens.refresh(body, clientMeta);
        noStore(set);
        return out;
      },
      { body: RefreshTokenInput },
    )
    .post(
      "/v1/tokens/revoke/vault/:vault",
      ({ principal, params, request, clientMeta }) =>
        tokens.revokeVault(principal, params.vault, callOptions(request, clientMeta)),
      { requireSession: true, params: idParams("vault") },
    );
};
