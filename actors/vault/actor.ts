/**
 * The vault actor: serialises every mutation of one vault's data (grants, sync state, token
 * families). Until the vault feature brings its domain handlers it carries the minimal named
 * counter state (see ./named-counter.ts), which the runtime's tests and benchmark drive.
 */
import { namedCounterActor } from "./named-counter.ts";

export const vaultActor = namedCounterActor("vault");
