/**
 * Leader election driver: runs the leader-election machine (actors/leader-election/machine.ts)
 * with its effects bound to the KV leader record, ticks it every `campaignMs`, and offers
 * `fence(tx)` to every leader-only transaction.
 *
 * The record `cluster/leader = {nodeId, incarnation, epoch}` is the truth. A claim is a
 * compare-and-set against the record this node observed and judged claimable (absent, released,
 * or naming a node that is dead, left, re-registered or suspect on this node's clock); it writes
 * `epoch + 1`, so of several simultaneous claimers exactly one commits. `fence(tx)` re-reads the
 * record inside the caller's transaction as a conflicting read: if a successor's claim commits
 * first, the caller's commit conflicts, is retried, and then fails with `NOT_LEADER`. A deposed
 * leader therefore cannot commit after its successor's claim, however long it was paused.
 */
import { createActor, fromPromise } from "xstate";
import type { KvStore, Transaction } from "../kv/types.ts";
import type { Clock } from "../lib/clock.ts";
import type { Logger } from "../lib/log.ts";
import { Emitter } from "./emitter.ts";
import { ClusterErrors } from "./errors.ts";
import { ClusterKeys, type LeaderRecord, LeaderRecordCodec } from "./keys.ts";
import {
  type ClaimOutput,
  leaderElectionMachine,
  type RenewOutput,
  type TermInput,
} from "./leader-machine.ts";
import type { ClusterMetrics } from "./metrics.ts";
import type { NodeRegistry } from "./registry.ts";
import type { LeaderFence, LeaderInfo } from "./types.ts";

export interface LeaderElectionOptions {
  kv: KvStore;
  clock: Clock;
  log: Logger;
  registry: NodeRegistry;
  metrics?: ClusterMetrics;
  /** Called when this node wins a term (after the claim committed). */
  onElected?: (term: LeaderInfo) => void;
  /** Called when this node leaves the `leader` state, for whatever reason. */
  onDeposed?: (term: LeaderInfo) => void;
}

/** Reads the leader record inside `tx` (a conflicting read). */
export async function readLeader(tx: Transaction): Promise<LeaderRecord | undefined> {
  const v = await tx.get(ClusterKeys.leader);
  return v ? LeaderRecordCodec.decode(v) : undefined;
}

function sameRecord(a: LeaderRecord | undefined, b: LeaderRecord | undefined): boolean {
  if (!a || !b) return a === b;
  return (
    a.nodeId === b.nodeId &&
    a.incarnation === b.incarnation &&
    a.epoch === b.epoch &&
    !!a.released === !!b.released
  );
}

/**
 * Throws `NOT_LEADER` unless the record read in `tx` names exactly `term`. The read is a
 * conflicting read: a concurrent claim makes `tx` conflict instead of committing.
 */
export async function fenceTerm(tx: Transaction, term: LeaderInfo | undefined): Promise<void> {
  const cur = await readLeader(tx);
  if (
    !term ||
    !cur ||
    cur.released ||
    cur.nodeId !== term.nodeId ||
    cur.incarnation !== term.incarnation ||
    cur.epoch !== term.epoch
  ) {
    throw ClusterErrors.NOT_LEADER(undefined, {
      meta: { term, current: cur },
    });
  }
}

export class LeaderElection implements LeaderFence {
  readonly events: Emitter<"leader">;
  readonly #o: LeaderElectionOptions;
  readonly #actor;
  #term: LeaderInfo | undefined;
  #loop: AbortController | undefined;
  #unsubscribe: (() => void) | undefined;
  #done: Promise<void>;

  constructor(opts: LeaderElectionOptions) {
    this.#o = opts;
    this.events = new Emitter(opts.log);
    const { registry } = opts;
    const machine = leaderElectionMachine.provide({
      guards: {
        canCampaign: () => this.canCampaign(),
      },
      actors: {
        claim: fromPromise<ClaimOutput, { now: number }>(() => this.#claim()),
        renew: fromPromise<RenewOutput, TermInput>(({ input }) => this.#renew(input)),
        abdicate: fromPromise<void, TermInput>(({ input }) => this.#abdicate(input)),
      },
      actions: {
        becameLeader: ({ context }) => {
          const term = {
            nodeId: registry.nodeId,
            incarnation: context.incarnation!,
            epoch: context.epoch!,
          };
          this.#term = term;
          opts.metrics?.leaderChanges.inc();
          opts.metrics?.isLeader.set(1);
          opts.log.info("became leader", { ...term });
          opts.onElected?.(term);
          this.events.emit("leader");
        },
        lostLeadership: () => {
          const term = this.#term;
          this.#term = undefined;
          if (!term) return;
          opts.metrics?.leaderChanges.inc();
          opts.metrics?.isLeader.set(0);
          opts.log.info("lost leadership", { ...term });
          opts.onDeposed?.(term);
          this.events.emit("leader");
        },
      },
    });
    this.#actor = createActor(machine, { input: { fenceMs: registry.timings.fenceMs } });
    this.#done = new Promise((resolve) => {
      this.#actor.subscribe({ complete: () => resolve(), error: () => resolve() });
    });
  }

  /** The state value of the machine (for health and tests). */
  state(): string {
    const v = this.#actor.getSnapshot().value;
    return typeof v === "string" ? v : Object.keys(v)[0]!;
  }

  isLeader(): boolean {
    return this.#term !== undefined;
  }

  /** This node's current term, when leading. */
  term(): LeaderInfo | undefined {
    return this.#term ? { ...this.#term } : undefined;
  }

  async fence(tx: Transaction): Promise<void> {
    await fenceTerm(tx, this.#term);
  }

  /**
   * True when a claim may succeed: registered and unfenced, at least one observation made, and
   * the observed record is absent, released, or names a node that is not alive on this node's
   * clock (dead, left, suspect) or whose registration has a newer incarnation.
   */
  canCampaign(): boolean {
    const r = this.#o.registry;
    if (r.isFenced() || !r.hasObserved()) return false;
    const rec = r.leaderRecordRaw();
    if (!rec || rec.released) return true;
    const member = r.member(rec.nodeId);
    if (!member) return true;
    if (member.incarnation !== rec.incarnation) return true;
    return member.status !== "alive";
  }

  start(): void {
    const { clock, registry } = this.#o;
    this.#actor.start();
    this.#unsubscribe = registry.events.on("fenced", () => this.#actor.send({ type: "FENCED" }));
    const loop = new AbortController();
    this.#loop = loop;
    const campaignMs = registry.timings.campaignMs;
    void (async () => {
      while (!loop.signal.aborted) {
        try {
          await clock.sleep(campaignMs, loop.signal);
        } catch {
          return;
        }
        this.#actor.send({ type: "TICK", now: clock.monotonic() });
      }
    })();
  }

  /** Sends a TICK at once when following (after an observation), so a dead leader is replaced fast. */
  nudge(): void {
    if (this.#actor.getSnapshot().status === "active" && this.state() === "follower") {
      this.#actor.send({ type: "TICK", now: this.#o.clock.monotonic() });
    }
  }

  /**
   * Stops ticking and resolves when the machine has stopped. With `abdicate` (default) a leader
   * first releases the record; without it the machine just halts, as a crash would.
   */
  async stop(opts: { abdicate?: boolean } = {}): Promise<void> {
    this.#loop?.abort();
    this.#unsubscribe?.();
    if (this.#actor.getSnapshot().status !== "active") return;
    if (opts.abdicate === false) {
      this.#actor.stop();
      const term = this.#term;
      this.#term = undefined;
      if (term) this.#o.onDeposed?.(term);
      return;
    }
    this.#actor.send({ type: "STOP" });
    await this.#done;
  }

  async #claim(): Promise<ClaimOutput> {
    const { registry, kv } = this.#o;
    // Same macrotask as the guard, so the same observation; checked again to keep it that way.
    if (!this.canCampaign())
      return { won: false, epoch: 0, incarnation: registry.self().incarnation };
    const me = registry.self();
    const expected = registry.leaderRecordRaw();
    let attempted: number | undefined; // epoch written by an earlier attempt of this claim
    return kv.transact(
      async (tx) => {
        const cur = await readLeader(tx);
        const mine = cur && cur.nodeId === me.nodeId && cur.incarnation === me.incarnation;
        if (attempted !== undefined && mine && !cur.released && cur.epoch === attempted) {
          return { won: true, epoch: attempted, incarnation: me.incarnation };
        }
        if (!sameRecord(cur, expected))
          return { won: false, epoch: 0, incarnation: me.incarnation };
        const epoch = (cur?.epoch ?? 0) + 1;
        attempted = epoch;
        tx.set(
          ClusterKeys.leader,
          LeaderRecordCodec.encode({ nodeId: me.nodeId, incarnation: me.incarnation, epoch }),
        );
        return { won: true, epoch, incarnation: me.incarnation };
      },
      { name: "cluster.leader.claim", maxAttempts: 5 },
    );
  }

  async #renew(term: TermInput): Promise<RenewOutput> {
    const { registry, kv } = this.#o;
    if (registry.isFenced()) throw ClusterErrors.NODE_FENCED();
    return kv.transact(
      async (tx) => {
        const cur = await readLeader(tx);
        const ours =
          !!cur &&
          !cur.released &&
          cur.nodeId === registry.nodeId &&
          cur.incarnation === term.incarnation &&
          cur.epoch === term.epoch;
        return { ours };
      },
      { name: "cluster.leader.renew", maxAttempts: 3 },
    );
  }

  async #abdicate(term: TermInput): Promise<void> {
    const { registry, kv } = this.#o;
    await kv.transact(
      async (tx) => {
        const cur = await readLeader(tx);
        if (!cur || cur.released || cur.nodeId !== registry.nodeId) return;
        if (term.epoch !== undefined && cur.epoch !== term.epoch) return;
        tx.set(ClusterKeys.leader, LeaderRecordCodec.encode({ ...cur, released: true }));
      },
      { name: "cluster.leader.abdicate", maxAttempts: 3 },
    );
  }
}
