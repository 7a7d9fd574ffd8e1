/**
 * Test support for the runtime: a node = a real cluster node (registry, election) and a real
 * actor runtime over a shared KV store, on the main thread (`workers: 0`) or on one worker.
 */
import { type ClusterNode, createClusterNode } from "../../../src/cluster/node.ts";
import type { KvStore } from "../../../src/kv/types.ts";
import type { Clock } from "../../../src/lib/clock.ts";
import { SnowflakeGenerator } from "../../../src/lib/ids.ts";
import { type Logger, silentLogger } from "../../../src/lib/log.ts";
import { type ActorRuntime, createActorRuntime } from "../../../src/runtime/runtime.ts";
import { actorDefinitions, FIXTURES_MODULE } from "./fixtures/actors.ts";

export interface TestNode {
  cluster: ClusterNode;
  runtime: ActorRuntime;
  stop(opts?: { graceful?: boolean }): Promise<void>;
}

export interface TestNodeOptions {
  kv: KvStore;
  clock: Clock;
  workers: number;
  nodeId: string;
  idleMs?: number;
  capacity?: number;
  /** `cluster.secret`; default "test-secret". `null` leaves it unset. */
  secret?: string | null;
  log?: Logger;
  /** Short cluster timings (ms heartbeat) so leadership comes quickly on the system clock. */
  heartbeatMs?: number;
  idempotencyTtlMs?: number;
  idempotencyCleanupMs?: number;
}

export async function startTestNode(o: TestNodeOptions): Promise<TestNode> {
  const ids = new SnowflakeGenerator({ workerId: 0, clock: o.clock });
  const cluster = createClusterNode({
    kv: o.kv,
    clock: o.clock,
    log: silentLogger,
    config: {
      node_id: o.nodeId,
      internal_port: 0,
      ...(o.heartbeatMs
        ? {
            heartbeat_ms: o.heartbeatMs,
            fence_ms: o.heartbeatMs * 3,
            suspect_ms: o.heartbeatMs * 5,
          }
        : {}),
    },
    ids,
  });
  await cluster.start();
  const runtime = createActorRuntime({
    kv: o.kv,
    clock: o.clock,
    log: o.log ?? silentLogger,
    cluster,
    ids,
    config: {
      workers: o.workers,
      mailbox_capacity: o.capacity ?? 100,
      actor_idle_ms: o.idleMs ?? 60_000,
      max_hops: 2,
      secret: o.secret === null ? undefined : (o.secret ?? "test-secret"),
    },
    definitions: actorDefinitions,
    ...(o.idempotencyTtlMs ? { idempotencyTtlMs: o.idempotencyTtlMs } : {}),
    ...(o.idempotencyCleanupMs ? { idempotencyCleanupMs: o.idempotencyCleanupMs } : {}),
    definitionsModule: FIXTURES_MODULE,
  });
  await runtime.start();
  return {
    cluster,
    runtime,
    async stop(opts) {
      await runtime.stop();
      await cluster.stop(opts);
    },
  };
}

/** Captures a rejection's AppError code (or "resolved"). */
export async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "resolved";
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  }
}
