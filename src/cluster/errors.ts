/** Error catalog of the cluster layer (registry, leader election, leader-only jobs). */
import { defineErrors } from "../lib/errors.ts";

export const ClusterErrors = defineErrors({
  /** A leader-only transaction found the leader record naming another node, incarnation or epoch. */
  NOT_LEADER: { kind: "unavailable", message: "This node is not the cluster leader" },
  /** This node is fenced (heartbeats failing or declared dead) and refuses work until re-registered. */
  NODE_FENCED: { kind: "unavailable", message: "This node is re-joining the cluster; retry" },
  /** All 1024 Snowflake worker ids are held by live nodes. */
  NO_WORKER_ID: { kind: "unavailable", message: "No free worker id in the cluster" },
  /** `self()` was called before the node registered. */
  NOT_REGISTERED: { kind: "unavailable", message: "This node has not joined the cluster yet" },
});
