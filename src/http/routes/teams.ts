/**
 * Team routes (docs/organizations.md; docs/http-api.md (A4, A8)): teams, team members (`manager` flag), team
 * permissions. Thin: schema → service → response.
 */
import { Elysia } from "elysia";
import type { HttpDeps } from "../../services/index.ts";
import {
  TeamCreateInput,
  TeamMemberInput,
  TeamMemberUpdateInput,
  TeamPermissionInput,
  TeamUpdateInput,
} from "../../services/teams/inputs.ts";
import { callOptions, created, noContent } from "../calls.ts";
import { authPlugin } from "../plugins/auth.ts";
import { idParams, PaginationQuery, paginationOf, toPage } from "../schemas.ts";

const BASE = "/v1/organizations/:org/teams";

export const teamRoutes = (deps: HttpDeps) => {
  const { teams } = deps.services;
  const auth = { requireSession: true } as const;
  const team = idParams("org", "team");

  return new Elysia({ name: "team-routes" })
    .use(authPlugin(deps))
    .post(
      BASE,
      async ({ principal, params, body, request, clientMeta, set }) =>
        created(set, teams.create(principal, params.org, body, callOptions(request, clientMeta))),
      { ...auth, params: idParams("org"), body: TeamCreateInput },
    )
    .get(
      BASE,
      async ({ principal, params, query }) => {
        const page = toPage(query);
        const { teams: list, total } = await teams.list(principal, params.org, page);
        return { teams: list, pagination: paginationOf(page, total, list.length) };
      },
      { ...auth, params: idParams("org"), query: PaginationQuery },
    )
    .get(
      `${BASE}/:team`,
      ({ principal, params }) => teams.get(principal, params.org, params.team),
      {
        ...auth,
        params: team,
      },
    )
    .patch(
      `${BASE}/:team`,
      ({ principal, params, body, request, clientMeta }) =>
        teams.update(principal, params.org, params.team, body, callOptions(request, clientMeta)),
      { ...auth, params: team, body: TeamUpdateInput },
    )
    .delete(
      `${BASE}/:team`,
      async ({ principal, params, request, clientMeta }) => {
        await teams.delete(principal, params.org, params.team, callOptions(request, clientMeta));
        return noContent();
      },
      { ...auth, params: team },
    )
    .post(
      `${BASE}/:team/members`,
      async ({ principal, params, body, request, clientMeta, set }) =>
        created(
          set,
          teams.addMember(
            principal,
            params.org,
            params.team,
            body,
            callOptions(request, clientMeta),
          ),
        ),
      { ...auth, params: team, body: TeamMemberInput },
    )
    .get(
      `${BASE}/:team/members`,
      async ({ principal, params, query }) => {
        const page = toPage(query);
        const { members, total } = await teams.listMembers(
          principal,
          params.org,
          params.team,
          page,
        );
        return { members, pagination: paginationOf(page, total, members.length) };
      },
      { ...auth, params: team, query: PaginationQuery },
    )
    .get(
      `${BASE}/:team/members/:member`,
      ({ principal, params }) => teams.getMember(principal, params.org, params.team, params.member),
      { ...auth, params: idParams("org", "team", "member") },
    )
    .patch(
      `${BASE}/:team/members/:member`,
      ({ principal, params, body, request, clientMeta }) =>
        teams.updateMember(
          principal,
          params.org,
          params.team,
          params.member,
          body.manager,
          callOptions(request, clientMeta),
        ),
      { ...auth, params: idParams("org", "team", "member"), body: TeamMemberUpdateInput },
    )
    .delete(
      `${BASE}/:team/members/:member`,
      async ({ principal, params, request, clientMeta }) => {
        await teams.removeMember(
          principal,
          params.org,
          params.team,
          params.member,
          callOptions(request, clientMeta),
        );
        return noContent();
      },
      { ...auth, params: idParams("org", "team", "member") },
    )
    .post(
      `${BASE}/:team/permissions`,
      async ({ principal, params, body, request, clientMeta, set }) =>
        created(
          set,
          teams.grantPermission(
            principal,
            params.org,
            params.team,
            body.permission,
            callOptions(request, clientMeta),
          ),
        ),
      { ...auth, params: team, body: TeamPermissionInput },
    )
    .get(
      `${BASE}/:team/permissions`,
      ({ principal, params }) => teams.listPermissions(principal, params.org, params.team),
      { ...auth, params: team },
    )
    .delete(
      `${BASE}/:team/permissions/:permission`,
      async ({ principal, params, request, clientMeta }) => {
        await teams.revokePermission(
          principal,
          params.org,
          params.team,
          params.permission,
          callOptions(request, clientMeta),
        );
        return noContent();
      },
      { ...auth, params: idParams("org", "team", "permission") },
    );
};
