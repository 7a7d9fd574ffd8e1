/**
 * Client and certificate operations (docs/clients.md): pure functions run as turns of the
 * organization actor. The organization state gives the authorization (`can()` with the `client:*`
 * actions, which team permissions ORG_PERM_CLIENT_* delegate); the clients and certificates
 * themselves live under Roots.client and come in as inputs, read by the turn with `ctx.read`
 * (re-validated at commit). Every change writes an audit event.
 *
 * Actions: create a client or a certificate `client:create`; read `client:read`; rename and
 * activate `client:update`; deactivate and revoke a certificate `client:revoke`; delete a client or
 * a certificate `client:delete`.
 */
import { compareIds } from "../../lib/ids.ts";
import type { Action } from "../authz/permissions.ts";
import { type InvalidationTarget, invalidationWrites } from "../invalidations/records.ts";
import { recordCascade } from "../organizations/cascades.ts";
import type { OrgState } from "../organizations/state.ts";
import {
  authorize,
  type PageRequest,
  paginate,
  type TurnEnv,
  type TurnOutput,
} from "../organizations/turn.ts";
import { ClientErrors } from "./errors.ts";
import { isPublishable, publishKeysWrites, withdrawKeysWrites } from "./jwks.ts";
import { type Certificate, type Client, certificateKid } from "./types.ts";
import {
  MAX_CERTIFICATES_PER_CLIENT,
  MAX_CLIENTS_PER_ORG,
  normalizeCertificateName,
  normalizeClientDescription,
  normalizeClientName,
} from "./validation.ts";
import { certificateView, clientView } from "./views.ts";
import {
  deleteCertificateWrites,
  deleteClientWrites,
  putCertificateWrites,
  putClientWrites,
} from "./writes.ts";

/** The engine invalidation of one certificate's key (docs/engine-invalidation.md). */
function certTarget(c: Certificate): InvalidationTarget {
  return { kind: "certificate", orgId: c.org_id, clientId: c.client_id, certId: c.id };
}

/** Invalidations of the certificates of a client that were in the JWKS (`clientActive`). */
function publishedCertTargets(certs: readonly Certificate[], clientActive: boolean) {
  return certs.filter((c) => isPublishable(c, clientActive)).map(certTarget);
}

/** Authorization (org 404, 403, suspended) then the client (404). */
function clientGuard(
  state: OrgState,
  env: TurnEnv,
  client: Client | undefined,
  action: Action,
  write: boolean,
): Client {
  authorize(state, env, action, undefined, { write });
  if (!client || client.org_id !== state.org?.id) throw ClientErrors.CLIENT_NOT_FOUND();
  return client;
}

function certGuard(client: Client, cert: Certificate | undefined): Certificate {
  if (!cert || cert.client_id !== client.id) throw ClientErrors.CERTIFICATE_NOT_FOUND();
  return cert;
}

function assertNameFree(clients: readonly Client[], name: string, exceptId?: string): void {
  const lower = name.toLowerCase();
  for (const c of clients) {
    if (c.id !== exceptId && c.name.toLowerCase() === lower) {
      throw ClientErrors.CLIENT_NAME_TAKEN(`A client named '${name}' already exists`);
    }
  }
}

export function createClient(
  state: OrgState,
  input: { clientId: string; name: string; description?: string | null; clients: Client[] },
  env: TurnEnv,
  out: TurnOutput,
) {
  const { org } = authorize(state, env, "client:create", undefined, { write: true });
  const name = normalizeClientName(input.name);
  const description = normalizeClientDescription(input.description);
  if (input.clients.length >= MAX_CLIENTS_PER_ORG) {
    throw ClientErrors.CLIENT_LIMIT(
      `Organization has reached the maximum number of clients (${MAX_CLIENTS_PER_ORG})`,
    );
  }
  assertNameFree(input.clients, name);
  const client: Client = {
    id: input.clientId,
    org_id: org.id,
    name,
    description,
    active: true,
    created_at: env.now,
    updated_at: env.now,
    deactivated_at: null,
  };
  out.write(putClientWrites(client));
  out.event({
    event_type: "client_created",
    resource_type: "client",
    resource_id: client.id,
    data: { name },
  });
  return { state, reply: { client: clientView(client) } };
}

export function listClients(
  state: OrgState,
  input: { page: PageRequest; clients: Client[] },
  env: TurnEnv,
) {
  authorize(state, env, "client:read");
  const all = [...input.clients].sort((a, b) => compareIds(a.id, b.id));
  const p = paginate(all, input.page);
  return { state, reply: { clients: p.items.map(clientView), total: p.total } };
}

export function getClient(state: OrgState, input: { client: Client | undefined }, env: TurnEnv) {
  const client = clientGuard(state, env, input.client, "client:read", false);
  return { state, reply: { client: clientView(client) } };
}

export function updateClient(
  state: OrgState,
  input: {
    client: Client | undefined;
    name?: string | null;
    description?: string | null;
    clients: Client[];
  },
  env: TurnEnv,
  out: TurnOutput,
) {
  const before = clientGuard(state, env, input.client, "client:update", true);
  const name = input.name == null ? before.name : normalizeClientName(input.name);
  const description =
    input.description == null ? before.description : normalizeClientDescription(input.description);
  if (name !== before.name) assertNameFree(input.clients, name, before.id);
  const client: Client = { ...before, name, description, updated_at: env.now };
  out.write(putClientWrites(client));
  out.event({
    event_type: "client_updated",
    resource_type: "client",
    resource_id: client.id,
    data: { name, previous_name: before.name },
  });
  return { state, reply: { client: clientView(client) } };
}

/**
 * Deactivates (`client:revoke`) or activates again (`client:update`); idempotent. A deactivated
 * client's keys leave the JWKS in this commit; activation publishes its unrevoked ones again.
 */
export function setClientActive(
  state: OrgState,
  input: { client: Client | undefined; active: boolean; certificates: Certificate[] },
  env: TurnEnv,
  out: TurnOutput,
) {
  const action: Action = input.active ? "client:update" : "client:revoke";
  const before = clientGuard(state, env, input.client, action, true);
  if (before.active === input.active) return { state, reply: { client: clientView(before) } };
  const client: Client = {
    ...before,
    active: input.active,
    updated_at: env.now,
    deactivated_at: input.active ? null : env.now,
  };
  out.write(putClientWrites(client));
  out.write(
    input.active
      ? publishKeysWrites(
          client.org_id,
          input.certificates.filter((c) => isPublishable(c, true)),
        )
      : withdrawKeysWrites(client.org_id, input.certificates),
  );
  // The engine drops the keys it cached, pushed after this commit (docs/engine-invalidation.md).
  if (!input.active) {
    out.write(invalidationWrites(publishedCertTargets(input.certificates, true), env));
  }
  // A deactivated client's refresh families are revoked in every vault (A9, docs/tokens.md), so
  // activating it again does not bring old refresh tokens back.
  if (!input.active) recordCascade(state, "client_tokens", client.id, env, out);
  out.event({
    event_type: input.active ? "client_activated" : "client_deactivated",
    resource_type: "client",
    resource_id: client.id,
  });
  return { state, reply: { client: clientView(client) } };
}

export function deleteClient(
  state: OrgState,
  input: { client: Client | undefined; certificates: Certificate[] },
  env: TurnEnv,
  out: TurnOutput,
) {
  const client = clientGuard(state, env, input.client, "client:delete", true);
  out.write(deleteClientWrites(client));
  out.write(withdrawKeysWrites(client.org_id, input.certificates));
  out.write(invalidationWrites(publishedCertTargets(input.certificates, client.active), env));
  // Its vault client grants go too, through the vault cascade (A9).
  recordCascade(state, "client", client.id, env, out);
  out.event({
    event_type: "client_deleted",
    resource_type: "client",
    resource_id: client.id,
    data: { name: client.name, certificates: input.certificates.length },
  });
  return { state, reply: { deleted: true as const } };
}

/**
 * Stores a certificate whose key pair the service generated: the public key in clear, the private
 * seed already sealed (the actor never sees it in clear). No certificate for a deactivated client.
 */
export function createCertificate(
  state: OrgState,
  input: {
    client: Client | undefined;
    certificates: Certificate[];
    certId: string;
    name: string;
    publicKey: string;
    sealedPrivateKey: string;
  },
  env: TurnEnv,
  out: TurnOutput,
) {
  const client = clientGuard(state, env, input.client, "client:create", true);
  if (!client.active) throw ClientErrors.CLIENT_INACTIVE();
  const name = normalizeCertificateName(input.name);
  if (input.certificates.length >= MAX_CERTIFICATES_PER_CLIENT) {
    throw ClientErrors.CERTIFICATE_LIMIT(
      `Client has reached the maximum number of certificates (${MAX_CERTIFICATES_PER_CLIENT})`,
    );
  }
  const cert: Certificate = {
    id: input.certId,
    org_id: client.org_id,
    client_id: client.id,
    name,
    kid: certificateKid(client.org_id, client.id, input.certId),
    public_key: input.publicKey,
    sealed_private_key: input.sealedPrivateKey,
    created_at: env.now,
    created_by_user_id: env.userId,
    revoked_at: null,
    revoked_by_user_id: null,
  };
  out.write(putCertificateWrites(cert));
  out.write(publishKeysWrites(cert.org_id, [cert]));
  out.event({
    event_type: "client_certificate_created",
    resource_type: "client_certificate",
    resource_id: cert.id,
    data: { client_id: client.id, kid: cert.kid, name },
  });
  return { state, reply: { certificate: certificateView(cert) } };
}

export function listCertificates(
  state: OrgState,
  input: { client: Client | undefined; certificates: Certificate[] },
  env: TurnEnv,
) {
  clientGuard(state, env, input.client, "client:read", false);
  const all = [...input.certificates].sort((a, b) => compareIds(a.id, b.id));
  return { state, reply: { certificates: all.map(certificateView) } };
}

export function getCertificate(
  state: OrgState,
  input: { client: Client | undefined; certificate: Certificate | undefined },
  env: TurnEnv,
) {
  const client = clientGuard(state, env, input.client, "client:read", false);
  const cert = certGuard(client, input.certificate);
  return { state, reply: { certificate: certificateView(cert) } };
}

export function revokeCertificate(
  state: OrgState,
  input: { client: Client | undefined; certificate: Certificate | undefined },
  env: TurnEnv,
  out: TurnOutput,
) {
  const client = clientGuard(state, env, input.client, "client:revoke", true);
  const before = certGuard(client, input.certificate);
  if (before.revoked_at !== null) throw ClientErrors.CERTIFICATE_ALREADY_REVOKED();
  const cert: Certificate = { ...before, revoked_at: env.now, revoked_by_user_id: env.userId };
  out.write(putCertificateWrites(cert));
  out.write(withdrawKeysWrites(cert.org_id, [cert]));
  out.write(invalidationWrites([certTarget(cert)], env));
  out.event({
    event_type: "client_certificate_revoked",
    resource_type: "client_certificate",
    resource_id: cert.id,
    data: { client_id: client.id, kid: cert.kid },
  });
  return { state, reply: { certificate: certificateView(cert) } };
}

export function deleteCertificate(
  state: OrgState,
  input: { client: Client | undefined; certificate: Certificate | undefined },
  env: TurnEnv,
  out: TurnOutput,
) {
  const client = clientGuard(state, env, input.client, "client:delete", true);
  const cert = certGuard(client, input.certificate);
  out.write(deleteCertificateWrites(cert));
  out.write(withdrawKeysWrites(cert.org_id, [cert]));
  out.write(invalidationWrites([certTarget(cert)], env));
  out.event({
    event_type: "client_certificate_deleted",
    resource_type: "client_certificate",
    resource_id: cert.id,
    data: { client_id: client.id, kid: cert.kid },
  });
  return { state, reply: { deleted: true as const } };
}
