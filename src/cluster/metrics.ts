/**
 * Prometheus metrics of the cluster layer, registered on the shared prom-client registry when one
 * is given (src/lib/metrics.ts), or on a private registry (tests, simulation).
 */
import { Counter, Gauge, Registry } from "prom-client";

export interface ClusterMetrics {
  leaderChanges: Counter;
  heartbeatFailures: Counter;
  fencingEvents: Counter;
  deadDeclarations: Counter;
  jobRuns: Counter<"job">;
  jobErrors: Counter<"job">;
  isLeader: Gauge;
  members: Gauge<"status">;
}

/** Creates the cluster metrics on `registry` (idempotent per registry: reuses existing ones). */
export function createClusterMetrics(registry: Registry = new Registry()): ClusterMetrics {
  const counter = <L extends string>(name: string, help: string, labelNames: L[] = []) =>
    (registry.getSingleMetric(name) as Counter<L> | undefined) ??
    new Counter<L>({ name, help, labelNames, registers: [registry] });
  const gauge = <L extends string>(name: string, help: string, labelNames: L[] = []) =>
    (registry.getSingleMetric(name) as Gauge<L> | undefined) ??
    new Gauge<L>({ name, help, labelNames, registers: [registry] });
  return {
    leaderChanges: counter(
      "cluster_leader_changes_total",
      "Times this node gained or lost leadership",
    ),
    heartbeatFailures: counter("cluster_heartbeat_failures_total", "Failed heartbeat transactions"),
    fencingEvents: counter("cluster_fencing_events_total", "Times this node fenced itself"),
    deadDeclarations: counter("cluster_dead_declarations_total", "Peers this node declared dead"),
    jobRuns: counter("cluster_job_runs_total", "Leader job batches run", ["job"]),
    jobErrors: counter("cluster_job_errors_total", "Leader job batches that failed", ["job"]),
    isLeader: gauge("cluster_is_leader", "1 while this node is the cluster leader"),
    members: gauge("cluster_members", "Members by status as seen by this node", ["status"]),
  };
}
