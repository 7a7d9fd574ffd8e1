/**
 * Prometheus view of a KvStore's counters (`stats()`), read at scrape time so the transaction path
 * pays nothing for them: `kv_transactions_total`, `kv_attempts_total`, `kv_commits_total`,
 * `kv_conflicts_total`, `kv_unknown_results_total`, `kv_timeouts_total`, `kv_failures_total`, each
 * labelled with the backend.
 */
import { Counter, type Registry } from "prom-client";
import type { KvStats, ObservableKvStore } from "./store.ts";

const SERIES: Array<[keyof KvStats, string, string]> = [
  ["transactions", "kv_transactions_total", "Transactions started by transact() calls"],
  ["attempts", "kv_attempts_total", "Transaction body executions, retries included"],
  ["commits", "kv_commits_total", "Transactions committed"],
  ["conflicts", "kv_conflicts_total", "Attempts that failed with a conflict (then retried)"],
  ["unknownResults", "kv_unknown_results_total", "Attempts whose commit result was unknown"],
  ["timeouts", "kv_timeouts_total", "Attempts that ran past the 1 s transaction limit"],
  ["failures", "kv_failures_total", "transact() calls that ended in an error"],
];

/** Registers the store's counters on `registry`. Call once per store. */
export function registerKvMetrics(registry: Registry, store: ObservableKvStore): void {
  for (const [field, name, help] of SERIES) {
    new Counter({
      name,
      help,
      labelNames: ["backend"] as const,
      registers: [registry],
      collect() {
        this.reset();
        this.inc({ backend: store.backend }, store.stats()[field]);
      },
    });
  }
}
