/**
 * `createClusterNode`: one node's membership in the cluster. Starts and stops the registry
 * (registration, heartbeats, fencing), the leader election, the leader-only jobs (including the
 * node reaper that declares suspect nodes dead and the reminder fan-out), and implements the
 * `ClusterView` the runtime codes against. Constructed once per process in src/main.ts.
 */

import type { Registry } from "prom-client";
import type { KvStore, Transaction } from "../kv/types.ts";
import type { Clock } from "../lib/clock.ts";
import type { HealthRegistry } from "../lib/health.ts";
import type { SnowflakeGenerator } from "../lib/ids.ts";
import type { Logger } from "../lib/log.ts";
import { ClusterErrors } from "./errors.ts";
import { LeaderJobs } from "./jobs.ts";
import type { LeaderJob } from "./jobs-types.ts";
import { fenceTerm, LeaderElection } from "./leader.ts";
import { type ClusterMetrics, createClusterMetrics } from "./metrics.ts";
import { declareDead, forgetDead } from "./records.ts";
import { NodeRegistry } from "./registry.ts";
import { createReminderJob, type ReminderDelivery } from "./reminders.ts";
import { secretTag } from "./secret-tag.ts";
import {
  type ClusterEvent,
  type ClusterTimings,
  type ClusterView,
  DEFAULT_TIMINGS,
  type LeaderFence,
  type LeaderInfo,
  type NodeInfo,
  type SelfInfo,
} from "./types.ts";

/** The `cluster.*` configuration keys this layer reads (src/config/schema.ts). */
export interface ClusterNodeConfig {
  node_id?: string;
  advertise_address?: string;
  internal_port?: number;
  heartbeat_ms?: number;
  suspect_ms?: number;
  fence_ms?: number;
  /** Campaign interval of followers; default = heartbeat_ms. */
  campaign_ms?: number;
  /** The cluster secret (only its `secretTag` is stored, in the node's registry record). */
  secret?: string | undefined;
}

export interface ClusterNodeOptions {
  kv: KvStore;
  clock: Clock;
  log: Logger;
  config: ClusterNodeConfig;
  /** The node's Snowflake generator: gets the registered worker id (`setWorkerId`). */
  ids?: SnowflakeGenerator;
  /** The shared prom-client registry (src/lib/metrics.ts); a private one when absent. */
  metrics?: Registry;
  /** Where the `cluster` section of `/v1/health` is registered. */
  health?: HealthRegistry;
}

/** Dead records are deleted after being watched dead this long (ms, on the leader's clock). */
const DEAD_RETENTION_MS = 10 * 60_000;

export interface ClusterNode extends ClusterView, LeaderFence {
  readonly timings: ClusterTimings;
  /** Registers (resolves once this node has an incarnation and worker id) and starts the loops. */
  start(): Promise<void>;
  /**
   * Stops everything: leader jobs, election (abdicating when leading), heartbeats, then leaves
   * the cluster (record deleted, worker id freed). `graceful: false` skips the KV writes, as a
   * crash would (tests and simulation).
   */
  stop(opts?: { graceful?: boolean }): Promise<void>;
  /** Registers a leader-only job (see jobs-types.ts). Returns the unregister function. */
  registerJob(job: LeaderJob): () => void;
  /** Wires the reminder delivery (the runtime sends the actor a message). */
  setReminderDelivery(deliver: ReminderDelivery | undefined): void;
  /** The `cluster` section of `/v1/health`. */
  health(): Record<string, unknown>;
  /** This node's current term when leading. */
  term(): LeaderInfo | undefined;
  /** State of the election machine: follower, candidate, leader, steppingDown, stopped. */
  electionState(): string;
  readonly metrics: ClusterMetrics;
}

/** Resolves and checks timings: heartbeat < fence < suspect, all positive. */
export function resolveTimings(config: ClusterNodeConfig): ClusterTimings {
  const heartbeatMs = config.heartbeat_ms ?? DEFAULT_TIMINGS.heartbeatMs;
  const t: ClusterTimings = {
    heartbeatMs,
    suspectMs: config.suspect_ms ?? DEFAULT_TIMINGS.suspectMs,
    fenceMs: config.fence_ms ?? DEFAULT_TIMINGS.fenceMs,
    campaignMs: config.campaign_ms ?? heartbeatMs,
  };
  for (const [k, v] of Object.entries(t)) {
    if (!Number.isInteger(v) || v <= 0)
      throw new RangeError(`cluster ${k} must be a positive integer (ms)`);
  }
  if (t.heartbeatMs >= t.fenceMs) {
    throw new RangeError("cluster.heartbeat_ms must be smaller than cluster.fence_ms");
  }
  if (t.fenceMs >= t.suspectMs) {
    // A node must fence itself before any observer can suspect it long enough to declare it dead.
    throw new RangeError("cluster.fence_ms must be smaller than cluster.suspect_ms");
  }
  return t;
}

function randomNodeId(): string {
  const b = crypto.getRandomValues(new Uint8Array(6));
  return `node-${[...b].map((x) => x.toString(16).padStart(2, "0")).join("")}`;
}

export function createClusterNode(opts: ClusterNodeOptions): ClusterNode {
  const { kv, clock, config } = opts;
  const timings = resolveTimings(config);
  const nodeId = config.node_id ?? randomNodeId();
  const log = opts.log.child({ subsystem: "cluster", nodeId });
  const address = `${config.advertise_address ?? "127.0.0.1"}:${config.internal_port ?? 0}`;
  const metrics = createClusterMetrics(opts.metrics);
  const registry = new NodeRegistry({
    kv,
    clock,
    log,
    timings,
    nodeId,
    address,
    secretTag: secretTag(config.secret),
    metrics,
    ...(opts.ids ? { ids: opts.ids } : {}),
  });
  const jobs = new LeaderJobs({
    kv,
    clock,
    log,
    metrics,
    fence: async (tx, term) => {
      if (registry.isFenced()) throw ClusterErrors.NOT_LEADER();
      await fenceTerm(tx, term);
    },
  });
  const election = new LeaderElection({
    kv,
    clock,
    log,
    registry,
    metrics,
    onElected: (term) => jobs.start(term),
    onDeposed: () => void jobs.stop(),
  });
  let delivery: ReminderDelivery | undefined;
  jobs.register(createReminderJob({ delivery: () => delivery }));
  jobs.register({
    name: "node-reaper",
    intervalMs: timings.heartbeatMs,
    async runBatch(ctx) {
      for (const rec of registry.suspects()) {
        if (ctx.signal.aborted) break;
        const declared = await kv.transact(
          async (tx) => {
            await ctx.fence(tx);
            return declareDead(tx, rec);
          },
          { name: "cluster.declare-dead" },
        );
        if (declared) {
          metrics.deadDeclarations.inc();
          log.warn("declared node dead", { node: rec.nodeId, incarnation: rec.incarnation });
        }
      }
      for (const rec of registry.deadRecords(DEAD_RETENTION_MS)) {
        if (ctx.signal.aborted) break;
        await kv.transact(
          async (tx) => {
            await ctx.fence(tx);
            await forgetDead(tx, rec);
          },
          { name: "cluster.forget-dead" },
        );
      }
      return { more: false };
    },
  });

  let heartbeatLoop: AbortController | undefined;
  let loopDone: Promise<void> = Promise.resolve();
  let unregisterHealth: (() => void) | undefined;

  const node: ClusterNode = {
    timings,
    metrics,
    self: (): SelfInfo => registry.self(),
    liveNodes: (): NodeInfo[] => registry.liveNodes(),
    members: (): NodeInfo[] => registry.members(),
    isFenced: () => registry.isFenced(),
    // While leading, our own term is fresher than the record as last observed by a heartbeat.
    leader: () => (node.isLeader() ? election.term() : undefined) ?? registry.leaderRecord(),
    isLeader: () => election.isLeader() && !registry.isFenced(),
    term: () => election.term(),
    electionState: () => election.state(),
    on(event: ClusterEvent, fn: () => void) {
      return event === "leader"
        ? combine(registry.events.on("leader", fn), election.events.on("leader", fn))
        : registry.events.on(event, fn);
    },
    fence: async (tx: Transaction) => {
      if (registry.isFenced()) throw ClusterErrors.NOT_LEADER();
      await election.fence(tx);
    },
    registerJob: (job) => jobs.register(job),
    setReminderDelivery(deliver) {
      delivery = deliver;
    },
    health() {
      const me = registry.isRegistered() ? registry.self() : undefined;
      const leader = node.leader();
      return {
        node_id: nodeId,
        incarnation: me?.incarnation ?? null,
        worker_id: me?.workerId ?? null,
        address,
        fenced: registry.isFenced(),
        is_leader: node.isLeader(),
        election_state: election.state(),
        leader: leader
          ? { node_id: leader.nodeId, incarnation: leader.incarnation, epoch: leader.epoch }
          : null,
        members: registry.members().map((m) => ({
          node_id: m.nodeId,
          incarnation: m.incarnation,
          worker_id: m.workerId,
          address: m.address,
          status: m.status,
        })),
      };
    },
    async start() {
      await registry.register();
      const unSection = opts.health?.register("cluster", () => node.health());
      // `/readyz`: 503 until this node can route and serve actors (registered and not fenced, and
      // its membership view has been read at least once), and again while it is fenced.
      const unGate = opts.health?.addReadiness("cluster", () =>
        !registry.isRegistered()
          ? "not registered"
          : registry.isFenced()
            ? "fenced"
            : registry.hasObserved()
              ? undefined
              : "membership not observed yet",
      );
      unregisterHealth = () => {
        unSection?.();
        unGate?.();
      };
      const loop = new AbortController();
      heartbeatLoop = loop;
      election.start();
      loopDone = (async () => {
        while (!loop.signal.aborted) {
          try {
            await registry.tick();
          } catch (e) {
            log.error("heartbeat tick failed", { err: e });
          }
          election.nudge();
          try {
            await clock.sleep(timings.heartbeatMs, loop.signal);
          } catch {
            return;
          }
        }
      })();
    },
    async stop(o) {
      heartbeatLoop?.abort();
      unregisterHealth?.();
      await jobs.stop();
      if (o?.graceful === false) {
        registry.stop();
        await election.stop({ abdicate: false });
        return;
      }
      await election.stop();
      registry.stop(); // ends a re-registration loop; leave() below still runs
      await loopDone;
      try {
        await registry.leave();
      } catch (e) {
        registry.stop();
        log.warn("graceful leave failed", { err: e });
      }
    },
  };
  return node;
}

function combine(...fns: Array<() => void>): () => void {
  return () => {
    for (const f of fns) f();
  };
}
