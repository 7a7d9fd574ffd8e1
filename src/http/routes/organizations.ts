/**
 * Organization routes (docs/organizations.md; docs/http-api.md (A4, A8, A16)): organizations, members, invitations,
 * ownership transfer, suspend/resume, leave, and the invitee's inbox. Thin: schema → service →
 * response; every organization-scoped decision is taken by the organization's actor.
 */
import { Elysia } from "elysia";
import type { HttpDeps } from "../../services/index.ts";
import { AcceptInvitationInput, InvitationInput } from "../../services/invitations/inputs.ts";
import {
  MemberRoleInput,
  OrgNameInput,
  TransferInput,
} from "../../services/organizations/inputs.ts";
import { callOptions, created, noContent } from "../calls.ts";
import { authPlugin } from "../plugins/auth.ts";
import { idParams, PaginationQuery, paginationOf, toPage } from "../schemas.ts";

export const organizationRoutes = (deps: HttpDeps) => {
  const { organizations: orgs, invitations } = deps.services;
  const auth = { requireSession: true } as const;
  const org = idParams("org");

  return new Elysia({ name: "organization-routes" })
    .use(authPlugin(deps))
    .post(
      "/v1/organizations",
      async ({ principal, body, request, clientMeta, set }) =>
        created(set, orgs.create(principal, body, callOptions(request, clientMeta))),
      { ...auth, body: OrgNameInput },
    )
    .get(
      "/v1/organizations",
      async ({ principal, query }) => {
        const page = toPage(query);
        const { organizations, total } = await orgs.listMine(principal, page);
        return { organizations, pagination: paginationOf(page, total, organizations.length) };
      },
      { ...auth, query: PaginationQuery },
    )
    .post(
      "/v1/organizations/invitations/accept",
      ({ principal, body, request, clientMeta }) =>
        invitations.accept(principal, body.token, callOptions(request, clientMeta)),
      { ...auth, body: AcceptInvitationInput },
    )
    .get("/v1/organizations/:org", ({ principal, params }) => orgs.get(principal, params.org), {
      ...auth,
      params: org,
    })
    .patch(
      "/v1/organizations/:org",
      ({ principal, params, body, request, clientMeta }) =>
        orgs.update(principal, params.org, body, callOptions(request, clientMeta)),
      { ...auth, params: org, body: OrgNameInput },
    )
    .delete(
      "/v1/organizations/:org",
      async ({ principal, params, request, clientMeta }) => {
        await orgs.delete(principal, params.org, callOptions(request, clientMeta));
        return noContent();
      },
      { ...auth, params: org },
    )
    .post(
      "/v1/organizations/:org/suspend",
      ({ principal, params, request, clientMeta }) =>
        orgs.suspend(principal, params.org, callOptions(request, clientMeta)),
      { ...auth, params: org },
    )
    .post(
      "/v1/organizations/:org/resume",
      ({ principal, params, request, clientMeta }) =>
        orgs.resume(principal, params.org, callOptions(request, clientMeta)),
      { ...auth, params: org },
    )
    .get(
      "/v1/organizations/:org/members",
      async ({ principal, params, query }) => {
        const page = toPage(query);
        const { members, total } = await orgs.listMembers(principal, params.org, page);
        return { members, pagination: paginationOf(page, total, members.length) };
      },
      { ...auth, params: org, query: PaginationQuery },
    )
    .delete(
      "/v1/organizations/:org/members/me",
      async ({ principal, params, request, clientMeta }) => {
        await orgs.leave(principal, params.org, callOptions(request, clientMeta));
        return noContent();
      },
      { ...auth, params: org },
    )
    .patch(
      "/v1/organizations/:org/members/:member",
      ({ principal, params, body, request, clientMeta }) =>
        orgs.changeRole(
          principal,
          params.org,
          params.member,
          body.role,
          callOptions(request, clientMeta),
        ),
      { ...auth, params: idParams("org", "member"), body: MemberRoleInput },
    )
    .delete(
      "/v1/organizations/:org/members/:member",
      async ({ principal, params, request, clientMeta }) => {
        await orgs.removeMember(
          principal,
          params.org,
          params.member,
          callOptions(request, clientMeta),
        );
        return noContent();
      },
      { ...auth, params: idParams("org", "member") },
    )
    .post(
      "/v1/organizations/:org/invitations",
      async ({ principal, params, body, request, clientMeta, set }) =>
        created(
          set,
          invitations.create(principal, params.org, body, callOptions(request, clientMeta)),
        ),
      { ...auth, params: org, body: InvitationInput },
    )
    .get(
      "/v1/organizations/:org/invitations",
      async ({ principal, params, query }) => {
        const page = toPage(query);
        const { invitations: list, total } = await invitations.list(principal, params.org, page);
        return { invitations: list, pagination: paginationOf(page, total, list.length) };
      },
      { ...auth, params: org, query: PaginationQuery },
    )
    .delete(
      "/v1/organizations/:org/invitations/:invitation",
      async ({ principal, params, request, clientMeta }) => {
        await invitations.delete(
          principal,
          params.org,
          params.invitation,
          callOptions(request, clientMeta),
        );
        return noContent();
      },
      { ...auth, params: idParams("org", "invitation") },
    )
    .post(
      "/v1/organizations/:org/transfer-ownership",
      ({ principal, params, body, request, clientMeta }) =>
        orgs.transferOwnership(
          principal,
          params.org,
          body.new_owner_user_id,
          callOptions(request, clientMeta),
        ),
      { ...auth, params: org, body: TransferInput },
    )
    .get(
      "/v1/users/invitations",
      async ({ principal, query }) => {
        const page = toPage(query);
        const { invitations: list, total } = await invitations.inbox(principal, page);
        return { invitations: list, pagination: paginationOf(page, total, list.length) };
      },
      { ...auth, query: PaginationQuery },
    )
    .post(
      "/v1/users/invitations/:invitation/decline",
      async ({ principal, params, request, clientMeta }) => {
        await invitations.decline(principal, params.invitation, callOptions(request, clientMeta));
        return { message: "Invitation declined" };
      },
      { ...auth, params: idParams("invitation") },
    );
};
