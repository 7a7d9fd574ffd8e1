/**
 * Test support for the runtime: a node = a real cluster node (registry, election) and a real
 * actor runtime over a shared KV store, on the main thread (`workers: 0`) or on one worker.
 */
import { type ClusterNode, createClusterNode } from "../../../src/cluster/node.ts";
import type { KvStore } from "../../../src/kv/types.ts";
import type { Clock } from "../../../src/lib/clock.ts";
import { SnowflakeGenerator } from "../../../src/lib/ids.ts";
import { type Logger, silentLogger } from "../../../src/lib/log.ts";
import { ActorExecutor } from "../../../src/runtime/executor.ts";
import { ActorHost } from "../../../src/runtime/host.ts";
import type { RuntimeMetrics } from "../../../src/runtime/metrics.ts";
import { snapshotGet, snapshotRange } from "../../../src/runtime/persistence.ts";
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
  /**
   * Short cluster timings (ms heartbeat) so leadership comes quickly on the system clock. The
   * fence window stays at least `MIN_FENCE_MS`: a few heartbeats of 20 ms are shorter than the
   * scheduling hiccups of a loaded 2-core machine, and a node that fences itself answers
   * `NODE_UNAVAILABLE` (these tests are not about fencing).
   */
  heartbeatMs?: number;
  idempotencyTtlMs?: number;
  idempotencyCleanupMs?: number;
}

/** Below this, a test node could fence itself on a scheduling hiccup (see `heartbeatMs`). */
const MIN_FENCE_MS = 2000;

function shortTimings(heartbeatMs: number) {
  const fence = Math.max(heartbeatMs * 3, MIN_FENCE_MS);
  return { heartbeat_ms: heartbeatMs, fence_ms: fence, suspect_ms: fence + heartbeatMs * 2 };
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
      ...(o.heartbeatMs ? shortTimings(o.heartbeatMs) : {}),
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

/**
 * An `ActorHost` driven directly (no cluster node, no heartbeat): node `nodeId` (default "n1"),
 * `incarnation` (default 1), fenced when `isFenced()` says so, other owners alive per `isAlive`
 * (default: every other owner taken for dead, as in a partition); turns on this thread with the
 * fixture definitions.
 */
export function directHost(
  kv: KvStore,
  clock: Clock,
  o: {
    nodeId?: string;
    incarnation?: number;
    workerId?: number;
    /** This node's view of who is alive; default: nobody else. */
    isAlive?: (nodeId: string, incarnation: number) => boolean;
    idleMs?: number;
    mailboxCapacity?: number;
    isFenced?: () => boolean;
    metrics?: RuntimeMetrics;
  } = {},
): { host: ActorHost; runner: ActorExecutor } {
  const ids = new SnowflakeGenerator({ workerId: o.workerId ?? 1, clock });
  const runner = new ActorExecutor(
    actorDefinitions,
    {
      get: (k) => snapshotGet(kv, k),
      getRange: (b, e, r) => snapshotRange(kv, b, e, r),
      nextId: () => ids.next(),
    },
    silentLogger,
  );
  const nodeId = o.nodeId ?? "n1";
  const host = new ActorHost({
    kv,
    clock,
    log: silentLogger,
    runner,
    ...(o.metrics ? { metrics: o.metrics } : {}),
    mailboxCapacity: o.mailboxCapacity ?? 100,
    idleMs: o.idleMs ?? 60_000,
    isQuery: (kind, type) =>
      actorDefinitions.find((d) => d.kind === kind)?.queries?.has(type) === true,
    cluster: {
      self: () => ({ nodeId, incarnation: o.incarnation ?? 1 }),
      isAlive: o.isAlive ?? (() => false),
      isFenced: o.isFenced ?? (() => false),
    },
  });
  return { host, runner };
}
