/**
 * Every actor kind the runtime can activate. The runtime (main thread and each worker) builds its
 * table from `actorDefinitions`; a kind missing here cannot receive messages.
 */
import { type AnyActorDefinition, eraseActor } from "../src/runtime/define.ts";
import { organizationActor } from "./organization/actor.ts";
import { vaultActor } from "./vault/actor.ts";

export const actorDefinitions: readonly AnyActorDefinition[] = [
  eraseActor(organizationActor),
  eraseActor(vaultActor),
];
