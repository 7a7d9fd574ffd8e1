/**
 * Client and certificate routes (docs/clients.md; Part B §6.13-6.14 as Part A changes them):
 * service clients of an organization, their deactivation and activation, and their Ed25519
 * certificates. Thin: schema → service → response.
 */
import { Elysia } from "elysia";
import {
  CertificateCreateInput,
  ClientCreateInput,
  ClientUpdateInput,
} from "../../services/clients/inputs.ts";
import type { HttpDeps } from "../../services/index.ts";
import { callOptions, created, noContent } from "../calls.ts";
import { authPlugin } from "../plugins/auth.ts";
import { idParams, PaginationQuery, paginationOf, toPage } from "../schemas.ts";

const BASE = "/v1/organizations/:org/clients";

export const clientRoutes = (deps: HttpDeps) => {
  const { clients } = deps.services;
  const auth = { requireSession: true } as const;
  const client = idParams("org", "client");
  const cert = idParams("org", "client", "cert");

  return new Elysia({ name: "client-routes" })
    .use(authPlugin(deps))
    .post(
      BASE,
      async ({ principal, params, body, request, clientMeta, set }) =>
        created(set, clients.create(principal, params.org, body, callOptions(request, clientMeta))),
      { ...auth, params: idParams("org"), body: ClientCreateInput },
    )
    .get(
      BASE,
      async ({ principal, params, query }) => {
        const page = toPage(query);
        const { clients: list, total } = await clients.list(principal, params.org, page);
        return { clients: list, pagination: paginationOf(page, total, list.length) };
      },
      { ...auth, params: idParams("org"), query: PaginationQuery },
    )
    .get(
      `${BASE}/:client`,
      ({ principal, params }) => clients.get(principal, params.org, params.client),
      {
        ...auth,
        params: client,
      },
    )
    .patch(
      `${BASE}/:client`,
      ({ principal, params, body, request, clientMeta }) =>
        clients.update(
          principal,
          params.org,
          params.client,
          body,
          callOptions(request, clientMeta),
        ),
      { ...auth, params: client, body: ClientUpdateInput },
    )
    .delete(
      `${BASE}/:client`,
      async ({ principal, params, request, clientMeta }) => {
        await clients.delete(
          principal,
          params.org,
          params.client,
          callOptions(request, clientMeta),
        );
        return noContent();
      },
      { ...auth, params: client },
    )
    .post(
      `${BASE}/:client/deactivate`,
      ({ principal, params, request, clientMeta }) =>
        clients.setActive(
          principal,
          params.org,
          params.client,
          false,
          callOptions(request, clientMeta),
        ),
      { ...auth, params: client },
    )
    .post(
      `${BASE}/:client/activate`,
      ({ principal, params, request, clientMeta }) =>
        clients.setActive(
          principal,
          params.org,
          params.client,
          true,
          callOptions(request, clientMeta),
        ),
      { ...auth, params: client },
    )
    .post(
      `${BASE}/:client/certificates`,
      async ({ principal, params, body, request, clientMeta, set }) =>
        created(
          set,
          clients.createCertificate(
            principal,
            params.org,
            params.client,
            body,
            callOptions(request, clientMeta),
          ),
        ),
      { ...auth, params: client, body: CertificateCreateInput },
    )
    .get(
      `${BASE}/:client/certificates`,
      ({ principal, params }) => clients.listCertificates(principal, params.org, params.client),
      { ...auth, params: client },
    )
    .get(
      `${BASE}/:client/certificates/:cert`,
      ({ principal, params }) =>
        clients.getCertificate(principal, params.org, params.client, params.cert),
      { ...auth, params: cert },
    )
    .post(
      `${BASE}/:client/certificates/:cert/revoke`,
      ({ principal, params, request, clientMeta }) =>
        clients.revokeCertificate(
          principal,
          params.org,
          params.client,
          params.cert,
          callOptions(request, clientMeta),
        ),
      { ...auth, params: cert },
    )
    .delete(
      `${BASE}/:client/certificates/:cert`,
      async ({ principal, params, request, clientMeta }) => {
        await clients.deleteCertificate(
          principal,
          params.org,
          params.client,
          params.cert,
          callOptions(request, clientMeta),
        );
        return noContent();
      },
      { ...auth, params: cert },
    );
};
