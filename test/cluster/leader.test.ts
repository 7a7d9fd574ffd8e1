/**
 * Real processes (G3): three nodes on one SQLite file with short timings (heartbeat 200 ms,
 * suspect 1000 ms, fence 700 ms). The leader is stopped with SIGSTOP for 15 s: another node must
 * take over, and after SIGCONT the stopped node must never commit as leader again. Proof: the
 * fenced leader-journal job (every leader appends `(nodeId, epoch)` in commit order) has no entry
 * of the old epoch after the successor's first entry.
 */
import { afterEach, expect, test } from "bun:test";
import { journalViolations, readLeaderJournal } from "./leader-journal.ts";
import {
  type Proc,
  type ProcTestCluster,
  procTestCluster,
  stopAll,
  waitFor,
} from "./leader-support.ts";

let cluster: ProcTestCluster | undefined;
afterEach(async () => {
  await cluster?.cleanup();
  cluster = undefined;
});

const STOP_MS = 15_000;

test("a leader stopped for 15 s is replaced, and never commits as leader after its successor was elected", async () => {
  cluster = procTestCluster();
  const procs = await cluster.start(["leader-a", "leader-b", "leader-c"]);
  const leaderOf = async (ps: Proc[]) => {
    for (const p of ps) {
      const h = await p.health();
      if (h?.is_leader && h.leader) return { proc: p, epoch: h.leader.epoch };
    }
    return undefined;
  };
  // The shared file can be read while the nodes run.
  const journal = cluster.openKv();
  /** Journal entries of `epoch`, or of every later epoch with `later`. */
  const entriesOf = async (epoch: number, later = false) =>
    (await readLeaderJournal(journal)).filter(
      (r) => r.epoch === epoch || (later && r.epoch > epoch),
    ).length;
  // The leader to stop: one that still leads once its term has committed 10 journal entries (on a
  // loaded machine an early term may end before that; the test then takes the next one).
  const first = await waitFor(
    "a leader whose term has 10 journal entries",
    async () => {
      const l = await leaderOf(procs);
      return l && (await entriesOf(l.epoch)) >= 10 ? l : undefined;
    },
    20_000,
  );

  const stoppedIncarnation = (await first.proc.health())?.incarnation;
  expect(stoppedIncarnation).toBeDefined();
  first.proc.proc.kill("SIGSTOP");
  const stoppedAt = performance.now();
  const others = procs.filter((p) => p !== first.proc);
  const successor = await waitFor(
    "a successor leader",
    async () => {
      const l = await leaderOf(others);
      return l && l.epoch > first.epoch ? l : undefined;
    },
    STOP_MS - 1000,
  );
  const failoverMs = Math.round(performance.now() - stoppedAt);
  console.log(
    `leader failover after SIGSTOP: ${failoverMs} ms (epoch ${first.epoch} -> ${successor.epoch})`,
  );

  await Bun.sleep(Math.max(0, STOP_MS - (performance.now() - stoppedAt)));
  first.proc.proc.kill("SIGCONT");
  // The resumed node notices it was cut off, fences itself and re-joins as a follower.
  const rejoined = await waitFor(
    "the resumed node to re-join",
    async () => {
      const h = await first.proc.health();
      return h && !h.fenced && h.incarnation !== stoppedIncarnation ? h : undefined;
    },
    10_000,
  );
  // It may lead again only through a new claim (a later epoch), never by resuming its old term.
  if (rejoined.is_leader) expect(rejoined.leader!.epoch).toBeGreaterThan(successor.epoch);
  // Keep the resumed node running while the leaders after it commit 50 more entries, so a stray
  // commit of the old term would have had every chance to land; then stop everything.
  const before = await entriesOf(successor.epoch, true);
  await waitFor(
    "more successor entries",
    async () => ((await entriesOf(successor.epoch, true)) >= before + 50 ? true : undefined),
    10_000,
  );
  await stopAll(procs);

  const rows = await readLeaderJournal(journal);
  const oldEntries = rows.filter((r) => r.epoch === first.epoch);
  const successorFirst = rows.findIndex((r) => r.epoch === successor.epoch);
  expect(oldEntries.length).toBeGreaterThan(0);
  expect(oldEntries.every((r) => r.nodeId === first.proc.ready.nodeId)).toBe(true);
  expect(successorFirst).toBeGreaterThan(-1);
  expect(rows.slice(successorFirst).filter((r) => r.epoch === first.epoch)).toEqual([]);
  expect(journalViolations(rows)).toEqual([]);
}, 60_000);
