/**
 * Every actor kind the product runs. src/main.ts hands these to the runtime (main thread) and
 * names this module to the workers, which import it themselves; a kind missing here cannot
 * receive messages. The runtime never imports this file: its actor kinds come from above.
 */
import { type AnyActorDefinition, eraseActor } from "../src/runtime/define.ts";
import { organizationActor } from "./organization/actor.ts";
import { vaultActor } from "./vault/actor.ts";

export const actorDefinitions: readonly AnyActorDefinition[] = [
  eraseActor(organizationActor),
  eraseActor(vaultActor),
];

/** This module, for workers (they import it by URL and read `actorDefinitions`). */
export const ACTOR_DEFINITIONS_MODULE = import.meta.url;
