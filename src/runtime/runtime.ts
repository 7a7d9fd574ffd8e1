/**
 * `createActorRuntime`: assembles the actor runtime of one node (host, turn runner on the main
 * thread or on workers, router/client, metrics, health section, fencing and reminder wiring).
 * Built by src/main.ts after the cluster node started; the internal endpoint is started before
 * the cluster (its bound port is the node's advertised address) and gets the router's handler.
 */
import type { Registry } from "prom-client";
import type { LeaderJob } from "../cluster/jobs-types.ts";
import type { Reminder } from "../cluster/reminders.ts";
import type { ClusterView } from "../cluster/types.ts";
import type { KvStore } from "../kv/types.ts";
import type { Clock } from "../lib/clock.ts";
import { isAppError } from "../lib/errors.ts";
import type { HealthRegistry } from "../lib/health.ts";
import type { SnowflakeGenerator } from "../lib/ids.ts";
import type { Logger } from "../lib/log.ts";
import type { ActorClient } from "./client.ts";
import type { ActorMessage, AnyActorDefinition } from "./define.ts";
import { ActorExecutor, type TurnRunner } from "./executor.ts";
import { ActorHost } from "./host.ts";
import { createIdempotencyCleanupJob } from "./idempotency-cleanup.ts";
import type { ForwardRequest, ForwardResponse, ForwardTarget } from "./internal-endpoint.ts";
import { createRuntimeMetrics, type RuntimeMetrics } from "./metrics.ts";
import { CommittedReads, ownerIsAlive } from "./persistence.ts";
import { ActorRouter } from "./router.ts";
import { WorkerPool } from "./workers.ts";

/** The `cluster.*` keys the runtime reads (src/config/schema.ts). */
export interface RuntimeConfig {
  workers: number;
  mailbox_capacity: number;
  actor_idle_ms: number;
  max_hops: number;
  secret?: string | undefined;
}

export interface ActorRuntimeOptions {
  kv: KvStore;
  clock: Clock;
  log: Logger;
  /** The node's cluster view; when it can run leader jobs, the idempotency cleanup is registered. */
  cluster: ClusterView & { registerJob?: (job: LeaderJob) => () => void };
  /** The node's generator (its worker id comes from the registry). */
  ids: SnowflakeGenerator;
  config: RuntimeConfig;
  /** Shared prom-client registry; private when absent. */
  metrics?: Registry;
  health?: HealthRegistry;
  /**
   * The actor kinds to run, for the main thread (workers: 0) and for routing. The runtime knows
   * no kind of its own: src/main.ts passes the product's (actors/registry.ts).
   */
  definitions: readonly AnyActorDefinition[];
  /** URL of the module exporting the same `actorDefinitions`, imported by each worker. */
  definitionsModule: string;
  /** Group commit bound in turns per commit (default 256); 1 disables group commit (benchmarks). */
  maxBatchTurns?: number;
  /** How long idempotency outcomes are kept (ms); default 24 h (tests shorten it). */
  idempotencyTtlMs?: number;
  /** Pause of the leader's idempotency cleanup when idle (ms); default 60 000. */
  idempotencyCleanupMs?: number;
  /** In-process forwarding (simulation); default HTTP to the peer's internal endpoint. */
  forward?: (
    target: ForwardTarget,
    req: ForwardRequest,
    timeoutMs: number,
  ) => Promise<ForwardResponse>;
}

export interface ActorRuntime {
  readonly client: ActorClient;
  readonly host: ActorHost;
  readonly metrics: RuntimeMetrics;
  /** The internal endpoint's handler for forwarded messages. */
  receive(req: ForwardRequest): Promise<ForwardResponse>;
  /** The cluster's reminder delivery: the reminder's payload becomes a message to the actor. */
  deliverReminder(reminder: Reminder): Promise<void>;
  /** Executor counters (after-commit effects run, activations held). */
  stats(): ReturnType<TurnRunner["stats"]>;
  /** Waits for workers to load, starts the idle sweeper. */
  start(): Promise<void>;
  /** Releases every owner key, stops workers. */
  stop(): Promise<void>;
}

const REMINDER_DEADLINE_MS = 30_000;
const TRANSIENT = new Set<string>([
  "unavailable",
  "overloaded",
  "deadline_exceeded",
  "rate_limited",
]);

export function createActorRuntime(opts: ActorRuntimeOptions): ActorRuntime {
  const { kv, clock, cluster, config } = opts;
  const log = opts.log.child({ subsystem: "actors" });
  const metrics = createRuntimeMetrics(opts.metrics);
  const definitions = opts.definitions;
  const reads = new CommittedReads(kv);
  const runner: TurnRunner & { ready?: () => Promise<void> } =
    config.workers > 0
      ? new WorkerPool({
          size: config.workers,
          reads,
          log,
          nextId: () => opts.ids.nextBigInt(),
          definitionsModule: opts.definitionsModule,
        })
      : new ActorExecutor(
          definitions,
          {
            get: (k) => reads.get(k),
            getRange: (b, e, o) => reads.getRange(b, e, o),
            nextId: () => opts.ids.next(),
          },
          log,
        );
  const queries = new Map(definitions.map((d) => [d.kind, d.queries]));
  const host = new ActorHost({
    kv,
    clock,
    log,
    runner,
    metrics,
    isQuery: (kind, type) => queries.get(kind)?.has(type) === true,
    mailboxCapacity: config.mailbox_capacity,
    ...(opts.idempotencyTtlMs ? { idempotencyTtlMs: opts.idempotencyTtlMs } : {}),
    idleMs: config.actor_idle_ms,
    ...(opts.maxBatchTurns === undefined ? {} : { maxBatchTurns: opts.maxBatchTurns }),
    cluster: {
      self: () => {
        const s = cluster.self();
        return { nodeId: s.nodeId, incarnation: s.incarnation };
      },
      isAlive: (nodeId, incarnation) => ownerIsAlive(cluster.liveNodes(), nodeId, incarnation),
      isFenced: () => cluster.isFenced(),
    },
  });
  const router = new ActorRouter({
    host,
    cluster,
    clock,
    log,
    kinds: new Set(definitions.map((d) => d.kind)),
    maxHops: config.max_hops,
    secret: config.secret,
    metrics,
    ...(opts.forward ? { forward: opts.forward } : {}),
  });
  // Fenced: writes and new activations answer 503, active actors keep answering reads (each
  // checked against its owner key). Re-joined under a new incarnation: the old claims are stale,
  // so every activation is dropped and the next message claims afresh.
  const offFenced = cluster.on("fenced", () => {
    log.warn("node fenced: actors answer reads only", { active: host.size });
  });
  const offUnfenced = cluster.on("unfenced", () => {
    log.info("node re-joined: dropping activations of the previous incarnation", {
      active: host.size,
    });
    host.dropAll();
  });
  const unsubscribe = () => {
    offFenced();
    offUnfenced();
  };
  const unregisterJob = cluster.registerJob?.(
    createIdempotencyCleanupJob(
      opts.idempotencyCleanupMs ? { intervalMs: opts.idempotencyCleanupMs } : {},
    ),
  );
  const unhealth = opts.health?.register("actors", () => ({
    workers: config.workers,
    active: host.activeByKind(),
  }));
  return {
    client: router,
    host,
    metrics,
    receive: (req) => router.receive(req),
    async deliverReminder(r) {
      const message = r.payload as ActorMessage | undefined;
      if (!message || typeof message !== "object" || typeof message.type !== "string") {
        log.warn("dropping reminder without a message", { kind: r.kind, id: r.id, name: r.name });
        return;
      }
      try {
        await router.ask(r.kind, r.id, message, {
          deadlineMs: REMINDER_DEADLINE_MS,
          idempotencyKey: `reminder:${r.name}:${r.dueMs}`,
          principal: { system: true },
        });
      } catch (e) {
        // The actor's own answer is final (it ran); only transient failures are redelivered.
        if (isAppError(e) && !TRANSIENT.has(e.kind)) {
          log.warn("reminder answered with an error", { kind: r.kind, id: r.id, code: e.code });
          return;
        }
        throw e;
      }
    },
    stats: () => runner.stats(),
    async start() {
      await runner.ready?.();
      host.start();
    },
    async stop() {
      unsubscribe();
      unhealth?.();
      unregisterJob?.();
      await host.stop();
      await runner.close();
    },
  };
}
