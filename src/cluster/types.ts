/**
 * The cluster's public contract: what the runtime, the HTTP health route and the composition root
 * see of the node registry and the leader election (implemented by src/cluster/node.ts).
 *
 * Everything here is a *local view*: membership is what this node has observed in the KV store on
 * its own monotonic clock; the KV records stay the truth. Code that must be correct under races
 * (actor ownership, leader-only effects) re-reads the KV records inside its own transaction
 * (`fence(tx)`, the actor owner key); the view is for routing, display and fast decisions.
 */

import type { Transaction } from "../kv/types.ts";

/** How a member looks from this node. */
export type MemberStatus =
  /** Registered and its heartbeat counter moved within `suspectMs` (this node's clock, as of its latest observation). */
  | "alive"
  /**
   * Registered, but as of this node's latest observation its heartbeat counter had not moved for
   * `suspectMs` on this node's monotonic clock. (This node itself is `suspect` while fenced.)
   */
  | "suspect"
  /** The leader declared it dead (compare-and-set on its record); its worker id is free. */
  | "dead"
  /** It left gracefully (record deleted), or its record vanished; kept briefly for display. */
  | "left";

/** Identity of this node's current registration. */
export interface SelfInfo {
  /** Stable node name (`cluster.node_id`, or generated at start). */
  nodeId: string;
  /**
   * Fresh on every registration (start, or re-registration after fencing); strictly increasing
   * across the whole cluster. Owner keys and the leader record carry it, so a record written by
   * an older incarnation of the same node is recognisably stale.
   */
  incarnation: number;
  /** Snowflake worker id 0..1023, unique among live registrations. */
  workerId: number;
  /** `advertise_address:internal_port`: where peers reach this node's internal endpoint. */
  address: string;
}

/** One member as seen by this node. */
export interface NodeInfo extends SelfInfo {
  status: MemberStatus;
  /** The member's heartbeat counter as last read (increments once per successful heartbeat). */
  heartbeat: number;
  /** Ms between the counter's last observed move and this node's latest observation (own clock). */
  sinceChangeMs: number;
  /** True for this node's own entry. */
  self: boolean;
}

/** The leader record: the truth about who may commit leader-only effects. */
export interface LeaderInfo {
  nodeId: string;
  incarnation: number;
  /** Incremented by every successful claim; a leader's fenced commits carry its epoch. */
  epoch: number;
}

export type ClusterEvent = "fenced" | "unfenced" | "membership" | "leader";

/**
 * What the runtime engineer codes against. Single-threaded (main thread); listeners run
 * synchronously in registration order and must not throw (exceptions are logged and swallowed).
 */
export interface ClusterView {
  /**
   * This node's current registration. Changes after re-registration (new incarnation, maybe a new
   * worker id): listen to `unfenced`. Before the first registration completes it throws.
   */
  self(): SelfInfo;
  /** Members with status `alive`, including this node when it is not fenced. Sorted by nodeId. */
  liveNodes(): NodeInfo[];
  /** Every member this node knows of, with its status (including self). Sorted by nodeId. */
  members(): NodeInfo[];
  /**
   * True while this node must not take actor turns or commit anything on behalf of its
   * registration: its heartbeats have failed for `fenceMs` (computed from the clock on every call,
   * so a node resumed after a long pause sees `true` at once), or it found itself declared dead,
   * until it has re-registered with a new incarnation.
   */
  isFenced(): boolean;
  /** This node's own term while it leads, else the leader record as last read (undefined: none). */
  leader(): LeaderInfo | undefined;
  /** True while this node's election machine is in `leader` (it claimed and keeps renewing). */
  isLeader(): boolean;
  /**
   * Subscribes to an event; returns the unsubscribe function.
   * - `fenced`: this node fenced itself (drop activations, refuse turns).
   * - `unfenced`: re-registered; `self()` has the new incarnation and worker id.
   * - `membership`: some member's status changed (or joined/left).
   * - `leader`: the leader record or this node's leadership changed.
   */
  on(event: ClusterEvent, fn: () => void): () => void;
}

/** Timings in milliseconds. Defaults: heartbeat 1000, suspect 5000, fence 3500, campaign 1000. */
export interface ClusterTimings {
  /** Interval between heartbeats (and membership observations). */
  heartbeatMs: number;
  /** A peer whose counter did not move for this long (observer's clock) is suspect. */
  suspectMs: number;
  /** A node whose heartbeats failed for this long fences itself; must be < suspectMs. */
  fenceMs: number;
  /** Interval between campaign checks of a follower. */
  campaignMs: number;
}

export const DEFAULT_TIMINGS: ClusterTimings = {
  heartbeatMs: 1000,
  suspectMs: 5000,
  fenceMs: 3500,
  campaignMs: 1000,
};

/** What `createClusterNode` needs from configuration (mapped from `cluster.*` in main.ts). */
export interface ClusterConfig extends Partial<ClusterTimings> {
  /** Stable node name; generated (`node-<random hex>`) when absent. */
  nodeId?: string;
  /** Host peers use to reach this node; default `127.0.0.1`. */
  advertiseAddress?: string;
  /** Internal endpoint port (after binding, so port 0 can be resolved first). */
  internalPort: number;
}

/** Leader-only fencing, for code that commits leader-only effects outside the jobs framework. */
export interface LeaderFence {
  /**
   * Re-reads the leader record inside `tx` (a conflicting read, so a concurrent claim by a
   * successor aborts this transaction) and throws AppError `NOT_LEADER` unless it names this
   * node, incarnation and the epoch this node won.
   */
  fence(tx: Transaction): Promise<void>;
}
