/**
 * Cluster start-up with real processes (the real CLI, test/cluster/cli-main.ts) on one SQLite
 * file, without `cluster.node_id` (issue 9 items 9 and 10):
 * - a second node without `cluster.secret` next to a live one refuses to start: one config-error
 *   line naming the key, exit 2;
 * - a node SIGKILLed and restarted on the same data comes back under the same node id (kept beside
 *   the file), supersedes its previous incarnation at once, and answers `/readyz` 200 only when
 *   it serves: its actors answer at once through it, and through a peer within one heartbeat,
 *   not after the ~5 s of suspicion a new random id used to cost.
 */
import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Subprocess } from "bun";
import { createSqliteBackend } from "../../src/kv/backends/sqlite.ts";
import { createKvStore } from "../../src/kv/store.ts";
import { systemClock } from "../../src/lib/clock.ts";
import { ActorKeys, OwnerCodec } from "../../src/runtime/keys.ts";
import { askVia, type ProcNode, SECRET } from "./failover-support.ts";

const MAIN = new URL("./cli-main.ts", import.meta.url).pathname;
const dirs: string[] = [];
const procs: Subprocess[] = [];
afterAll(() => {
  for (const p of procs) p.kill("SIGKILL");
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

interface Started extends ProcNode {
  stderr: Promise<string>;
}

function spawnNode(dbPath: string, env: Record<string, string>) {
  const proc = Bun.spawn([process.execPath, MAIN], {
    env: {
      ...process.env,
      ENVIRONMENT: "development",
      INFERADB_MGMT__STORAGE__BACKEND: "sqlite",
      INFERADB_MGMT__STORAGE__SQLITE_PATH: dbPath,
      INFERADB_MGMT__SERVER__HTTP_PORT: "0",
      INFERADB_MGMT__SERVER__GRPC_PORT: "0",
      INFERADB_MGMT__CLUSTER__INTERNAL_PORT: "0",
      INFERADB_MGMT__OBSERVABILITY__JSON_LOGS: "true",
      INFERADB_MGMT__OBSERVABILITY__LOG_LEVEL: "info",
      ...env,
    },
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
  });
  procs.push(proc);
  return proc;
}

/** Resolves with the node's id and addresses once it logged "node started"; rejects on exit. */
async function started(proc: Subprocess<"ignore", "pipe", "pipe">): Promise<Started> {
  const stderr = new Response(proc.stderr).text().catch(() => "");
  const reader = proc.stdout.getReader();
  const dec = new TextDecoder();
  let buf = "";
  let internal = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`node exited before starting: ${await stderr}`);
    buf += dec.decode(value, { stream: true });
    let nl = buf.indexOf("\n");
    while (nl >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      nl = buf.indexOf("\n");
      try {
        const j = JSON.parse(line) as Record<string, string>;
        if (j.msg === "actor runtime started") internal = j.internal ?? "";
        if (j.msg === "node started") {
          // Keep draining stdout so the child never blocks on a full pipe.
          void (async () => {
            while (!(await reader.read().catch(() => ({ done: true }))).done) {}
          })();
          return { nodeId: j.node_id!, http: j.http!, internal, proc, alive: true, stderr };
        }
      } catch {
        // not JSON
      }
    }
  }
}

const readyz = async (n: ProcNode) => {
  try {
    return (await fetch(`http://${n.http}/readyz`, { signal: AbortSignal.timeout(1000) })).status;
  } catch {
    return 0;
  }
};

async function aliveMembers(n: ProcNode): Promise<number> {
  try {
    const res = await fetch(`http://${n.http}/v1/health`, { signal: AbortSignal.timeout(1000) });
    const c = ((await res.json()) as { cluster?: { members: { status: string }[] } }).cluster;
    return c?.members.filter((m) => m.status === "alive").length ?? 0;
  } catch {
    return 0;
  }
}

async function until(what: string, fn: () => Promise<boolean>, timeoutMs: number) {
  const t0 = performance.now();
  while (!(await fn())) {
    if (performance.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await Bun.sleep(50);
  }
}

function tempDb(): string {
  const dir = mkdtempSync(join(tmpdir(), "startup-"));
  dirs.push(dir);
  return join(dir, "cluster.db");
}

test("a node with a cluster.secret next to a live node without one (or with another) exits 2", async () => {
  const timings = {
    INFERADB_MGMT__CLUSTER__HEARTBEAT_MS: "200",
    INFERADB_MGMT__CLUSTER__FENCE_MS: "700",
    INFERADB_MGMT__CLUSTER__SUSPECT_MS: "1000",
  };
  const lastLine = async (p: Subprocess<"ignore", "pipe", "pipe">) =>
    (await new Response(p.stderr).text()).trim().split("\n").at(-1) ?? "";
  const within = (p: Subprocess) =>
    Promise.race([p.exited, Bun.sleep(15_000).then(() => "running")]);

  // A secretless node is running; a node configured with a secret must not join it.
  const db = tempDb();
  const secretless = await started(spawnNode(db, timings));
  const configured = spawnNode(db, { ...timings, INFERADB_MGMT__CLUSTER__SECRET: SECRET });
  expect(await within(configured)).toBe(2);
  const line = await lastLine(configured);
  expect(line).toStartWith("config error: cluster.secret: differs from the one of the live nodes");
  expect(line).toContain(secretless.nodeId);

  // Two different secrets on one store.
  const db2 = tempDb();
  await started(spawnNode(db2, { ...timings, INFERADB_MGMT__CLUSTER__SECRET: SECRET }));
  const other = spawnNode(db2, { ...timings, INFERADB_MGMT__CLUSTER__SECRET: `${SECRET}-other` });
  expect(await within(other)).toBe(2);
  // The same secret joins.
  const same = await started(
    spawnNode(db2, { ...timings, INFERADB_MGMT__CLUSTER__SECRET: SECRET }),
  );
  expect(same.nodeId).toBeTruthy();
}, 40_000);

test("two secretless nodes started at the same moment on one store do not both run", async () => {
  const db = tempDb();
  const timings = {
    INFERADB_MGMT__CLUSTER__HEARTBEAT_MS: "200",
    INFERADB_MGMT__CLUSTER__FENCE_MS: "700",
    INFERADB_MGMT__CLUSTER__SUSPECT_MS: "1000",
  };
  const a = spawnNode(db, timings);
  const b = spawnNode(db, timings);
  const outcome = (p: Subprocess) =>
    Promise.race([p.exited, Bun.sleep(8_000).then(() => "running" as const)]);
  const [ra, rb] = await Promise.all([outcome(a), outcome(b)]);
  // Each saw the other's record moving right after registering: at most one keeps running.
  expect([ra, rb].filter((r) => r === "running").length).toBeLessThanOrEqual(1);
  for (const r of [ra, rb]) if (r !== "running") expect(r).toBe(2);
}, 20_000);

test("a second node without cluster.secret next to a live one exits 2 with one config-error line", async () => {
  const db = tempDb();
  const timings = {
    INFERADB_MGMT__CLUSTER__HEARTBEAT_MS: "200",
    INFERADB_MGMT__CLUSTER__FENCE_MS: "700",
    INFERADB_MGMT__CLUSTER__SUSPECT_MS: "1000",
  };
  const first = await started(spawnNode(db, timings));
  const second = spawnNode(db, timings);
  const exited = await Promise.race([second.exited, Bun.sleep(15_000).then(() => "running")]);
  expect(exited).toBe(2);
  const err = await new Response(second.stderr).text();
  // Start-up warnings (JSON log lines) may precede it; the error is one plain line, the last.
  const lines = err.trim().split("\n");
  expect(lines.filter((l) => l.startsWith("config error:"))).toHaveLength(1);
  expect(lines.at(-1)).toStartWith(
    "config error: cluster.secret: is not set but other nodes are live",
  );
  expect(lines.at(-1)).toContain(first.nodeId);
  expect(err).not.toContain("fatal");
  // The first node is untouched.
  expect(await readyz(first)).toBe(200);
  first.proc.kill("SIGKILL");
}, 30_000);

test("SIGKILL and restart on the same data: same node id, ready only when serving, no 5 s of 503s", async () => {
  const db = tempDb();
  const env = { INFERADB_MGMT__CLUSTER__SECRET: SECRET }; // default timings: suspect_ms 5000
  const a = await started(spawnNode(db, env));
  const b = await started(spawnNode(db, env));
  expect(a.nodeId).not.toBe(b.nodeId);
  await until(
    "two live members",
    async () => (await aliveMembers(a)) === 2 && (await aliveMembers(b)) === 2,
    10_000,
  );

  // An actor owned by b.
  const kv = createKvStore(createSqliteBackend({ path: db }), { clock: systemClock });
  const ownerOf = async (id: string) => {
    const raw = await kv.transact((tx) =>
      tx.snapshot.get(ActorKeys.owner({ kind: "counter", id })),
    );
    return raw ? OwnerCodec.decode(raw).nodeId : null;
  };
  let id = "";
  for (let i = 0; i < 64 && !id; i++) {
    const res = await askVia(a, "counter", `r${i}`, { type: "increment" }, `inc-r${i}`);
    expect(res.ok).toBe(true);
    if ((await ownerOf(`r${i}`)) === b.nodeId) id = `r${i}`;
  }
  expect(id).not.toBe("");

  b.proc.kill("SIGKILL");
  await b.proc.exited;
  const restarted = spawnNode(db, env);
  const b2 = await started(restarted);
  expect(b2.nodeId).toBe(b.nodeId); // kept beside the file
  await until("/readyz 200", async () => (await readyz(b2)) === 200, 10_000);
  const readyAt = performance.now();

  // Through the restarted node: served from the first request after ready.
  const first = await askVia(b2, "counter", id, { type: "get" });
  expect(first.ok).toBe(true);
  // Through the peer: at most about one heartbeat (1 s) until it has seen the new incarnation.
  let lastFailure = -1;
  while (performance.now() - readyAt < 6000) {
    for (const n of [b2, a]) {
      const res = await askVia(n, "counter", id, { type: "get" }).catch(() => undefined);
      if (!res?.ok) lastFailure = performance.now() - readyAt;
      else expect(res.reply).toMatchObject({ count: 1 });
    }
    await Bun.sleep(50);
  }
  console.log(`restart: last failed request ${lastFailure.toFixed(0)} ms after /readyz turned 200`);
  expect(lastFailure).toBeLessThan(1500);
  expect(await ownerOf(id)).toBe(b.nodeId);
  a.proc.kill("SIGKILL");
  b2.proc.kill("SIGKILL");
  await kv.close();
}, 60_000);
