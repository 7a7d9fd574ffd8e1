/**
 * The actor kinds test nodes run: the product's (actors/registry.ts) plus the `counter` fixture
 * (./named-counter.ts). `buildNode({ actors: TEST_ACTORS })` for in-process nodes; the
 * multi-process tests' node entry passes the same, and workers import this module by URL.
 */
import { actorDefinitions as product } from "../../actors/registry.ts";
import { type AnyActorDefinition, eraseActor } from "../../src/runtime/define.ts";
import { namedCounterActor } from "./named-counter.ts";

export const actorDefinitions: readonly AnyActorDefinition[] = [
  ...product,
  eraseActor(namedCounterActor),
];

export const TEST_ACTORS = { definitions: actorDefinitions, module: import.meta.url };
