/**
 * Vault routes (docs/vaults.md; api.md routes 57-69, A4, A8, A16): vaults and their user, team
 * and client grants. Thin: schema → service → response.
 */
import { Elysia } from "elysia";
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

export const vaultRoutes = (deps: HttpDeps) => {
  const { vaults } = deps.services;
  const auth = { requireSession: true } as const;
  const vault = idParams("org", "vault");
  const grant = idParams("org", "vault", "grant");

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
    )
    // User grants
    .post(
      `${BASE}/:vault/user-grants`,
      async ({ principal, params, body, request, clientMeta, set }) =>
        created(
          set,
          vaults.createGrant(
            principal,
            params.org,
            params.vault,
            "user",
            { subjectId: body.user_id, role: body.role },
            callOptions(request, clientMeta),
          ),
        ),
      { ...auth, params: vault, body: UserGrantCreateInput },
    )
    .get(
      `${BASE}/:vault/user-grants`,
      async ({ principal, params, query }) => {
        const page = toPage(query);
        const { grants, total } = await vaults.listGrants(
          principal,
          params.org,
          params.vault,
          "user",
          page,
        );
        return { grants, pagination: paginationOf(page, total, grants.length) };
      },
      { ...auth, params: vault, query: PaginationQuery },
    )
    .get(
      `${BASE}/:vault/user-grants/:grant`,
      ({ principal, params }) =>
        vaults.getGrant(principal, params.org, params.vault, "user", params.grant),
      { ...auth, params: grant },
    )
    .patch(
      `${BASE}/:vault/user-grants/:grant`,
      ({ principal, params, body, request, clientMeta }) =>
        vaults.updateGrant(
          principal,
          params.org,
          params.vault,
          "user",
          params.grant,
          body,
          callOptions(request, clientMeta),
        ),
      { ...auth, params: grant, body: GrantUpdateInput },
    )
    .delete(
      `${BASE}/:vault/user-grants/:grant`,
      async ({ principal, params, request, clientMeta }) => {
        await vaults.deleteGrant(
          principal,
          params.org,
          params.vault,
          "user",
          params.grant,
          callOptions(request, clientMeta),
        );
        return noContent();
      },
      { ...auth, params: grant },
    )
    // Team grants
    .post(
      `${BASE}/:vault/team-grants`,
      async ({ principal, params, body, request, clientMeta, set }) =>
        created(
          set,
          vaults.createGrant(
            principal,
            params.org,
            params.vault,
            "team",
            { subjectId: body.team_id, role: body.role },
            callOptions(request, clientMeta),
          ),
        ),
      { ...auth, params: vault, body: TeamGrantCreateInput },
    )
    .get(
      `${BASE}/:vault/team-grants`,
      async ({ principal, params, query }) => {
        const page = toPage(query);
        const { grants, total } = await vaults.listGrants(
          principal,
          params.org,
          params.vault,
          "team",
          page,
        );
        return { grants, pagination: paginationOf(page, total, grants.length) };
      },
      { ...auth, params: vault, query: PaginationQuery },
    )
    .get(
      `${BASE}/:vault/team-grants/:grant`,
      ({ principal, params }) =>
        vaults.getGrant(principal, params.org, params.vault, "team", params.grant),
      { ...auth, params: grant },
    )
    .patch(
      `${BASE}/:vault/team-grants/:grant`,
      ({ principal, params, body, request, clientMeta }) =>
        vaults.updateGrant(
          principal,
          params.org,
          params.vault,
          "team",
          params.grant,
          body,
          callOptions(request, clientMeta),
        ),
      { ...auth, params: grant, body: GrantUpdateInput },
    )
    .delete(
      `${BASE}/:vault/team-grants/:grant`,
      async ({ principal, params, request, clientMeta }) => {
        await vaults.deleteGrant(
          principal,
          params.org,
          params.vault,
          "team",
          params.grant,
          callOptions(request, clientMeta),
        );
        return noContent();
      },
      { ...auth, params: grant },
    )
    // Client grants (A16)
    .post(
      `${BASE}/:vault/client-grants`,
      async ({ principal, params, body, request, clientMeta, set }) =>
        created(
          set,
          vaults.createGrant(
            principal,
            params.org,
            params.vault,
            "client",
            { subjectId: body.client_id, role: body.role },
            callOptions(request, clientMeta),
          ),
        ),
      { ...auth, params: vault, body: ClientGrantCreateInput },
    )
    .get(
      `${BASE}/:vault/client-grants`,
      async ({ principal, params, query }) => {
        const page = toPage(query);
        const { grants, total } = await vaults.listGrants(
          principal,
          params.org,
          params.vault,
          "client",
          page,
        );
        return { grants, pagination: paginationOf(page, total, grants.length) };
      },
      { ...auth, params: vault, query: PaginationQuery },
    )
    .get(
      `${BASE}/:vault/client-grants/:grant`,
      ({ principal, params }) =>
        vaults.getGrant(principal, params.org, params.vault, "client", params.grant),
      { ...auth, params: grant },
    )
    .patch(
      `${BASE}/:vault/client-grants/:grant`,
      ({ principal, params, body, request, clientMeta }) =>
        vaults.updateGrant(
          principal,
          params.org,
          params.vault,
          "client",
          params.grant,
          body,
          callOptions(request, clientMeta),
        ),
      { ...auth, params: grant, body: GrantUpdateInput },
    )
    .delete(
      `${BASE}/:vault/client-grants/:grant`,
      async ({ principal, params, request, clientMeta }) => {
        await vaults.deleteGrant(
          principal,
          params.org,
          params.vault,
          "client",
          params.grant,
          callOptions(request, clientMeta),
        );
        return noContent();
      },
      { ...auth, params: grant },
    );
  return app;
};
