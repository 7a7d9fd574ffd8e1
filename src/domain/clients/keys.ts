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
import type { ReadOps } from "../../kv/types.ts";
import { idItem } from "../users/keys.ts";

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
