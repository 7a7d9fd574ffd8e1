/**
 * System service: what the node says about itself, shared by the HTTP health routes and the gRPC
 * `SystemService`/`grpc.health.v1.Health`. Readiness is "every readiness gate passes (the cluster:
 * registered, not fenced, membership observed; src/lib/health.ts) and a KV read succeeds" (a
 * snapshot read of the health probe key, bounded by a timeout so a wedged store reports unready
 * instead of hanging).
 */

import pkg from "../../../package.json" with { type: "json" };
import type { Config } from "../../config/schema.ts";
import { Roots } from "../../kv/layout.ts";
import type { KvStore } from "../../kv/types.ts";
import type { Clock } from "../../lib/clock.ts";
import type { HealthRegistry } from "../../lib/health.ts";

export const VERSION: string = pkg.version;

const PROBE_KEY = Roots.health.pack(["probe"]);
/** Written only while the backend reports a storage fault, to learn whether writes work again. */
const WRITE_PROBE_KEY = Roots.health.pack(["write-probe"]);
const PROBE_TIMEOUT_MS = 2000;

export interface SystemInfo {
  version: string;
  node_id: string;
  environment: string;
  storage_backend: string;
  /** `standalone` when no engine endpoint is configured, else the endpoint. */
  engine: string;
}

export interface HealthReport {
  status: "healthy" | "unhealthy";
  version: string;
  /** Whole seconds since the node started. */
  uptime: number;
  storage: { backend: string; healthy: boolean };
  engine: Record<string, unknown>;
  [section: string]: unknown;
}

export interface SystemService {
  info(): SystemInfo;
  /** True when every readiness gate passes and a KV read succeeds within 2 s. Never throws. */
  ready(): Promise<boolean>;
  /**
   * Why the node is not ready (`name: reason`), empty when ready: the failing readiness gates, a
   * failed KV read, or a storage fault (disk full, not writable) that a probe write still meets.
   * Never throws.
   */
  notReady(): Promise<string[]>;
  /** The `/v1/health` document: status, version, uptime, storage and registered sections. */
  health(): Promise<HealthReport>;
}

export interface SystemDeps {
  config: Config;
  clock: Clock;
  kv: KvStore;
  health: HealthRegistry;
}

export function createSystemService(deps: SystemDeps): SystemService {
  const { config, clock, kv } = deps;
  const startedMono = clock.monotonic();
  const endpoint = config.server_api.grpc_endpoint;

  async function ready(): Promise<boolean> {
    return (await notReady()).length === 0;
  }

  async function notReady(): Promise<string[]> {
    // Gates first (the cluster: registered, not fenced, membership observed), then storage.
    const gates = deps.health.notReady();
    if (gates.length > 0) return gates;
    if (!(await storageOk())) return ["storage: a KV read failed"];
    // Reads work, but the last commit failed in the storage: not ready until a write lands again
    // (the probe write clears the fault as soon as the disk has room or is writable again).
    if (kv.storageFault?.() === undefined) return [];
    if (await storageOk(true)) return [];
    return [`storage: ${kv.storageFault?.() ?? "a KV write failed"}`];
  }

  async function storageOk(write = false): Promise<boolean> {
    const ac = new AbortController();
    const timeout = clock.sleep(PROBE_TIMEOUT_MS, ac.signal).then(
      () => false,
      () => false,
    );
    const probe = write
      ? kv.transact(async (tx) => tx.set(WRITE_PROBE_KEY, new Uint8Array([1])), {
          name: "health.write_probe",
          maxAttempts: 3,
        })
      : kv.transact((tx) => tx.snapshot.get(PROBE_KEY), { name: "health.probe", maxAttempts: 3 });
    const read = probe.then(
      () => true,
      () => false,
    );
    const ok = await Promise.race([read, timeout]);
    ac.abort();
    return ok;
  }

  return {
    info: () => ({
      version: VERSION,
      node_id: config.cluster.node_id,
      environment: config.environment,
      storage_backend: kv.backend,
      engine: endpoint === "" ? "standalone" : endpoint,
    }),
    ready,
    notReady,
    async health() {
      const healthy = await storageOk();
      const sections = await deps.health.collect();
      // A registered `engine` section (the engine link's live state) replaces the default one;
      // the core fields cannot be overridden by sections.
      return {
        engine: endpoint === "" ? { mode: "standalone" } : { mode: "remote", endpoint },
        ...sections,
        status: healthy ? "healthy" : "unhealthy",
        version: VERSION,
        uptime: Math.floor((clock.monotonic() - startedMono) / 1000),
        storage: { backend: kv.backend, healthy },
      };
    },
  };
}
