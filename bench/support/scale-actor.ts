/**
 * Cold activation of one organization actor, for bench/scale.ts: the product's actor kinds
 * (actors/registry.ts) on one node's runtime over a SQLite file, main thread (`workers: 0`, the
 * default), so the activation's heap is this process's heap. Each round evicts every idle
 * activation (`host.evictIdle()` once the actor has been idle for IDLE_MS), collects garbage,
 * then times the first `get` to the organization (owner-key claim, the one range read of
 * `("o", org)`, decoding it into the state, the turn), collects garbage again and takes the heap
 * growth: what the active actor holds. The rows the activation read come from the counting
 * backend (./scale-counting.ts).
 */
import { ACTOR_DEFINITIONS_MODULE, actorDefinitions } from "../../actors/registry.ts";
import { createSqliteBackend } from "../../src/kv/backends/sqlite.ts";
import { startBenchRuntime } from "./runtime.ts";
import { countingBackend, type ReadCounts } from "./scale-counting.ts";

/** Idle time after which the sweeper (and `evictIdle`) may evict an activation. */
const IDLE_MS = 1000;

export interface ActivationRun {
  /** Milliseconds of each round's first message (activation + load + turn). */
  ms: number[];
  /** Heap growth (bytes, after full collections) of each round while the actor is active. */
  heapBytes: number[];
  /** What the activation read (the first round's). */
  reads: ReadCounts;
}

/** Runs `rounds` evict-and-activate rounds for each of `orgs` (id and a member's user id). */
export async function coldActivations(
  path: string,
  orgs: { orgId: string; userId: string }[],
  rounds: number,
): Promise<ActivationRun[]> {
  const counted = countingBackend(createSqliteBackend({ path }));
  const node = await startBenchRuntime(counted.backend, {
    workers: 0,
    actors: { definitions: actorDefinitions, module: ACTOR_DEFINITIONS_MODULE },
    actorIdleMs: IDLE_MS,
  });
  const { runtime } = node;
  const heap = () => {
    Bun.gc(true);
    return process.memoryUsage().heapUsed;
  };
  const out: ActivationRun[] = [];
  try {
    for (const { orgId, userId } of orgs) {
      const run: ActivationRun = { ms: [], heapBytes: [], reads: counted.take() };
      for (let r = 0; r < rounds; r++) {
        await Bun.sleep(IDLE_MS + 50);
        await runtime.host.evictIdle();
        const held = (await runtime.stats()).activations;
        if (held !== 0) throw new Error(`${held} activations left after eviction`);
        const before = heap();
        counted.take();
        counted.counting = true;
        const t0 = performance.now();
        await runtime.client.ask(
          "organization",
          orgId,
          { type: "get" },
          { principal: { userId, sessionId: "" } },
        );
        run.ms.push(performance.now() - t0);
        counted.counting = false;
        const reads = counted.take();
        if (r === 0) run.reads = reads;
        run.heapBytes.push(heap() - before);
      }
      out.push(run);
    }
  } finally {
    await node.stop();
  }
  return out;
}
