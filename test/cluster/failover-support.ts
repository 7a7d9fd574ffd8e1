/**
 * Real-process cluster support: starts real CLI nodes (`./cli-main.ts`: `runCli` of src/main.ts
 * plus the test actor kinds) sharing one SQLite file (ports 0,
 * short cluster timings, a shared `cluster.secret`), learns each node's internal endpoint from
 * its JSON log, drives actors through the internal endpoint as a trusted caller (signed, `hops:
 * 0`, so the receiving node routes like a service would), and reads owner keys from the file.
 * Used by test/cluster/failover.test.ts and `bun bench/actors.ts --failover`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Subprocess } from "bun";
import type { KvStore } from "../../src/kv/types.ts";
import { systemClock } from "../../src/lib/clock.ts";
import type { ActorMessage, JsonValue } from "../../src/runtime/define.ts";
import { type ForwardResponse, forwardAsk } from "../../src/runtime/internal-endpoint.ts";
import { ActorKeys, OwnerCodec } from "../../src/runtime/keys.ts";
import { clusterStorage } from "../support/cluster-storage.ts";

/** The real CLI with the test actor kinds (./cli-main.ts). */
const MAIN = new URL("./cli-main.ts", import.meta.url).pathname;
export const SECRET = "failover-test-secret";

export interface ProcNode {
  nodeId: string;
  proc: Subprocess<"ignore", "pipe", "pipe">;
  /** `host:port` of the internal endpoint. */
  internal: string;
  /** `host:port` of the HTTP front (for `/v1/health`). */
  http: string;
  alive: boolean;
}

export interface ProcCluster {
  dir: string;
  dbPath: string;
  nodes: ProcNode[];
  kv: KvStore;
  start(nodeId: string): Promise<ProcNode>;
  kill(node: ProcNode): void;
  stop(): Promise<void>;
}

const TIMINGS = {
  INFERADB_MGMT__CLUSTER__HEARTBEAT_MS: "200",
  INFERADB_MGMT__CLUSTER__FENCE_MS: "700",
  INFERADB_MGMT__CLUSTER__SUSPECT_MS: "1000",
};

/** Reads the node's JSON log until it started: its internal endpoint and HTTP addresses. */
async function readUntilStarted(
  node: ProcNode,
  stream: ReadableStream<Uint8Array>,
): Promise<{ internal: string; http: string }> {
  const reader = stream.getReader();
  const dec = new TextDecoder();
  let buf = "";
  let internal: string | undefined;
  let found: { internal: string; http: string } | undefined;
  let resolveFound!: (s: { internal: string; http: string }) => void;
  let rejectFound!: (e: Error) => void;
  const done = new Promise<{ internal: string; http: string }>((res, rej) => {
    resolveFound = res;
    rejectFound = rej;
  });
  void (async () => {
    for (;;) {
      const { value, done: end } = await reader
        .read()
        .catch(() => ({ value: undefined, done: true }));
      if (end) {
        if (!found)
          rejectFound(new Error(`${node.nodeId} exited before starting:\n${buf.slice(-2000)}`));
        return;
      }
      buf += dec.decode(value, { stream: true });
      let nl = buf.indexOf("\n");
      while (nl >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        nl = buf.indexOf("\n");
        if (found) continue;
        try {
          const j = JSON.parse(line) as { msg?: string; internal?: string; http?: string };
          if (j.msg === "actor runtime started" && j.internal) internal = j.internal;
          if (j.msg === "node started" && j.http && internal) {
            found = { internal, http: j.http };
            resolveFound(found);
          }
        } catch {
          // not a JSON line
        }
      }
      if (found) buf = buf.slice(-4096);
    }
  })();
  return done;
}

export async function startProcCluster(
  count: number,
  /** `env`: extra environment of every node (config keys, e.g. `INFERADB_MGMT__SERVER_API__…`). */
  opts: { defaultTimings?: boolean; env?: Record<string, string> } = {},
): Promise<ProcCluster> {
  const dir = mkdtempSync(join(tmpdir(), "failover-"));
  const dbPath = join(dir, "cluster.db");
  // SQLite by default; FoundationDB when FDB_CLUSTER_FILE is set (test/support/cluster-storage.ts).
  const storage = await clusterStorage(dir);
  const kv = storage.kv;
  const nodes: ProcNode[] = [];
  const cluster: ProcCluster = {
    dir,
    dbPath,
    nodes,
    kv,
    async start(nodeId) {
      const proc = Bun.spawn([process.execPath, MAIN], {
        env: {
          ...process.env,
          ENVIRONMENT: "development",
          ...storage.env,
          INFERADB_MGMT__SERVER__HTTP_PORT: "0",
          INFERADB_MGMT__SERVER__GRPC_PORT: "0",
          INFERADB_MGMT__CLUSTER__INTERNAL_PORT: "0",
          INFERADB_MGMT__CLUSTER__NODE_ID: nodeId,
          INFERADB_MGMT__CLUSTER__SECRET: SECRET,
          // Mixed on purpose: n2 runs its actors on a worker thread, the others on main.
          INFERADB_MGMT__CLUSTER__WORKERS: nodeId === "n2" ? "1" : "0",
          INFERADB_MGMT__OBSERVABILITY__JSON_LOGS: "true",
          INFERADB_MGMT__OBSERVABILITY__LOG_LEVEL: "info",
          ...(opts.defaultTimings ? {} : TIMINGS),
          ...opts.env,
        },
        stdin: "ignore",
        stdout: "pipe",
        stderr: "pipe",
      });
      const node: ProcNode = { nodeId, proc, internal: "", http: "", alive: true };
      void new Response(proc.stderr).text().catch(() => "");
      Object.assign(node, await readUntilStarted(node, proc.stdout));
      const i = nodes.findIndex((n) => n.nodeId === nodeId);
      if (i >= 0) nodes[i] = node;
      else nodes.push(node);
      return node;
    },
    kill(node) {
      node.alive = false;
      node.proc.kill("SIGKILL");
    },
    async stop() {
      for (const n of nodes) {
        if (n.alive) n.proc.kill("SIGKILL");
        await n.proc.exited;
      }
      await kv.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await Promise.all(Array.from({ length: count }, (_, i) => cluster.start(`n${i + 1}`)));
    await waitUntilSettled(nodes, 30_000);
  } catch (e) {
    await cluster.stop();
    throw e;
  }
  return cluster;
}

/**
 * Waits until every node reports itself unfenced and sees all of them alive. A node whose start-up
 * work (after it registered) kept its event loop busy for longer than the test's 700 ms fence
 * window fences itself and re-joins with a new incarnation: the cluster is ready only after that.
 */
async function waitUntilSettled(nodes: ProcNode[], timeoutMs: number): Promise<void> {
  const t0 = performance.now();
  const settled = async (n: ProcNode) => {
    try {
      const res = await fetch(`http://${n.http}/v1/health`, { signal: AbortSignal.timeout(1000) });
      const c = ((await res.json()) as { cluster?: ClusterSection }).cluster;
      return (
        !!c && !c.fenced && c.members.filter((m) => m.status === "alive").length === nodes.length
      );
    } catch {
      return false;
    }
  };
  for (;;) {
    if ((await Promise.all(nodes.map(settled))).every(Boolean)) return;
    if (performance.now() - t0 > timeoutMs) throw new Error("cluster did not settle");
    await Bun.sleep(50);
  }
}

interface ClusterSection {
  fenced: boolean;
  members: { node_id: string; status: string }[];
}

/** One signed entry request to `node` (routed by that node). Rejects on network failure. */
export function askVia(
  node: ProcNode,
  kind: string,
  id: string,
  message: ActorMessage,
  idempotencyKey?: string,
): Promise<ForwardResponse> {
  return forwardAsk(
    { nodeId: node.nodeId, address: node.internal },
    {
      kind,
      id,
      message,
      remainingMs: 3000,
      hops: 0,
      ...(idempotencyKey ? { idempotencyKey } : {}),
    },
    { nodeId: "test-driver", secret: SECRET },
    systemClock,
    4000,
  );
}

/**
 * Asks until a node answers with a reply (trying live nodes in turn, pausing `pauseMs` between
 * rounds), giving up after `timeoutMs`. Returns the reply and when it arrived.
 */
export async function askUntilOk(
  cluster: ProcCluster,
  kind: string,
  id: string,
  message: ActorMessage,
  idempotencyKey: string | undefined,
  timeoutMs: number,
): Promise<{ reply: JsonValue; at: number }> {
  const t0 = performance.now();
  let i = 0;
  let last = "";
  while (performance.now() - t0 < timeoutMs) {
    const live = cluster.nodes.filter((n) => n.alive);
    const node = live[i++ % live.length]!;
    try {
      const res = await askVia(node, kind, id, message, idempotencyKey);
      if (res.ok) return { reply: res.reply, at: performance.now() };
      last = res.error.code;
    } catch (e) {
      last = (e as Error).message;
    }
    await Bun.sleep(20);
  }
  throw new Error(`no answer for ${kind}/${id} within ${timeoutMs} ms (last: ${last})`);
}

/** The node id named by the actor's owner key in the shared file. */
export async function ownerOf(
  cluster: ProcCluster,
  kind: string,
  id: string,
): Promise<string | null> {
  const raw = await cluster.kv.transact((tx) => tx.snapshot.get(ActorKeys.owner({ kind, id })));
  return raw ? OwnerCodec.decode(raw).nodeId : null;
}

/** Kills the owner of `counter/<id>` `kills` times under load; returns the ms until it answered again. */
export async function measureFailover(
  kills: number,
  opts: { defaultTimings?: boolean } = {},
): Promise<{ samples: number[]; p50: number; p99: number; max: number }> {
  const cluster = await startProcCluster(3, opts);
  const samples: number[] = [];
  try {
    let n = 0;
    for (let k = 0; k < kills; k++) {
      const id = "failover";
      await askUntilOk(cluster, "counter", id, { type: "increment" }, `warm-${k}`, 20_000);
      const owner = await ownerOf(cluster, "counter", id);
      const victim = cluster.nodes.find((x) => x.nodeId === owner && x.alive);
      if (!victim) throw new Error(`owner ${owner} is not a running node`);
      cluster.kill(victim);
      const t0 = performance.now();
      const { at } = await askUntilOk(
        cluster,
        "counter",
        id,
        { type: "increment" },
        `after-${k}-${n++}`,
        30_000,
      );
      samples.push(Math.round(at - t0));
      await cluster.start(victim.nodeId);
    }
  } finally {
    await cluster.stop();
  }
  const sorted = [...samples].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
  return { samples, p50: q(0.5), p99: q(0.99), max: sorted.at(-1)! };
}

/** One JSON request to `node`'s public HTTP front. */
export async function nodeHttp(
  node: ProcNode,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown } = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const headers: Record<string, string> = {};
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(`http://${node.http}${path}`, {
    method,
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    signal: AbortSignal.timeout(5000),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/**
 * Polls `probe` every 50 ms until it answers something other than undefined; a probe that throws
 * (a node going away mid-request) is tried again. Fails naming `what` after `ms`.
 */
export async function until<T>(what: string, probe: () => Promise<T | undefined>, ms: number) {
  const end = performance.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    if (performance.now() > end) throw new Error(`timed out waiting for ${what} (${last ?? ""})`);
    await Bun.sleep(50);
  }
}
