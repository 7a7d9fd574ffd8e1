/**
 * The cluster's KV layout under `Roots.cluster` and the versioned codecs of its records.
 *
 *   cluster/node/<nodeId>        NodeRecord: the registration of one node (one per node id)
 *   cluster/worker/<workerId>    WorkerClaim: who holds Snowflake worker id 0..1023
 *   cluster/incarnation          counter (atomicAdd format) handing out incarnations
 *   cluster/leader               LeaderRecord {nodeId, incarnation, epoch}
 *
 * Invariant kept by registry transactions: a worker claim exists iff a node record with
 * status `alive` names that worker id with the same incarnation.
 */
import { defineCodec } from "../kv/codec.ts";
import { Roots } from "../kv/layout.ts";
import type { LeaderInfo } from "./types.ts";

export const ClusterKeys = {
  nodes: Roots.cluster.sub("node"),
  node: (nodeId: string) => Roots.cluster.key("node", nodeId),
  workers: Roots.cluster.sub("worker"),
  worker: (workerId: number) => Roots.cluster.key("worker", workerId),
  incarnation: Roots.cluster.key("incarnation"),
  leader: Roots.cluster.key("leader"),
} as const;

export interface NodeRecord {
  nodeId: string;
  incarnation: number;
  workerId: number;
  /** `host:port` of the internal endpoint. */
  address: string;
  /** Incremented by every successful heartbeat. Observers compare it, never timestamps. */
  heartbeat: number;
  status: "alive" | "dead";
  /** Wall-clock ms of registration (display only; never compared across nodes). */
  registeredAt: number;
  /** Random per registration call: lets a retried registration recognise its own commit. */
  token: string;
  /** `secretTag` of the node's cluster secret (absent on records of older versions). */
  secretTag?: string;
}

export interface WorkerClaim {
  nodeId: string;
  incarnation: number;
}

export interface LeaderRecord extends LeaderInfo {
  /** Set by abdication: the epoch is kept (epochs never go back) but nobody leads. */
  released?: boolean;
}

function requireFields(v: unknown, fields: Record<string, "string" | "number">): void {
  if (typeof v !== "object" || v === null) throw new TypeError("not an object");
  for (const [k, t] of Object.entries(fields)) {
    if (typeof (v as Record<string, unknown>)[k] !== t) throw new TypeError(`field ${k} not ${t}`);
  }
}

export const NodeRecordCodec = defineCodec<NodeRecord>({
  name: "cluster node record",
  version: 1,
  validate: (v) =>
    requireFields(v, {
      nodeId: "string",
      incarnation: "number",
      workerId: "number",
      address: "string",
      heartbeat: "number",
      status: "string",
    }),
});

export const WorkerClaimCodec = defineCodec<WorkerClaim>({
  name: "cluster worker claim",
  version: 1,
  validate: (v) => requireFields(v, { nodeId: "string", incarnation: "number" }),
});

export const LeaderRecordCodec = defineCodec<LeaderRecord>({
  name: "cluster leader record",
  version: 1,
  validate: (v) => requireFields(v, { nodeId: "string", incarnation: "number", epoch: "number" }),
});
