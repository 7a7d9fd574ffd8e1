/**
 * Crash faults on SQLite (issue 15, item 3): a real node process (test/cluster/node-main.ts: the
 * real `buildNode` on a SQLite file) under write load is SIGKILLed and restarted on the same file,
 * `CRASH_KILLS` times (default 20; a longer run: `CRASH_KILLS=200 npx bun test
 * test/e2e/faults/sqlite-crash.test.ts`), each time after `CRASH_LOAD_MS` (default 300) of load.
 * The load is registrations (one multi-key transaction each: user, email index, default
 * organization, session), 4 in flight; the writer records every one answered 201. After each kill:
 * `PRAGMA integrity_check` on the file says `ok`; after each restart the node is ready (`/readyz`
 * 200) within READY_BOUND_MS of being spawned, and every acknowledged registration so far is
 * present (its session reads its organizations through the API: 200 with one organization).
 * Per-restart times and the max are printed.
 */

import { Database } from "bun:sqlite";
import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Subprocess } from "bun";
import { httpBaseOf } from "./node-process.ts";

const KILLS = Number(process.env.CRASH_KILLS ?? 20);
const LOAD_MS = Number(process.env.CRASH_LOAD_MS ?? 300);
/** Spawn to `/readyz` 200, per restart (measured: see docs/robustness.md). */
const READY_BOUND_MS = 5_000;
const MAIN = new URL("../../cluster/node-main.ts", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "inferadb-crash-"));
const dbPath = join(dir, "node.sqlite");
let proc: Subprocess<"ignore", "pipe", "pipe"> | undefined;

afterAll(() => {
  proc?.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

/** Spawns the node; resolves with its HTTP base once it printed its ready line. */
async function start(): Promise<string> {
  proc = Bun.spawn([process.execPath, MAIN, dbPath, "crash-node"], {
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
  });
  void new Response(proc.stderr).text().catch(() => "");
  return httpBaseOf(proc);
}

async function waitReady(base: string, t0: number): Promise<number> {
  for (;;) {
    const ok = await fetch(`${base}/readyz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return performance.now() - t0;
    if (performance.now() - t0 > READY_BOUND_MS) throw new Error("not ready within the bound");
    await Bun.sleep(10);
  }
}

let seq = 0;
/** Registers until `stopAt`, 4 in flight; returns the sessions of those answered 201. */
async function load(base: string, stopAt: number): Promise<string[]> {
  const acked: string[] = [];
  const worker = async () => {
    while (performance.now() < stopAt) {
      const email = `crash${++seq}@example.com`;
      try {
        const res = await fetch(`${base}/v1/auth/register`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ name: "Crash", email, password: "correct horse battery staple" }),
        });
        await res.arrayBuffer();
        const m = /infera_session=([^;]*)/.exec(res.headers.get("set-cookie") ?? "");
        if (res.status === 201 && m?.[1]) acked.push(m[1]);
      } catch {
        return; // the node died mid-request: unacknowledged
      }
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  return acked;
}

/** Every acknowledged registration's session still reads its organization. */
async function checkAll(base: string, sessions: string[]): Promise<void> {
  for (let i = 0; i < sessions.length; i += 16) {
    const batch = sessions.slice(i, i + 16);
    const results = await Promise.all(
      batch.map(async (s) => {
        const res = await fetch(`${base}/v1/organizations`, {
          headers: { authorization: `Bearer ${s}` },
        });
        const body = (await res.json()) as { organizations?: unknown[] };
        return res.status === 200 && body.organizations?.length === 1;
      }),
    );
    const lost = results.filter((ok) => !ok).length;
    expect(lost, `acknowledged registrations lost (of ${batch.length})`).toBe(0);
  }
}

function integrity(): string {
  const db = new Database(dbPath);
  try {
    const rows = db.query("PRAGMA integrity_check").values() as string[][];
    return rows.map((r) => r[0]).join("; ");
  } finally {
    db.close();
  }
}

test(
  `SIGKILL under write load ×${KILLS}: acknowledged writes survive, file intact, ready again`,
  async () => {
    const acked: string[] = [];
    const readyMs: number[] = [];
    let base = await start();
    await waitReady(base, performance.now());
    for (let k = 0; k < KILLS; k++) {
      const writes = load(base, performance.now() + LOAD_MS + 1000);
      await Bun.sleep(LOAD_MS);
      proc!.kill("SIGKILL"); // mid-load: requests are in flight
      await proc!.exited;
      acked.push(...(await writes));
      expect(integrity()).toBe("ok");
      const t0 = performance.now();
      base = await start();
      readyMs.push(Math.round(await waitReady(base, t0)));
      await checkAll(base, acked);
    }
    const sorted = [...readyMs].sort((a, b) => a - b);
    console.log(
      `crash: ${KILLS} kills, ${acked.length} acknowledged registrations all present; restart-to-ready ms: ${readyMs.join(", ")}; p50 ${sorted[Math.floor(sorted.length / 2)]} max ${sorted.at(-1)}`,
    );
    expect(acked.length).toBeGreaterThan(KILLS);
  },
  30_000 + KILLS * 8_000,
);
