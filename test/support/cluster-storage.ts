/**
 * The store the real-process cluster tests share (test/cluster/failover-support.ts): one SQLite
 * file by default; FoundationDB when `FDB_CLUSTER_FILE` names a cluster file (docs/kv.md), so the
 * failover, vault-sync and invalidation cluster tests run against FoundationDB too. Point it at a
 * scratch database: before each test cluster starts, the service's key roots are cleared there
 * (the nodes of one test must not meet the registry records of the previous one).
 */
import { join } from "node:path";
import { createFoundationDbBackend } from "../../src/kv/backends/foundationdb.ts";
import { createSqliteBackend } from "../../src/kv/backends/sqlite.ts";
import { Roots } from "../../src/kv/layout.ts";
import { createKvStore } from "../../src/kv/store.ts";
import type { KvStore } from "../../src/kv/types.ts";
import { systemClock } from "../../src/lib/clock.ts";

export interface ClusterStorage {
  backend: "sqlite" | "foundationdb";
  /** The nodes' environment selecting the store. */
  env: Record<string, string>;
  /** An observer's handle on the same store (closed by the caller). */
  kv: KvStore;
}

/** The shared store of one test cluster whose scratch files live in `dir`. */
export async function clusterStorage(dir: string): Promise<ClusterStorage> {
  const clusterFile = process.env.FDB_CLUSTER_FILE;
  if (!clusterFile) {
    const path = join(dir, "cluster.db");
    return {
      backend: "sqlite",
      env: { INFERADB_MGMT__STORAGE__BACKEND: "sqlite", INFERADB_MGMT__STORAGE__SQLITE_PATH: path },
      kv: createKvStore(createSqliteBackend({ path }), { clock: systemClock }),
    };
  }
  const kv = createKvStore(await createFoundationDbBackend({ clusterFile }), {
    clock: systemClock,
  });
  await kv.transact(async (tx) => {
    for (const root of Object.values(Roots)) tx.clearRange(...root.range());
  });
  return {
    backend: "foundationdb",
    env: {
      INFERADB_MGMT__STORAGE__BACKEND: "foundationdb",
      INFERADB_MGMT__STORAGE__FDB_CLUSTER_FILE: clusterFile,
    },
    kv,
  };
}
