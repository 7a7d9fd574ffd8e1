/**
 * Vault token routes (docs/tokens.md; Part B §6.15 as Part A and issue 11 item 4 change it):
 *
 *   POST /v1/organizations/{org}/vaults/{vault}/tokens   session → 201 access token for the caller
 *
 * Thin: schema → service → response.
 */
import { Elysia } from "elysia";
import type { HttpDeps } from "../../services/index.ts";
import { VaultTokenInput } from "../../services/tokens/inputs.ts";
import { callOptions, created } from "../calls.ts";
import { authPlugin } from "../plugins/auth.ts";
import { idParams } from "../schemas.ts";

export const tokenRoutes = (deps: HttpDeps) => {
  const { tokens } = deps.services;
  return new Elysia({ name: "token-routes" })
    .use(authPlugin(deps))
    .post(
      "/v1/organizations/:org/vaults/:vault/tokens",
      async ({ principal, params, body, request, clientMeta, set }) =>
        created(
          set,
          tokens.issueForUser(
            principal,
            params.org,
            params.vault,
            body,
            callOptions(request, clientMeta),
          ),
        ),
      { requireSession: true, params: idParams("org", "vault"), body: VaultTokenInput },
    );
};
