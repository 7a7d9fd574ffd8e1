/**
 * Vault routes (docs/vaults.md; api.md routes 57-69, A4, A8, A16): vaults and their user, team
 * and client grants. Thin: schema → service → response.
 */
import type { Static, TObject } from "@sinclair/typebox";
import { Elysia } from "elysia";
import type { GrantKind, VaultRole } from "../../domain/vaults/types.ts";
import type { HttpDeps } from "../../services/index.ts";
import {
  ClientGrantCreateInput,
  GrantUpdateInput,
  TeamGrantCreateInput,
  UserGrantCreateInput,
  VaultCreateInput,
  VaultUpdateInput,
} from "../../services/vaults/inputs.ts";
import { callOptions, created, noContent } from "../calls.ts";
import { authPlugin } from "../plugins/auth.ts";
import { idParams, PaginationQuery, paginationOf, toPage } from "../schemas.ts";

const BASE = "/v1/organizations/:org/vaults";
const AUTH = { requireSession: true } as const;
const VAULT_PARAMS = idParams("org", "vault");

export const vaultRoutes = (deps: HttpDeps) => {
  const { vaults } = deps.services;
  const auth = AUTH;
  const vault = VAULT_PARAMS;

  const app = new Elysia({ name: "vault-routes" })
    .use(authPlugin(deps))
    .post(
      BASE,
      async ({ principal, params, body, request, clientMeta, set }) =>
        created(set, vaults.create(principal, params.org, body, callOptions(request, clientMeta))),
      { ...auth, params: idParams("org"), body: VaultCreateInput },
    )
    .get(
      BASE,
      async ({ principal, params, query }) => {
        const page = toPage(query);
        const { vaults: list, total } = await vaults.list(principal, params.org, page);
        return { vaults: list, pagination: paginationOf(page, total, list.length) };
      },
      { ...auth, params: idParams("org"), query: PaginationQuery },
    )
    .get(
      `${BASE}/:vault`,
      ({ principal, params }) => vaults.get(principal, params.org, params.vault),
      {
        ...auth,
        params: vault,
      },
    )
    .patch(
      `${BASE}/:vault`,
      ({ principal, params, body, request, clientMeta }) =>
        vaults.update(principal, params.org, params.vault, body, callOptions(request, clientMeta)),
      { ...auth, params: vault, body: VaultUpdateInput },
    )
    .delete(
      `${BASE}/:vault`,
      async ({ principal, params, request, clientMeta }) => {
        await vaults.delete(principal, params.org, params.vault, callOptions(request, clientMeta));
        return noContent();
      },
      { ...auth, params: vault },
    );
  return app
    .use(
      grantRoutes(deps, "user", UserGrantCreateInput, (b) => ({
        subjectId: b.user_id,
        role: b.role,
      })),
    )
    .use(
      grantRoutes(deps, "team", TeamGrantCreateInput, (b) => ({
        subjectId: b.team_id,
        role: b.role,
      })),
    )
    .use(
      grantRoutes(deps, "client", ClientGrantCreateInput, (b) => ({
        subjectId: b.client_id,
        role: b.role,
      })),
    );
};

/**
 * The five routes of one grant family (`…/vaults/{vault}/<kind>-grants`): create, list, get,
 * update the role, delete by grant id. The families differ only in the subject field of the
 * create body (`user_id`, `team_id`, `client_id`).
 */
function grantRoutes<S extends TObject>(
  deps: HttpDeps,
  kind: GrantKind,
  createBody: S,
  grantOf: (body: Static<S>) => { subjectId: string; role: VaultRole },
) {
  const { vaults } = deps.services;
  const auth = AUTH;
  const vault = VAULT_PARAMS;
  const grant = idParams("org", "vault", "grant");
  const path = `${BASE}/:vault/${kind}-grants`;
  return new Elysia({ name: `vault-${kind}-grant-routes` })
    .use(authPlugin(deps))
    .post(
      path,
      async ({ principal, params, body, request, clientMeta, set }) =>
        created(
          set,
          vaults.createGrant(
            principal,
            params.org,
            params.vault,
            kind,
            grantOf(body as Static<S>),
            callOptions(request, clientMeta),
          ),
        ),
      { ...auth, params: vault, body: createBody },
    )
    .get(
      path,
      async ({ principal, params, query }) => {
        const page = toPage(query);
        const { grants, total } = await vaults.listGrants(
          principal,
          params.org,
          params.vault,
          kind,
          page,
        );
        return { grants, pagination: paginationOf(page, total, grants.length) };
      },
      { ...auth, params: vault, query: PaginationQuery },
    )
    .get(
      `${path}/:grant`,
      ({ principal, params }) =>
        vaults.getGrant(principal, params.org, params.vault, kind, params.grant),
      { ...auth, params: grant },
    )
    .patch(
      `${path}/:grant`,
      ({ principal, params, body, request, clientMeta }) =>
        vaults.updateGrant(
          principal,
          params.org,
          params.vault,
          kind,
          params.grant,
          body,
          callOptions(request, clientMeta),
        ),
      { ...auth, params: grant, body: GrantUpdateInput },
    )
    .delete(
      `${path}/:grant`,
      async ({ principal, params, request, clientMeta }) => {
        await vaults.deleteGrant(
          principal,
          params.org,
          params.vault,
          kind,
          params.grant,
          callOptions(request, clientMeta),
        );
        return noContent();
      },
      { ...auth, params: grant },
    );
}
