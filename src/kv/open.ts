/**
 * Opening the configured KV backend: the one place that maps `storage.*` config to a backend, so
 * the backend choice is not scattered through the code. Called by the composition root (main.ts)
 * and test support only.
 */
import type { Clock } from "../lib/clock.ts";
import type { Logger } from "../lib/log.ts";
import { createFoundationDbBackend } from "./backends/foundationdb.ts";
import { createMemoryBackend } from "./backends/memory.ts";
import { createSqliteBackend } from "./backends/sqlite.ts";
import { createKvStore, type KvLimits, type ObservableKvStore } from "./store.ts";
import type { BackendName, KvBackend } from "./types.ts";

/** The `storage` section of the config, as far as the KV layer needs it. */
export interface StorageConfig {
  backend: BackendName;
  /** SQLite database file (its directory is created). */
  sqlite_path: string;
  /** FoundationDB cluster file; FDB's default location when absent. */
  fdb_cluster_file?: string | undefined;
}

/** Opens the backend named by `config.backend`. FoundationDB's client library loads only here. */
export async function openKvBackend(
  config: StorageConfig,
  opts: { clock?: Clock } = {},
): Promise<KvBackend> {
  switch (config.backend) {
    case "memory":
      return createMemoryBackend();
    case "sqlite":
      return createSqliteBackend(
        opts.clock ? { path: config.sqlite_path, clock: opts.clock } : { path: config.sqlite_path },
      );
    case "foundationdb": {
      const opts = config.fdb_cluster_file ? { clusterFile: config.fdb_cluster_file } : {};
      return createFoundationDbBackend(opts);
    }
  }
}

export interface OpenKvOptions {
  clock: Clock;
  log?: Logger;
  /** Use this backend instead of the configured one (tests: a fault-injecting memory backend). */
  backend?: KvBackend | undefined;
  limits?: Partial<KvLimits>;
}

/** Opens the configured backend (or `opts.backend`) and wraps it in a `KvStore`. */
export async function openKv(
  config: { storage: StorageConfig },
  opts: OpenKvOptions,
): Promise<ObservableKvStore> {
  const backend = opts.backend ?? (await openKvBackend(config.storage, { clock: opts.clock }));
  const storeOpts: Parameters<typeof createKvStore>[1] = { clock: opts.clock };
  if (opts.log) storeOpts.log = opts.log;
  if (opts.limits) storeOpts.limits = opts.limits;
  return createKvStore(backend, storeOpts);
}
