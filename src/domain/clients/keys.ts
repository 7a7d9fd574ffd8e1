/**
 * Where service clients live (A16), for what needs them before the client issue builds them: the
 * vault's client grants (docs/vaults.md#client-grants) must name a live client of the organization.
 *
 *   Roots.client ("c", org, client)    the client record: present from the client's creation until
 *                                      its deletion (a deleted client's key is cleared, like a
 *                                      team's); its value (codec) belongs to the client issue
 *
 * The client issue owns this key and its codec; whatever else it stores (certificates, indexes)
 * goes beside it under Roots.client. Until it exists nothing writes here, so `clientExists` is
 * always false and every client grant answers `GRANT_CLIENT_NOT_FOUND`.
 */
import { Roots } from "../../kv/layout.ts";
import type { Mutation, ReadOps } from "../../kv/types.ts";
import { idItem } from "../users/keys.ts";
import { withdrawOrgKeysWrites } from "./jwks.ts";

export const ClientKeys = {
  client: (orgId: string, clientId: string) =>
    Roots.client.key("c", idItem(orgId), idItem(clientId)),
} as const;

/**
 * The port the vault's client grants use: is `clientId` a live client of `orgId`? `read` is a
 * reader of committed keys (the vault turn's `ctx.read`, so the read is re-validated at commit).
 */
export async function clientExists(
  read: Pick<ReadOps, "get">,
  orgId: string,
  clientId: string,
): Promise<boolean> {
  return (await read.get(ClientKeys.client(orgId, clientId))) !== undefined;
}

/**
 * Beside the client record, under Roots.client (docs/clients.md#key-layout):
 *
 *   ("c", org)                    range of every client record of the organization
 *   ("k", org, client, cert)      a certificate of the client (public key, sealed private key)
 *   ("k", org, client)            range of the client's certificates
 */
export const ClientRanges = {
  clients: (orgId: string) => Roots.client.range("c", idItem(orgId)),
  certificate: (orgId: string, clientId: string, certId: string) =>
    Roots.client.key("k", idItem(orgId), idItem(clientId), idItem(certId)),
  certificates: (orgId: string, clientId: string) =>
    Roots.client.range("k", idItem(orgId), idItem(clientId)),
  /** Every certificate of every organization (a scope of `KvStore.changeMark`). */
  certificateSpace: Roots.client.sub("k"),
} as const;

/**
 * Clears every client and certificate of a deleted organization (A16), in the organization's
 * delete commit: two range clears, and its keys leave the JWKS index (./jwks.ts) in the same
 * commit.
 */
export function deleteOrgClientsWrites(orgId: string): Mutation[] {
  const [cb, ce] = ClientRanges.clients(orgId);
  const [kb, ke] = Roots.client.range("k", idItem(orgId));
  return [
    { op: "clearRange", begin: cb, end: ce },
    { op: "clearRange", begin: kb, end: ke },
    ...withdrawOrgKeysWrites(orgId),
  ];
}
