/**
 * Support for the multi-process leader and worker-id tests: spawns `test/cluster/node-main.ts`
 * processes on one temp SQLite file, reads their ready line, polls `/v1/health`, and cleans up
 * (SIGCONT + SIGKILL of anything still running, temp directory removed).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Subprocess } from "bun";
import { createSqliteBackend } from "../../src/kv/backends/sqlite.ts";
import { createKvStore } from "../../src/kv/store.ts";
import type { KvStore } from "../../src/kv/types.ts";
import { systemClock } from "../../src/lib/clock.ts";

const ENTRY = new URL("./node-main.ts", import.meta.url).pathname;

export interface Ready {
  nodeId: string;
  pid: number;
  httpPort: number;
  workerId: number;
  incarnation: number;
}

export interface ClusterHealth {
  node_id: string;
  incarnation: number | null;
  worker_id: number | null;
  fenced: boolean;
  is_leader: boolean;
  leader: { node_id: string; incarnation: number; epoch: number } | null;
  members: { node_id: string; worker_id: number; status: string }[];
}

export interface Proc {
  ready: Ready;
  proc: Subprocess<"ignore", "pipe", "pipe">;
  health(): Promise<ClusterHealth | undefined>;
}

export interface ProcTestCluster {
  dbPath: string;
  procs: Proc[];
  start(nodeIds: string[]): Promise<Proc[]>;
  /** Opens the shared file (after the nodes stopped) for reading. */
  openKv(): KvStore;
  cleanup(): Promise<void>;
}

async function readReady(
  proc: Subprocess<"ignore", "pipe", "pipe">,
  nodeId: string,
): Promise<Ready> {
  const reader = proc.stdout.getReader();
  const dec = new TextDecoder();
  let buf = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) {
      const err = await new Response(proc.stderr).text();
      throw new Error(`node ${nodeId} exited before ready: ${err.slice(-2000)}`);
    }
    buf += dec.decode(value, { stream: true });
    const nl = buf.indexOf("\n");
    if (nl >= 0) {
      reader.releaseLock();
      return JSON.parse(buf.slice(0, nl)) as Ready;
    }
  }
}

export function procTestCluster(): ProcTestCluster {
  const dir = mkdtempSync(join(tmpdir(), "inferadb-leader-"));
  const dbPath = join(dir, "kv.sqlite");
  const procs: Proc[] = [];
  const stores: KvStore[] = [];
  return {
    dbPath,
    procs,
    async start(nodeIds) {
      const spawned = nodeIds.map((nodeId) => ({
        nodeId,
        proc: Bun.spawn([process.execPath, ENTRY, dbPath, nodeId], {
          stdin: "ignore",
          stdout: "pipe",
          stderr: "pipe",
        }),
      }));
      const out: Proc[] = [];
      for (const s of spawned) {
        const ready = await readReady(s.proc, s.nodeId);
        const p: Proc = {
          ready,
          proc: s.proc,
          async health() {
            try {
              const res = await fetch(`http://127.0.0.1:${ready.httpPort}/v1/health`, {
                signal: AbortSignal.timeout(1000),
              });
              return ((await res.json()) as { cluster: ClusterHealth }).cluster;
            } catch {
              return undefined;
            }
          },
        };
        procs.push(p);
        out.push(p);
      }
      return out;
    },
    openKv() {
      const kv = createKvStore(createSqliteBackend({ path: dbPath }), { clock: systemClock });
      stores.push(kv);
      return kv;
    },
    async cleanup() {
      for (const p of procs) {
        if (p.proc.exitCode === null && p.proc.signalCode === null) {
          p.proc.kill("SIGCONT");
          p.proc.kill("SIGKILL");
        }
      }
      await Promise.all(procs.map((p) => p.proc.exited));
      for (const s of stores) await s.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Polls `fn` every 50 ms until it returns a value other than undefined, or throws on timeout. */
export async function waitFor<T>(
  what: string,
  fn: () => Promise<T | undefined>,
  timeoutMs: number,
): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (performance.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await Bun.sleep(50);
  }
}

/** Stops every process with SIGTERM (graceful leave) and waits for them to exit. */
export async function stopAll(procs: Proc[]): Promise<void> {
  for (const p of procs) {
    p.proc.kill("SIGCONT");
    p.proc.kill("SIGTERM");
  }
  await Promise.all(procs.map((p) => p.proc.exited));
}
