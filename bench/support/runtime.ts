/**
 * One node's cluster membership and actor runtime over a given KV backend, for benchmarks that
 * measure actors without HTTP (bench/actors.ts, bench/orgs.ts): system clock, silent logs, a single
 * node with a roomy mailbox and no idle eviction during a run.
 */

import type { Registry } from "prom-client";
import { createClusterNode } from "../../src/cluster/node.ts";
import { createKvStore } from "../../src/kv/store.ts";
import type { KvBackend } from "../../src/kv/types.ts";
import { systemClock } from "../../src/lib/clock.ts";
import { SnowflakeGenerator } from "../../src/lib/ids.ts";
import { silentLogger } from "../../src/lib/log.ts";
import { createActorRuntime } from "../../src/runtime/runtime.ts";
import { TEST_ACTORS } from "../../test/support/actors.ts";

export interface BenchRuntimeOptions {
  workers: number;
  /** The actor kinds to run; the test actors by default (bench/scale.ts runs the product's). */
  actors?: { definitions: typeof TEST_ACTORS.definitions; module: string };
  /** Idle time after which an activation may be evicted; 10 min by default (none in a run). */
  actorIdleMs?: number;
  /** 1 turns group commit off; default: the runtime's bound. */
  maxBatchTurns?: number;
  metrics?: Registry;
}

export async function startBenchRuntime(backend: KvBackend, opts: BenchRuntimeOptions) {
  const kv = createKvStore(backend, { clock: systemClock });
  const ids = new SnowflakeGenerator({ workerId: 0, clock: systemClock });
  const cluster = createClusterNode({
    kv,
    clock: systemClock,
    log: silentLogger,
    config: { node_id: "bench", internal_port: 0 },
    ids,
  });
  await cluster.start();
  const runtime = createActorRuntime({
    kv,
    clock: systemClock,
    log: silentLogger,
    cluster,
    ids,
    ...(opts.metrics ? { metrics: opts.metrics } : {}),
    definitions: (opts.actors ?? TEST_ACTORS).definitions,
    definitionsModule: (opts.actors ?? TEST_ACTORS).module,
    config: {
      workers: opts.workers,
      mailbox_capacity: 100_000,
      actor_idle_ms: opts.actorIdleMs ?? 600_000,
      max_hops: 2,
      secret: "b",
    },
    ...(opts.maxBatchTurns === undefined ? {} : { maxBatchTurns: opts.maxBatchTurns }),
  });
  await runtime.start();
  return {
    runtime,
    ids,
    kv,
    async stop() {
      await runtime.stop();
      await cluster.stop();
      await kv.close();
    },
  };
}
