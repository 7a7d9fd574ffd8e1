/**
 * Prometheus metrics of the actor runtime, on the node's shared registry (src/lib/metrics.ts) or
 * on a private one (tests, simulation, benchmarks).
 */
import { Counter, Gauge, Registry } from "prom-client";
import { CheapHistogram } from "../lib/cheap-histogram.ts";

export interface RuntimeMetrics {
  activations: Counter<"kind">;
  evictions: Counter<"kind">;
  activeActors: Gauge<"kind">;
  /** Observed once per message or batch, so not prom-client's histogram (src/lib/cheap-histogram.ts). */
  mailboxDepth: CheapHistogram<"kind">;
  /** Seconds from dequeue to turn result (handler time, including reads). */
  turnSeconds: CheapHistogram<"kind">;
  /** Seconds of the fenced commit transaction of a batch. */
  commitSeconds: CheapHistogram<"kind">;
  turnsPerCommit: CheapHistogram<"kind">;
  forwarded: Counter<"result">;
  /**
   * Queries answered from committed state (`answered`) or handed to the mailbox as turns
   * (`as_turn`: the owner key or a read changed, the actor was not active, a declared query
   * wrote). `proofs_read`: answers proven exact by a read transaction; `proofs_reused`: by an
   * unchanged KV change mark since an earlier proof (nothing committed since). Plain counters read
   * at scrape time (one per request: no label hashing).
   */
  queries: { answered: number; as_turn: number; proofs_read: number; proofs_reused: number };
  fencingRejections: Counter<"kind">;
  rejected: Counter<"reason">;
}

const LATENCY_BUCKETS = [
  0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1,
];

/** Creates the runtime metrics on `registry` (reuses them if already registered there). */
export function createRuntimeMetrics(registry: Registry = new Registry()): RuntimeMetrics {
  const reuse = <M>(name: string, make: () => M): M =>
    (registry.getSingleMetric(name) as M | undefined) ?? make();
  const counter = <L extends string>(name: string, help: string, labelNames: L[]) =>
    reuse(name, () => new Counter<L>({ name, help, labelNames, registers: [registry] }));
  const histogram = <L extends string>(
    name: string,
    help: string,
    labelNames: L[],
    buckets: number[],
  ) => reuse(name, () => new CheapHistogram<L>(name, help, labelNames, buckets).register(registry));
  return {
    activations: counter("actor_activations_total", "Actor activations by kind", ["kind"]),
    evictions: counter("actor_evictions_total", "Idle evictions by kind", ["kind"]),
    activeActors: reuse(
      "actor_active",
      () =>
        new Gauge<"kind">({
          name: "actor_active",
          help: "Active actors on this node by kind",
          labelNames: ["kind"],
          registers: [registry],
        }),
    ),
    mailboxDepth: histogram(
      "actor_mailbox_depth",
      "Mailbox depth seen when a message is enqueued",
      ["kind"],
      [0, 1, 2, 4, 8, 16, 64, 256, 1024],
    ),
    turnSeconds: histogram(
      "actor_turn_seconds",
      "Turn execution time, seconds",
      ["kind"],
      LATENCY_BUCKETS,
    ),
    commitSeconds: histogram(
      "actor_commit_seconds",
      "Fenced commit transaction time per batch, seconds",
      ["kind"],
      LATENCY_BUCKETS,
    ),
    turnsPerCommit: histogram(
      "actor_turns_per_commit",
      "Turns committed together (group commit)",
      ["kind"],
      [1, 2, 4, 8, 16, 32, 64, 128],
    ),
    forwarded: counter("actor_forwarded_total", "Messages forwarded to another node", ["result"]),
    fencingRejections: counter(
      "actor_fencing_rejections_total",
      "Commits refused because the owner key named another activation",
      ["kind"],
    ),
    rejected: counter("actor_rejected_total", "Messages answered without running", ["reason"]),
    queries: reuse("actor_queries_total", () => {
      const counts = { answered: 0, as_turn: 0, proofs_read: 0, proofs_reused: 0 };
      const metric = new Counter<"result">({
        name: "actor_queries_total",
        help: "Queries answered from committed actor state, or run as turns",
        labelNames: ["result"],
        registers: [registry],
        collect() {
          this.reset();
          this.inc({ result: "answered" }, counts.answered);
          this.inc({ result: "as_turn" }, counts.as_turn);
        },
      });
      new Counter<"by">({
        name: "actor_query_proofs_total",
        help: "Query answers proven exact by a read transaction, or by an unchanged KV change mark",
        labelNames: ["by"],
        registers: [registry],
        collect() {
          this.reset();
          this.inc({ by: "read" }, counts.proofs_read);
          this.inc({ by: "mark" }, counts.proofs_reused);
        },
      });
      return Object.assign(metric, { counts });
    }).counts,
  };
}
