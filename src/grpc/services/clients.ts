/**
 * gRPC `inferadb.management.v1.ClientService`: service clients of an organization and their
 * Ed25519 certificates, calling the same client service as /v1/organizations/{org}/clients/*
 * (docs/clients.md). Ids are checked (INVALID_ID) and the rest of each request against the
 * route's own input schema (src/services/clients/inputs.ts; VALIDATION_FAILED) before the caller
 * is resolved. CreateCertificate answers the private key once, as HTTP does; no other message
 * carries it.
 */
import type { certificateView, clientView } from "../../domain/clients/views.ts";
import {
  CertificateCreateInput,
  ClientCreateInput,
  ClientUpdateInput,
} from "../../services/clients/inputs.ts";
import { paginationOf } from "../../services/context.ts";
import type { GrpcDeps } from "../../services/index.ts";
import type { Client } from "../generated/inferadb/management/v1/Client.ts";
import type { ClientCertificate } from "../generated/inferadb/management/v1/ClientCertificate.ts";
import type { ClientServiceHandlers } from "../generated/inferadb/management/v1/ClientService.ts";
import { unary } from "../status.ts";
import {
  type CallCtx,
  callEnv,
  callOptions,
  checked,
  principalOf,
  type RequestCheck,
} from "./call.ts";

export const CLIENT_SERVICE = "inferadb.management.v1.ClientService";

type ClientView = ReturnType<typeof clientView>;
type CertificateView = ReturnType<typeof certificateView>;

/** A client as the proto's message: a null `deactivated_at` is an absent field. */
function clientMessage(c: ClientView): Client {
  return {
    id: c.id,
    organization_id: c.organization_id,
    name: c.name,
    description: c.description,
    is_active: c.is_active,
    created_at: c.created_at,
    updated_at: c.updated_at,
    deactivated_at: c.deactivated_at ?? undefined,
  };
}

/** A certificate as the proto's message (never a private key): null revocation fields absent. */
function certificateMessage(c: CertificateView): ClientCertificate {
  return {
    id: c.id,
    client_id: c.client_id,
    kid: c.kid,
    name: c.name,
    public_key: c.public_key,
    algorithm: c.algorithm,
    is_active: c.is_active,
    created_at: c.created_at,
    revoked_at: c.revoked_at ?? undefined,
    revoked_by_user_id: c.revoked_by_user_id ?? undefined,
  };
}

const withClient = (r: { client: ClientView }) => ({ client: clientMessage(r.client) });
const withCertificate = (r: { certificate: CertificateView }) => ({
  certificate: certificateMessage(r.certificate),
});

type ClientReq = { organization_id: string; client_id: string };
type CertReq = ClientReq & { certificate_id: string };

/** The organization and client ids of a request, checked. */
function clientIds(c: RequestCheck, req: ClientReq) {
  return {
    org: c.id("organization_id", req.organization_id),
    client: c.id("client_id", req.client_id),
  };
}

/** The organization, client and certificate ids of a request, checked. */
function certIds(c: RequestCheck, req: CertReq) {
  return { ...clientIds(c, req), cert: c.id("certificate_id", req.certificate_id) };
}

export function clientService(deps: GrpcDeps, log = deps.log): ClientServiceHandlers {
  const env = callEnv(deps, log);
  const { clients } = deps.services;
  const caller = async (ctx: CallCtx) => (await principalOf(deps, ctx)).principal;

  /** Deactivate (`false`) or activate (`true`); both idempotent. */
  const setActive = (active: boolean) => async (req: ClientReq, ctx: CallCtx) => {
    const { org, client } = checked((c) => clientIds(c, req));
    const p = await caller(ctx);
    return withClient(await clients.setActive(p, org, client, active, callOptions(ctx)));
  };

  return {
    CreateClient: unary(env, async (req, ctx) => {
      const r = checked((c) => ({
        org: c.id("organization_id", req.organization_id),
        input: c.input(ClientCreateInput, req),
      }));
      return withClient(await clients.create(await caller(ctx), r.org, r.input, callOptions(ctx)));
    }),
    ListClients: unary(env, async (req, ctx) => {
      const { org, page } = checked((c) => ({
        org: c.id("organization_id", req.organization_id),
        page: c.page(req),
      }));
      const { clients: list, total } = await clients.list(await caller(ctx), org, page);
      return {
        clients: list.map(clientMessage),
        pagination: paginationOf(page, total, list.length),
      };
    }),
    GetClient: unary(env, async (req, ctx) => {
      const { org, client } = checked((c) => clientIds(c, req));
      return withClient(await clients.get(await caller(ctx), org, client));
    }),
    UpdateClient: unary(env, async (req, ctx) => {
      const r = checked((c) => ({ ...clientIds(c, req), input: c.input(ClientUpdateInput, req) }));
      const p = await caller(ctx);
      return withClient(await clients.update(p, r.org, r.client, r.input, callOptions(ctx)));
    }),
    DeactivateClient: unary(env, setActive(false)),
    ActivateClient: unary(env, setActive(true)),
    DeleteClient: unary(env, async (req, ctx) => {
      const { org, client } = checked((c) => clientIds(c, req));
      await clients.delete(await caller(ctx), org, client, callOptions(ctx));
      return {};
    }),
    CreateCertificate: unary(env, async (req, ctx) => {
      const r = checked((c) => ({
        ...clientIds(c, req),
        input: c.input(CertificateCreateInput, req),
      }));
      const p = await caller(ctx);
      const { certificate, private_key } = await clients.createCertificate(
        p,
        r.org,
        r.client,
        r.input,
        callOptions(ctx),
      );
      return { certificate: certificateMessage(certificate), private_key };
    }),
    ListCertificates: unary(env, async (req, ctx) => {
      const { org, client } = checked((c) => clientIds(c, req));
      const { certificates } = await clients.listCertificates(await caller(ctx), org, client);
      return { certificates: certificates.map(certificateMessage) };
    }),
    GetCertificate: unary(env, async (req, ctx) => {
      const { org, client, cert } = checked((c) => certIds(c, req));
      return withCertificate(await clients.getCertificate(await caller(ctx), org, client, cert));
    }),
    RevokeCertificate: unary(env, async (req, ctx) => {
      const r = checked((c) => certIds(c, req));
      const p = await caller(ctx);
      return withCertificate(
        await clients.revokeCertificate(p, r.org, r.client, r.cert, callOptions(ctx)),
      );
    }),
    DeleteCertificate: unary(env, async (req, ctx) => {
      const r = checked((c) => certIds(c, req));
      await clients.deleteCertificate(await caller(ctx), r.org, r.client, r.cert, callOptions(ctx));
      return {};
    }),
  };
}
