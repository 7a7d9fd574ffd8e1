/**
 * Deterministic cluster simulation: N cluster nodes in one process over one memory KV backend,
 * each with its own clock (wall skew, own monotonic origin) driven by one virtual scheduler, and
 * faults drawn from a seeded PRNG: KV conflicts and unknown commit results (memory backend),
 * pauses (a node's timers and KV calls freeze, as under SIGSTOP), partitions (a node's KV calls
 * fail, so it cannot heartbeat), crashes and restarts.
 *
 * Time only moves in `advance()`: the scheduler wakes sleepers one deadline at a time and lets
 * every resulting promise chain settle before the next, so a seed replays exactly.
 *
 * The harness records, at the backend (so what really committed, whatever the client was told),
 * every write of the leader record into a versionstamp-ordered journal under `sim/journal`, next to
 * the entries leader-only jobs append (`appendJournal`). `checkLeaderJournal()` verifies G3 on it.
 *
 * Extending it (the runtime's actor simulation): pass `setupNode` to add things to each node
 * before it starts (its `kv`, `clock`, `cluster` are ready), `invariants` to check after every
 * step, and use `schedule()`/`rng` to inject your own events.
 */

import {
  ClusterKeys,
  LeaderRecordCodec,
  NodeRecordCodec,
  WorkerClaimCodec,
} from "../../src/cluster/keys.ts";
import { type ClusterNode, createClusterNode } from "../../src/cluster/node.ts";
import { pickWorkerId } from "../../src/cluster/records.ts";
import type { ClusterTimings } from "../../src/cluster/types.ts";
import { createMemoryBackend, type MemoryBackend } from "../../src/kv/backends/memory.ts";
import { compareBytes, concatBytes, strinc } from "../../src/kv/keyspace.ts";
import { createKvStore } from "../../src/kv/store.ts";
import { type KvBackend, KvError, type KvStore } from "../../src/kv/types.ts";
import type { Clock } from "../../src/lib/clock.ts";
import { SnowflakeGenerator } from "../../src/lib/ids.ts";
import { type Logger, silentLogger } from "../../src/lib/log.ts";
import { prng } from "../support/prng.ts";
import { Scheduler, SimClock, settle } from "./scheduler.ts";
import { appendJournal, type JournalEntry, JournalSpace, NodeTransaction } from "./sim-kv.ts";

export { Scheduler, settle } from "./scheduler.ts";
export { appendJournal, type JournalEntry, JournalSpace } from "./sim-kv.ts";

const dec = new TextDecoder();

/** Re-exported for simulations built on this harness. */
export { prng };

export interface SimNode {
  index: number;
  nodeId: string;
  clock: Clock;
  kv: KvStore;
  ids: SnowflakeGenerator;
  cluster: ClusterNode;
  /** Paused (SIGSTOP-like) or crashed: no timers fire, KV calls block. */
  readonly frozen: boolean;
  paused: boolean;
  crashed: boolean;
  /**
   * When set, the node's next commit (or next leader-journal commit) pauses the node for `ms`
   * between the store's checks and the commit landing (clipped to end by virtual time `endBy`).
   */
  pauseAtCommit: { ms: number; journalOnly?: boolean; endBy?: number } | undefined;
  /**
   * When set, the node pauses for `ms` (clipped to end by `endBy`) the next time a leader job's
   * fence reads the leader record: after the job checked its own belief (`ctx.signal`), before the
   * read reaches the store. On resume the read runs before any of the node's timers, so the store
   * fence (`fenceTerm`) alone keeps a deposed leader's batch from committing.
   */
  pauseAtFenceRead: { ms: number; endBy?: number } | undefined;
  /** True while the node's `sim-journal` job is inside `ctx.fence` (set by the job itself). */
  jobFencing: boolean;
  /** Until this virtual time, the node's KV calls fail with `unavailable`. */
  partitionedUntil: number;
  /** Resolves when the node may touch the KV store; throws while partitioned. */
  gate(): Promise<void>;
  /** Waits the simulated commit latency (node clock; frozen while paused). */
  commitDelay(journal: boolean): Promise<void>;
  /** Fault injection before a conflicting point read (`pauseAtFenceRead`). */
  beforeRead(key: Uint8Array): void;
}

export interface SimOptions {
  seed: number;
  nodes: number;
  timings?: Partial<ClusterTimings>;
  /** Per-commit fault probabilities of the memory backend. */
  kvFaults?: { conflict?: number; unknownApplied?: number; unknownNotApplied?: number };
  /** Each commit waits 0..this many ms of its node's clock before reaching the backend. */
  maxCommitLatencyMs?: number;
  /** Maximum absolute wall-clock skew per node (ms). */
  maxSkewMs?: number;
  log?: Logger;
  /** Called for each node (also restarted ones) after its cluster node exists, before start. */
  setupNode?: (node: SimNode, sim: SimCluster) => void | Promise<void>;
  /** Extra checks run by `check()` after every step; throw to fail. */
  invariants?: Array<(sim: SimCluster) => void | Promise<void>>;
  /**
   * Node ids chosen so that every one hashes to the same preferred worker id (`pickWorkerId`):
   * only the claims in the store keep their ids apart, not the spread of the hash.
   */
  collidingNodeIds?: boolean;
  /** Adds the `sim-journal` leader job (an effect entry every `journalMs`). Default true. */
  journal?: boolean;
  journalMs?: number;
}

export class SimCluster {
  readonly sched = new Scheduler();
  readonly rng: () => number;
  readonly backend: MemoryBackend;
  /** A store outside every node (no gates) for invariant reads. */
  readonly observer: KvStore;
  readonly nodes: SimNode[] = [];
  readonly trace: string[] = [];
  /** Old processes of nodes restarted while still running (`restartWhileAlive`). */
  readonly zombies: SimNode[] = [];
  readonly #o: SimOptions;
  #events: { at: number; fn: () => void | Promise<void> }[] = [];
  #journalSeen: Uint8Array | undefined;
  #journalState = { epoch: 0, open: false };
  journalEffects = 0;
  journalClaims = 0;

  constructor(opts: SimOptions) {
    this.#o = opts;
    this.rng = prng(opts.seed);
    this.backend = createMemoryBackend();
    const f = opts.kvFaults;
    if (f) this.backend.faults.random(f, prng(opts.seed ^ 0x9e3779b9));
    const observerClock: Clock = {
      now: () => this.sched.wallStart + this.sched.now,
      monotonic: () => this.sched.now,
      sleep: (ms, signal) => this.sched.sleep(undefined, ms, signal),
    };
    // Its commits (tests schedule reminders through it) draw the backend's random faults like any
    // other: their retry backoff must run on virtual time with a seeded jitter, or how much
    // virtual time a `drive()` of it takes would depend on the real machine (seeds would not
    // replay).
    this.observer = createKvStore(this.#faultless(), {
      clock: observerClock,
      random: prng(opts.seed ^ 0x0b5e),
      backoffSleep: (ms) => this.sched.sleep(undefined, ms),
    });
  }

  /**
   * The backend for the observer: no node gate, latency or pause. Its reads never draw faults;
   * its commits that write do (they reach the same backend).
   */
  #faultless(): KvBackend {
    const b = this.backend;
    return {
      name: b.name,
      capabilities: b.capabilities,
      begin: () => b.begin(),
      close: async () => {},
    };
  }

  log(msg: string): void {
    this.trace.push(`${this.sched.now} ${msg}`);
  }

  async #createNode(index: number): Promise<SimNode> {
    const rng = this.rng;
    const sched = this.sched;
    const skew = Math.round((rng() * 2 - 1) * (this.#o.maxSkewMs ?? 2000));
    const waiters: Array<() => void> = [];
    const sim = this;
    const latencyRng = prng(this.#o.seed * 7919 + index);
    const maxLatency = this.#o.maxCommitLatencyMs ?? 0;
    let paused = false;
    const node = {
      index,
      nodeId: this.#o.collidingNodeIds ? collidingNodeId(index) : `n${index}`,
      crashed: false,
      jobFencing: false as boolean,
      partitionedUntil: 0,
      get paused() {
        return paused;
      },
      set paused(v: boolean) {
        paused = v;
        if (!v) for (const w of waiters.splice(0)) w();
      },
      get frozen() {
        return paused || node.crashed;
      },
      async commitDelay(journal: boolean) {
        const ms = Math.floor(latencyRng() * (maxLatency + 1));
        const armed = node.pauseAtCommit;
        if (armed && (journal || !armed.journalOnly)) {
          node.pauseAtCommit = undefined;
          const ms = Math.min(armed.ms, (armed.endBy ?? Number.POSITIVE_INFINITY) - sched.now);
          if (ms > 0) {
            sim.log(`pause at ${journal ? "journal " : ""}commit`);
            sim.pause(node, ms);
          }
        }
        if (ms > 0) await node.clock.sleep(ms);
      },
      beforeRead(key: Uint8Array) {
        const armed = node.pauseAtFenceRead;
        if (!armed || !node.jobFencing || compareBytes(key, ClusterKeys.leader) !== 0) return;
        node.pauseAtFenceRead = undefined;
        const ms = Math.min(armed.ms, (armed.endBy ?? Number.POSITIVE_INFINITY) - sched.now);
        if (ms > 0 && !node.frozen) {
          sim.log(`pause at fence read ${node.nodeId}`);
          sim.pause(node, ms);
        }
      },
      async gate() {
        // A crashed node's calls never return: its process is gone.
        while (node.frozen) await new Promise<void>((r) => waiters.push(r));
        if (sched.now < node.partitionedUntil)
          throw new KvError("unavailable", "simulated partition");
      },
    } as SimNode;
    node.clock = new SimClock(sched, node, skew, Math.round(rng() * 1e6));
    const backend = this.backend;
    const gated: KvBackend = {
      name: backend.name,
      capabilities: backend.capabilities,
      begin: () => new NodeTransaction(backend.begin(), node),
      close: async () => {},
    };
    node.kv = createKvStore(gated, {
      clock: node.clock,
      random: prng(this.#o.seed * 31 + index),
      backoffSleep: (ms) => node.clock.sleep(ms),
    });
    node.ids = new SnowflakeGenerator({ workerId: 0, clock: node.clock });
    const t = this.#o.timings ?? {};
    node.cluster = createClusterNode({
      kv: node.kv,
      clock: node.clock,
      log: (this.#o.log ?? silentLogger).child({ sim: node.nodeId }),
      ids: node.ids,
      config: {
        node_id: node.nodeId,
        internal_port: 3002 + index,
        ...(t.heartbeatMs ? { heartbeat_ms: t.heartbeatMs } : {}),
        ...(t.suspectMs ? { suspect_ms: t.suspectMs } : {}),
        ...(t.fenceMs ? { fence_ms: t.fenceMs } : {}),
        ...(t.campaignMs ? { campaign_ms: t.campaignMs } : {}),
      },
    });
    if (this.#o.journal !== false) {
      node.cluster.registerJob({
        name: "sim-journal",
        intervalMs: this.#o.journalMs ?? 200,
        async runBatch(ctx) {
          // The epoch this batch runs under, taken when it starts (jobs run only while leading),
          // not re-read after the fence: the journal must show what the store let commit, not
          // what the node believes by then.
          const term = node.cluster.term();
          if (!term) throw new Error("a leader job batch without a term");
          await ctx.kv.transact(async (tx) => {
            node.jobFencing = true;
            try {
              await ctx.fence(tx);
            } finally {
              node.jobFencing = false;
            }
            appendJournal(tx, term.epoch, node.nodeId);
          });
          return { more: false };
        },
      });
    }
    node.cluster.on("fenced", () => this.log(`fenced ${node.nodeId}`));
    node.cluster.on("unfenced", () => {
      const me = node.cluster.self();
      this.log(`rejoined ${node.nodeId} inc=${me.incarnation} worker=${me.workerId}`);
    });
    node.cluster.on("leader", () => {
      const t = node.cluster.term();
      this.log(`${node.nodeId} ${t ? `leads epoch ${t.epoch}` : "follows"}`);
    });
    await this.#o.setupNode?.(node, this);
    this.nodes[index] = node;
    return node;
  }

  /** Starts node `index` (a fresh process; `nodeId` is reused on restart); waits until registered. */
  async startNode(index: number): Promise<SimNode> {
    await this.startNodes([index]);
    return this.nodes[index]!;
  }

  /** Awaits `p` while stepping virtual time 1 ms at a time (for retry backoffs on the clock). */
  async drive<T>(p: Promise<T>): Promise<T> {
    let pending = true;
    const tracked = p.finally(() => {
      pending = false;
    });
    tracked.catch(() => {});
    while (pending) await this.sched.advanceTo(this.sched.now + 1);
    return tracked;
  }

  /** Starts several nodes at the same virtual instant (concurrent registrations). */
  async startNodes(indexes: number[]): Promise<void> {
    const nodes: SimNode[] = [];
    for (const i of indexes) nodes.push(await this.#createNode(i));
    // Registration needs the scheduler only for retry backoff.
    await this.drive(Promise.all(nodes.map((n) => n.cluster.start())));
    for (const n of nodes) {
      const me = n.cluster.self();
      this.log(`start ${n.nodeId} inc=${me.incarnation} worker=${me.workerId}`);
    }
  }

  async start(): Promise<void> {
    await this.startNodes(Array.from({ length: this.#o.nodes }, (_, i) => i));
  }

  /** Runs `fn` when virtual time reaches `at`. */
  schedule(at: number, fn: () => void | Promise<void>): void {
    this.#events.push({ at, fn });
    this.#events.sort((a, b) => a.at - b.at);
  }

  /**
   * A supervisor restarts node `index` while its old process still runs: the old process hangs
   * (paused `pauseMs`), a new process with the same node id registers (a newer incarnation, so
   * peers may claim leadership at once, without waiting for suspicion), and the old process is
   * killed `killAfterMs` after it resumes. Its clock-based self-fencing has not fired if `pauseMs`
   * plus the time since its last heartbeat stays under `fenceMs`: then only the store fence stops
   * the batches it runs when it wakes believing it still leads.
   */
  async restartWhileAlive(index: number, pauseMs: number, killAfterMs: number): Promise<SimNode> {
    const old = this.nodes[index]!;
    this.pause(old, pauseMs);
    this.zombies.push(old);
    this.schedule(this.sched.now + pauseMs + killAfterMs, () => this.crash(old));
    // Killed when it fences itself at the latest: a zombie that re-registered would displace
    // the new process (two processes with one node id are outside G4: docs/testing.md).
    old.cluster.on("fenced", () => {
      if (!old.crashed) this.crash(old);
    });
    this.log(`restart ${old.nodeId} while its old process lives`);
    return this.startNode(index);
  }

  pause(node: SimNode, ms: number): void {
    node.paused = true;
    this.log(`pause ${node.nodeId} ${ms}ms`);
    this.schedule(this.sched.now + ms, () => {
      node.paused = false;
      this.log(`resume ${node.nodeId}`);
    });
  }

  partition(node: SimNode, ms: number): void {
    node.partitionedUntil = this.sched.now + ms;
    this.log(`partition ${node.nodeId} ${ms}ms`);
  }

  crash(node: SimNode): void {
    node.crashed = true;
    this.log(`crash ${node.nodeId}`);
  }

  /** Nodes still running (not crashed). */
  running(): SimNode[] {
    return this.nodes.filter((n) => n && !n.crashed);
  }

  /** Advances virtual time by `ms`, firing scheduled events on the way. */
  async advance(ms: number): Promise<void> {
    const target = this.sched.now + ms;
    for (;;) {
      const ev = this.#events[0];
      if (!ev || ev.at > target) break;
      this.#events.shift();
      await this.sched.advanceTo(ev.at);
      await ev.fn();
      await settle();
    }
    await this.sched.advanceTo(target);
  }

  /** G4: every node that believes itself unfenced holds a worker id no other such node holds,
   * and the KV claim of that id names its current registration (nodeId, incarnation). */
  async checkWorkerIds(): Promise<void> {
    const claims = await this.observer.transact(async (tx) => {
      const [b, e] = ClusterKeys.workers.range();
      const out = new Map<number, { nodeId: string; incarnation: number }>();
      for (const kv of await tx.snapshot.getRange(b, e)) {
        out.set(ClusterKeys.workers.unpack(kv.key)[0] as number, WorkerClaimCodec.decode(kv.value));
      }
      const [nb, ne] = ClusterKeys.nodes.range();
      const nodes = (await tx.snapshot.getRange(nb, ne)).map((kv) =>
        NodeRecordCodec.decode(kv.value),
      );
      return { out, nodes };
    });
    const seen = new Map<number, string>();
    for (const n of this.running()) {
      if (n.cluster.isFenced()) continue;
      const me = n.cluster.self();
      const other = seen.get(me.workerId);
      if (other) throw new Error(`G4: worker id ${me.workerId} held by ${other} and ${n.nodeId}`);
      seen.set(me.workerId, n.nodeId);
      const c = claims.out.get(me.workerId);
      if (!c || c.nodeId !== me.nodeId || c.incarnation !== me.incarnation) {
        throw new Error(
          `G4: ${n.nodeId}/${me.incarnation} is unfenced but worker ${me.workerId} is claimed by ${JSON.stringify(c)}`,
        );
      }
    }
    // The stored invariant: a claim exists iff an alive record names it.
    for (const [id, c] of claims.out) {
      const rec = claims.nodes.find((r) => r.nodeId === c.nodeId);
      if (rec?.status !== "alive" || rec.incarnation !== c.incarnation || rec.workerId !== id) {
        throw new Error(
          `G4: claim of worker ${id} by ${c.nodeId}/${c.incarnation} has no live record`,
        );
      }
    }
    for (const rec of claims.nodes) {
      if (rec.status !== "alive") continue;
      const c = claims.out.get(rec.workerId);
      if (!c || c.nodeId !== rec.nodeId || c.incarnation !== rec.incarnation) {
        throw new Error(`G4: alive record ${rec.nodeId}/${rec.incarnation} lacks its worker claim`);
      }
    }
  }

  /**
   * G4 from the outputs, not the claims: every running, unfenced node mints `perNode` ids at this
   * one virtual instant (`burstNode` mints `burst` more: past one millisecond's 4096 sequence
   * numbers, so the generator must move to the next millisecond); no id may repeat.
   */
  mintAndCheckIds(perNode: number, burst = 0, burstNode?: SimNode): void {
    const seen = new Map<bigint, string>();
    for (const n of this.running()) {
      if (n.frozen || n.cluster.isFenced()) continue;
      const count = perNode + (n === burstNode ? burst : 0);
      for (let i = 0; i < count; i++) {
        let id: bigint;
        try {
          id = n.ids.nextBigInt();
        } catch {
          break; // the generator's guard refuses while the node is fenced
        }
        const other = seen.get(id);
        if (other !== undefined) throw new Error(`G4: id ${id} minted by ${other} and ${n.nodeId}`);
        seen.set(id, n.nodeId);
      }
    }
  }

  /**
   * G3: reads the journal entries committed since the last check, in commit order, and verifies
   * that every leader effect carries the epoch of the latest claim and that no effect follows a
   * release of its epoch or a later claim: one committing leader epoch at a time.
   */
  async checkLeaderJournal(): Promise<void> {
    const rows = await this.observer.transact(async (tx) => {
      const begin = this.#journalSeen
        ? concatBytes(this.#journalSeen, Uint8Array.of(0))
        : JournalSpace.prefix;
      return tx.snapshot.getRange(begin, strinc(JournalSpace.prefix));
    });
    for (const row of rows) {
      this.#journalSeen = row.key;
      const entry = JSON.parse(dec.decode(row.value)) as JournalEntry;
      const st = this.#journalState;
      if (entry.kind === "claim") {
        if (entry.epoch <= st.epoch)
          throw new Error(`G3: claim of epoch ${entry.epoch} after epoch ${st.epoch}`);
        st.epoch = entry.epoch;
        st.open = true;
        this.journalClaims++;
      } else if (entry.kind === "release") {
        if (entry.epoch === st.epoch) st.open = false;
      } else {
        if (entry.epoch !== st.epoch || !st.open) {
          throw new Error(
            `G3: effect of epoch ${entry.epoch} by ${entry.nodeId} committed while epoch ${st.epoch} is ${st.open ? "current" : "released"}`,
          );
        }
        this.journalEffects++;
      }
    }
  }

  /** All built-in and extra invariants. */
  async check(): Promise<void> {
    await this.checkWorkerIds();
    await this.checkLeaderJournal();
    for (const inv of this.#o.invariants ?? []) await inv(this);
  }

  /** The node currently leading per its own machine and the KV record, if any. */
  async currentLeader(): Promise<SimNode | undefined> {
    const rec = await this.observer.transact(async (tx) => {
      const v = await tx.snapshot.get(ClusterKeys.leader);
      return v ? LeaderRecordCodec.decode(v) : undefined;
    });
    if (!rec || rec.released) return undefined;
    return this.running().find((n) => {
      const t = n.cluster.term();
      return !n.frozen && n.cluster.isLeader() && t?.epoch === rec.epoch && t.nodeId === rec.nodeId;
    });
  }

  /** Stops every running node without KV writes (teardown). */
  async shutdown(): Promise<void> {
    for (const n of [...this.nodes, ...this.zombies]) {
      if (!n) continue;
      n.crashed = true;
      // Not awaited: loops blocked at a crashed node's gate never finish (like a killed process).
      void n.cluster.stop({ graceful: false });
    }
  }
}

/**
 * Node id `index` of a cluster whose ids all hash to the worker id `n0` prefers: `n0`, then
 * `n<index>-<k>` for the smallest such `k`.
 */
export function collidingNodeId(index: number): string {
  if (index === 0) return "n0";
  const target = pickWorkerId(new Set(), "n0");
  for (let k = 0; ; k++) {
    const id = `n${index}-${k}`;
    if (pickWorkerId(new Set(), id) === target) return id;
  }
}

/** The command that replays one seed. */
export function replayCommand(seed: number): string {
  return `SIM_SEED=${seed} npx bun test test/sim/cluster.test.ts`;
}
