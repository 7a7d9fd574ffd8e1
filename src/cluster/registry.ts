/**
 * The node registry: registration (fresh incarnation + Snowflake worker id in one transaction),
 * heartbeats, observer-relative suspicion, self-fencing and re-registration, graceful leave, and
 * the compare-and-set the leader uses to declare a suspect node dead.
 *
 * Suspicion never compares clocks across nodes: each observer remembers, on its own monotonic
 * clock, when it last saw a peer's heartbeat counter move. Self-fencing uses the same clock: a node
 * whose last successful heartbeat *started* more than `fenceMs` ago is fenced (`isFenced()` is
 * computed on every call, so a node resumed from a long pause knows at once). Since
 * `fenceMs < suspectMs`, a node has fenced itself before any observer can have suspected it for
 * `suspectMs`, and so before the leader can declare it dead and hand its worker id to another node.
 */

import { applyMutations, type KvStore } from "../kv/types.ts";
import type { Clock } from "../lib/clock.ts";
import type { SnowflakeGenerator } from "../lib/ids.ts";
import type { Logger } from "../lib/log.ts";
import { Emitter } from "./emitter.ts";
import { ClusterErrors } from "./errors.ts";
import {
  ClusterKeys,
  type LeaderRecord,
  LeaderRecordCodec,
  type NodeRecord,
  NodeRecordCodec,
} from "./keys.ts";
import type { ClusterMetrics } from "./metrics.ts";
import { freeWorkerId, readNode, writeRegistration } from "./records.ts";
import { NO_SECRET_TAG } from "./secret-tag.ts";
import type { ClusterEvent, ClusterTimings, LeaderInfo, NodeInfo, SelfInfo } from "./types.ts";

/** How long a node that left (or whose record vanished) stays listed as `left`. */
const LEFT_RETENTION_MS = 60_000;
/** Pause between failed re-registration attempts. */
const REREGISTER_BACKOFF_MS = 500;

interface Observation {
  record: NodeRecord;
  /** This node's monotonic time when it last saw the record's heartbeat or incarnation change. */
  lastChangeMono: number;
}

export interface RegistryOptions {
  kv: KvStore;
  clock: Clock;
  log: Logger;
  timings: ClusterTimings;
  nodeId: string;
  address: string;
  /** `secretTag` of this node's cluster secret (src/cluster/secret-tag.ts). */
  secretTag?: string;
  /** Updated with `setWorkerId` whenever a registration takes a worker id. */
  ids?: SnowflakeGenerator;
  metrics?: ClusterMetrics;
}

export class NodeRegistry {
  readonly events: Emitter<ClusterEvent>;
  readonly timings: ClusterTimings;
  readonly #o: RegistryOptions;
  #self: SelfInfo | undefined;
  /** Monotonic start time of the last successful heartbeat (or registration) transaction. */
  #lastOkMono = Number.NEGATIVE_INFINITY;
  /** Set when fencing was decided (declared dead, gap noticed) until re-registration completes. */
  #fenced = false;
  #observed = new Map<string, Observation>();
  #left = new Map<string, { info: NodeInfo; sinceMono: number }>();
  #leader: LeaderRecord | undefined;
  #statusSig = "";
  #stopped = false;
  #secretWarned = new Set<string>();
  #observedOnce = false;
  #lastObservedMono = 0;

  constructor(opts: RegistryOptions) {
    this.#o = opts;
    this.timings = opts.timings;
    this.events = new Emitter(opts.log);
    // G4: a fenced node's worker id may have been handed to another node; no ids until re-joined.
    opts.ids?.setGuard(() => {
      if (this.isFenced()) throw ClusterErrors.NODE_FENCED(undefined, { retryAfterSeconds: 1 });
    });
  }

  get nodeId(): string {
    return this.#o.nodeId;
  }

  self(): SelfInfo {
    if (!this.#self) throw ClusterErrors.NOT_REGISTERED();
    return { ...this.#self };
  }

  isRegistered(): boolean {
    return this.#self !== undefined;
  }

  isFenced(): boolean {
    if (!this.#self || this.#fenced) return true;
    return this.#o.clock.monotonic() - this.#lastOkMono > this.timings.fenceMs;
  }

  /** True once a heartbeat has read the node and leader records at least once. */
  hasObserved(): boolean {
    return this.#observedOnce;
  }

  /** The leader record exactly as last read, including a released one. */
  leaderRecordRaw(): LeaderRecord | undefined {
    return this.#leader ? { ...this.#leader } : undefined;
  }

  /** The leader record as last read (undefined when absent or released). */
  leaderRecord(): LeaderInfo | undefined {
    const r = this.#leader;
    return r && !r.released
      ? { nodeId: r.nodeId, incarnation: r.incarnation, epoch: r.epoch }
      : undefined;
  }

  /**
   * Registers this node: a fresh incarnation from the cluster-wide counter and a free worker id,
   * in one transaction (so two simultaneous starters can never take the same id: the loser
   * conflicts and retries). Reuses the worker id of this node id's previous registration when it
   * still holds it. Idempotent under `unknown_result` retries through a per-call token.
   */
  async register(): Promise<SelfInfo> {
    const { nodeId, address } = this.#o;
    const token = crypto.randomUUID();
    const startMono = this.#o.clock.monotonic();
    const registeredAt = this.#o.clock.now();
    const rec = await this.#o.kv.transact(
      async (tx) => {
        return writeRegistration(tx, {
          nodeId,
          address,
          token,
          registeredAt,
          secretTag: this.#o.secretTag ?? NO_SECRET_TAG,
        });
      },
      { name: "cluster.register" },
    );
    this.#self = { nodeId, incarnation: rec.incarnation, workerId: rec.workerId, address };
    this.#lastOkMono = startMono;
    this.#fenced = false;
    this.#o.ids?.setWorkerId(rec.workerId);
    this.#o.log.info("node registered", { ...this.#self });
    return this.self();
  }

  /**
   * One heartbeat tick: re-registers first when fenced, else increments this node's counter
   * (checking the record is still ours and alive) and reads every node record and the leader
   * record with snapshot reads (no conflicts) to refresh the local view.
   */
  async tick(): Promise<void> {
    if (this.#stopped) return;
    if (this.isFenced()) {
      await this.#fenceAndRejoin();
      return;
    }
    const me = this.#self!;
    const startMono = this.#o.clock.monotonic();
    let result: { ok: boolean; nodes: NodeRecord[]; leader: LeaderRecord | undefined };
    try {
      result = await this.#o.kv.transact(
        async (tx) => {
          const rec = await readNode(tx, me.nodeId);
          const ok = !!rec && rec.incarnation === me.incarnation && rec.status === "alive";
          if (ok)
            tx.set(
              ClusterKeys.node(me.nodeId),
              NodeRecordCodec.encode({ ...rec, heartbeat: rec.heartbeat + 1 }),
            );
          const [b, e] = ClusterKeys.nodes.range();
          const nodes = (await tx.snapshot.getRange(b, e)).map((kv) =>
            NodeRecordCodec.decode(kv.value),
          );
          const leaderBytes = await tx.snapshot.get(ClusterKeys.leader);
          const leader = leaderBytes ? LeaderRecordCodec.decode(leaderBytes) : undefined;
          return { ok, nodes, leader };
        },
        { name: "cluster.heartbeat", maxAttempts: 3 },
      );
    } catch (e) {
      this.#o.metrics?.heartbeatFailures.inc();
      this.#o.log.warn("heartbeat failed", { err: e });
      if (this.isFenced()) await this.#fenceAndRejoin();
      return;
    }
    if (this.#stopped) return;
    if (!result.ok) {
      this.#o.log.warn("found own registration gone or declared dead", { ...me });
      this.#fenced = true;
      await this.#fenceAndRejoin();
      return;
    }
    // A heartbeat that completed after the fence deadline does not unfence: rejoin instead.
    if (this.isFenced()) {
      await this.#fenceAndRejoin();
      return;
    }
    this.#lastOkMono = startMono;
    this.#observe(result.nodes, result.leader);
  }

  /**
   * Says so loudly, once per peer incarnation, when a live peer runs with another cluster secret
   * (or none): forwarded calls between the two are refused, so actors owned by one answer 503 on
   * the other. A node refuses to start next to such a peer (src/main.ts); this catches one that
   * joined later or started at the same moment.
   */
  #checkSecret(rec: NodeRecord): void {
    const mine = this.#o.secretTag ?? NO_SECRET_TAG;
    if (rec.nodeId === this.#o.nodeId || rec.status !== "alive") return;
    if (rec.secretTag === undefined || rec.secretTag === mine) return;
    const key = `${rec.nodeId}/${rec.incarnation}`;
    if (this.#secretWarned.has(key)) return;
    this.#secretWarned.add(key);
    this.#o.log.error("peer runs with another cluster.secret: forwarded calls will fail", {
      peer: rec.nodeId,
      incarnation: rec.incarnation,
      fix: "set the same INFERADB_MGMT__CLUSTER__SECRET on every node",
    });
  }

  /** Fences (emits `fenced` once), then re-registers until it succeeds or the registry stops. */
  async #fenceAndRejoin(): Promise<void> {
    this.#fenced = true;
    this.#o.metrics?.fencingEvents.inc();
    this.#o.log.warn("node fenced itself", { nodeId: this.#o.nodeId });
    this.events.emit("fenced");
    while (!this.#stopped) {
      try {
        await this.register();
        this.events.emit("unfenced");
        return;
      } catch (e) {
        this.#o.log.warn("re-registration failed", { err: e });
        await this.#o.clock.sleep(REREGISTER_BACKOFF_MS);
      }
    }
  }

  #observe(nodes: NodeRecord[], leader: LeaderRecord | undefined): void {
    const now = this.#o.clock.monotonic();
    const seen = new Set<string>();
    for (const rec of nodes) {
      seen.add(rec.nodeId);
      this.#checkSecret(rec);
      const prev = this.#observed.get(rec.nodeId);
      const changed =
        !prev ||
        prev.record.heartbeat !== rec.heartbeat ||
        prev.record.incarnation !== rec.incarnation ||
        prev.record.status !== rec.status;
      this.#observed.set(rec.nodeId, {
        record: rec,
        lastChangeMono: changed ? now : prev.lastChangeMono,
      });
      this.#left.delete(rec.nodeId);
    }
    for (const [nodeId, obs] of this.#observed) {
      if (seen.has(nodeId)) continue;
      this.#observed.delete(nodeId);
      this.#left.set(nodeId, { info: { ...this.#info(obs), status: "left" }, sinceMono: now });
    }
    for (const [nodeId, l] of this.#left)
      if (now - l.sinceMono > LEFT_RETENTION_MS) this.#left.delete(nodeId);

    this.#observedOnce = true;
    this.#lastObservedMono = now;
    const prevLeader = JSON.stringify(this.leaderRecord() ?? null);
    this.#leader = leader;
    if (JSON.stringify(this.leaderRecord() ?? null) !== prevLeader) this.events.emit("leader");
    this.refreshStatus();
  }

  /** Recomputes statuses after an observation and emits `membership` when any changed. */
  refreshStatus(): void {
    const members = this.members();
    const sig = members.map((m) => `${m.nodeId}:${m.incarnation}:${m.status}`).join(",");
    if (this.#o.metrics) {
      for (const s of ["alive", "suspect", "dead", "left"] as const) {
        this.#o.metrics.members.set({ status: s }, members.filter((m) => m.status === s).length);
      }
    }
    if (sig !== this.#statusSig) {
      this.#statusSig = sig;
      this.events.emit("membership");
    }
  }

  #info(obs: Observation): NodeInfo {
    const r = obs.record;
    const isSelf = r.nodeId === this.#o.nodeId && r.incarnation === this.#self?.incarnation;
    // Measured up to this node's latest observation, not to "now": a node that could not observe
    // (paused, cut off from the store) suspects nobody until it has looked again.
    const since = this.#lastObservedMono - obs.lastChangeMono;
    const status = isSelf
      ? this.isFenced()
        ? "suspect"
        : "alive"
      : r.status === "dead"
        ? "dead"
        : since >= this.timings.suspectMs
          ? "suspect"
          : "alive";
    return {
      nodeId: r.nodeId,
      incarnation: r.incarnation,
      workerId: r.workerId,
      address: r.address,
      status,
      heartbeat: r.heartbeat,
      sinceChangeMs: since,
      self: isSelf,
    };
  }

  members(): NodeInfo[] {
    const out = [...this.#observed.values()]
      .map((o) => this.#info(o))
      // Our own record from before a re-registration is not another member.
      .filter((m) => m.self || m.nodeId !== this.#o.nodeId);
    for (const l of this.#left.values()) out.push(l.info);
    const me = this.#self;
    if (me && !out.some((m) => m.self)) {
      out.push({
        ...me,
        status: this.isFenced() ? "suspect" : "alive",
        heartbeat: 0,
        sinceChangeMs: 0,
        self: true,
      });
    }
    return out.sort((a, b) => (a.nodeId < b.nodeId ? -1 : a.nodeId > b.nodeId ? 1 : 0));
  }

  liveNodes(): NodeInfo[] {
    return this.members().filter((m) => m.status === "alive");
  }

  /**
   * The observed state of `nodeId`: its record and status, or undefined when this node has no
   * record of it (never seen, or its record is gone).
   */
  member(nodeId: string): NodeInfo | undefined {
    const obs = this.#observed.get(nodeId);
    return obs ? this.#info(obs) : undefined;
  }

  /** Records that may be declared dead: suspect peers (never self), with what was observed. */
  suspects(): NodeRecord[] {
    const at = this.#lastObservedMono;
    return [...this.#observed.values()]
      .filter((o) => o.record.nodeId !== this.#o.nodeId && o.record.status === "alive")
      .filter((o) => at - o.lastChangeMono >= this.timings.suspectMs)
      .map((o) => o.record);
  }

  /** Dead records this node has watched stay dead for `retentionMs` (to garbage-collect). */
  deadRecords(retentionMs: number): NodeRecord[] {
    const at = this.#lastObservedMono;
    return [...this.#observed.values()]
      .filter((o) => o.record.status === "dead" && at - o.lastChangeMono >= retentionMs)
      .map((o) => o.record);
  }

  /**
   * Graceful leave: deletes this node's record and frees its worker id (only if they are still
   * this incarnation's). Stops the registry; later ticks do nothing.
   */
  async leave(): Promise<void> {
    this.#stopped = true;
    const me = this.#self;
    if (!me) return;
    await this.#o.kv.transact(
      async (tx) => {
        const rec = await readNode(tx, me.nodeId);
        if (rec && rec.incarnation === me.incarnation) tx.clear(ClusterKeys.node(me.nodeId));
        applyMutations(tx, await freeWorkerId(tx, me.workerId, me.nodeId, me.incarnation));
      },
      { name: "cluster.leave", maxAttempts: 5 },
    );
    this.#o.log.info("node left the cluster", { ...me });
  }

  /** Stops ticking and re-registering without touching the KV store (`leave()` still works). */
  stop(): void {
    this.#stopped = true;
  }
}
