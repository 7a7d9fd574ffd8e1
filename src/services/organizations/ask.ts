/**
 * How the organization-scoped use cases (organizations, members, invitations, teams) reach the
 * organization actor: one typed call, `askOrg(deps, principal, orgId, "teams.create", input)`,
 * whose input and reply types come from the actor's protocol (actors/organization/protocol.ts).
 * It sends the request origin beside the message (not fingerprinted: a retry from another proxy
 * or node replays the first outcome) and scopes the caller's Idempotency-Key to them.
 */
import {
  type OrganizationProtocol,
  organizationProtocol,
} from "../../../actors/organization/protocol.ts";
import type { ActorClient } from "../../runtime/client.ts";
import {
  type InputOf,
  type MessageName,
  type ProtocolClient,
  protocolClient,
  type ReplyOf,
} from "../../runtime/protocol.ts";
import { type CallOptions, type Principal, scopedIdempotencyKey } from "../context.ts";

const clients = new WeakMap<ActorClient, ProtocolClient<OrganizationProtocol>>();

/** The typed client of the organization actors on `actors`. */
export function orgActors(actors: ActorClient): ProtocolClient<OrganizationProtocol> {
  let c = clients.get(actors);
  if (!c) {
    c = protocolClient(actors, organizationProtocol);
    clients.set(actors, c);
  }
  return c;
}

type OrgName = MessageName<OrganizationProtocol>;

/** Sends message `type` to organization `orgId`'s actor as `p`; resolves with its reply. */
export function askOrg<T extends OrgName>(
  deps: { actors: ActorClient },
  p: Principal,
  orgId: string,
  type: T,
  input: InputOf<OrganizationProtocol, T>,
  opts?: Partial<CallOptions>,
): Promise<ReplyOf<OrganizationProtocol, T>> {
  return orgActors(deps.actors).ask(orgId, type, input, {
    principal: { userId: p.userId },
    ...(opts?.meta ? { origin: { ip: opts.meta.ip, userAgent: opts.meta.userAgent } } : {}),
    ...(opts?.idempotencyKey
      ? { idempotencyKey: scopedIdempotencyKey(p.userId, opts.idempotencyKey) }
      : {}),
  });
}
