/**
 * Type-level tests of the typed actor protocols, checked by `npm run typecheck` (never run): each
 * `@ts-expect-error` line must fail to compile, so a protocol that stopped catching a wrong message
 * name, wrong input fields or a wrong expected reply fails the type check.
 */
import { organizationProtocol } from "../../actors/organization/protocol.ts";
import type { ActorClient } from "../../src/runtime/client.ts";
import { protocolClient } from "../../src/runtime/protocol.ts";
import { askOrg } from "../../src/services/organizations/ask.ts";
import { counterProtocol } from "../support/named-counter.ts";

const p = { userId: "1", sessionId: "2" };

export async function counterCalls(actors: ActorClient) {
  const counters = protocolClient(actors, counterProtocol);
  // The reply type comes from the protocol.
  const got: { name: string; count: number } = await counters.ask("1", "increment", { by: 2 });
  const none = await counters.ask("1", "get", {});
  none.count satisfies number;

  // @ts-expect-error an unknown message name
  await counters.ask("1", "decrement", {});
  // @ts-expect-error a wrong input field type
  await counters.ask("1", "increment", { by: "2" });
  // @ts-expect-error an input field the message does not have
  await counters.ask("1", "rename", { name: "x", colour: "red" });
  // @ts-expect-error a required input field missing
  await counters.ask("1", "rename", {});
  // @ts-expect-error a wrong expected reply type
  const wrong: { count: string } = await counters.ask("1", "get", {});
  return [got, wrong];
}

export async function organizationCalls(actors: ActorClient) {
  const team = await askOrg({ actors }, p, "1", "teams.create", { name: "a", description: null });
  team.team.name satisfies string;
  const orgs = protocolClient(actors, organizationProtocol);
  const role = await orgs.ask("1", "check", { action: "team:create" });
  role.role satisfies "OWNER" | "ADMIN" | "MEMBER";

  // @ts-expect-error an unknown message name
  await askOrg({ actors }, p, "1", "teams.rename", { teamId: "1" });
  // @ts-expect-error a wrong input field (teamId is required)
  await askOrg({ actors }, p, "1", "teams.get", { team: "1" });
  // @ts-expect-error an action outside the authorization table
  await orgs.ask("1", "check", { action: "team:explode" });
  // @ts-expect-error a wrong expected reply type
  const wrong: { organization: number } = await askOrg({ actors }, p, "1", "get", {});
  return wrong;
}
