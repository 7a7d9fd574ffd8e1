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
import { createClusterNode } from "../../src/cluster/node.ts";
import { createSqliteBackend } from "../../src/kv/backends/sqlite.ts";
import { createKvStore } from "../../src/kv/store.ts";
import { systemClock } from "../../src/lib/clock.ts";
import { SnowflakeGenerator } from "../../src/lib/ids.ts";
import { silentLogger } from "../../src/lib/log.ts";
import { createActorRuntime } from "../../src/runtime/runtime.ts";
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
  const kv = createKvStore(counted.backend, { clock: systemClock });
  const ids = new SnowflakeGenerator({ workerId: 0, clock: systemClock });
  const cluster = createClusterNode({
    kv,
    clock: systemClock,
    log: silentLogger,
    config: { node_id: "scale-activation", internal_port: 0 },
    ids,
  });
  await cluster.start();
  const runtime = createActorRuntime({
    kv,
    clock: systemClock,
    log: silentLogger,
    cluster,
    ids,
    definitions: actorDefinitions,
    definitionsModule: ACTOR_DEFINITIONS_MODULE,
    config: {
      workers: 0,
      mailbox_capacity: 10_000,
      actor_idle_ms: IDLE_MS,
      max_hops: 2,
      secret: "scale",
    },
  });
  await runtime.start();
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
    await runtime.stop();
    await cluster.stop();
    await kv.close();
  }
  return out;
}
