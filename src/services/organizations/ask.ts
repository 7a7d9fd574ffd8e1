/**
 * How the organization-scoped use cases (organizations, members, invitations, teams) reach the
 * organization actor: `askOrg(deps, principal, orgId, "teams.create", input)`, whose input and
 * reply types come from the actor's protocol (actors/organization/protocol.ts); see
 * src/services/actors.ts for what travels with the message.
 */
import {
  type OrganizationProtocol,
  organizationProtocol,
} from "../../../actors/organization/protocol.ts";
import type { ActorClient } from "../../runtime/client.ts";
import type { InputOf, MessageName, ProtocolClient, ReplyOf } from "../../runtime/protocol.ts";
import { actorsOf, askAs } from "../actors.ts";
import type { CallOptions, Principal } from "../context.ts";

/** The typed client of the organization actors on `actors`. */
export function orgActors(actors: ActorClient): ProtocolClient<OrganizationProtocol> {
  return actorsOf(actors, organizationProtocol);
}

/** Sends message `type` to organization `orgId`'s actor as `p`; resolves with its reply. */
export function askOrg<T extends MessageName<OrganizationProtocol>>(
  deps: { actors: ActorClient },
  p: Principal,
  orgId: string,
  type: T,
  input: InputOf<OrganizationProtocol, T>,
  opts?: Partial<CallOptions>,
): Promise<ReplyOf<OrganizationProtocol, T>> {
  return askAs(deps.actors, organizationProtocol, p, orgId, type, input, opts);
}
