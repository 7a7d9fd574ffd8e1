/**
 * Actor simulation over many seeds (G1, G6, and no acknowledged write lost): 3 nodes of the
 * cluster harness (test/sim/harness.ts), each with a real actor runtime (main-thread executor,
 * in-process forwarding between nodes), a few `ledger` actors receiving increments from random
 * nodes, and faults from the seeded PRNG: KV conflicts and unknown commit results, pauses
 * (including in the middle of a commit), partitions (lost heartbeats) and a crash.
 *
 * Every committed turn of a ledger writes, in its own commit, a journal entry under a
 * versionstamped key (so the journal is in commit order) naming the sequence number its state
 * was built on. After every step:
 *  - G1: each actor's journal is an unbroken chain 0, 1, 2, ...: no commit was built on state
 *    another activation had already moved past (a stale owner that committed would break it);
 *  - G6: every after-commit effect that ran belongs to a committed turn, and ran once;
 *  - every acknowledged reply names a committed turn whose after-commit effect already ran, and
 *    that turn is the acknowledged message's own (each message carries an id, written to the
 *    journal and to a `sim/actor-committed/<id>` key in the turn's commit);
 *  - output gate: when a reply arrives, its message's commit is already in the store (read
 *    through the observer at that moment, not after the step).
 *
 * `SIM_SEEDS=5000 npx bun test test/sim/actors.test.ts` runs more seeds; `SIM_SEED=<n>` replays
 * one (a failure prints it).
 */
import { describe, expect, test } from "bun:test";
import { defineCodec } from "../../src/kv/codec.ts";
import { concatBytes, pack, Subspace, strinc } from "../../src/kv/keyspace.ts";
import { silentLogger } from "../../src/lib/log.ts";
import { defineActor, eraseActor } from "../../src/runtime/define.ts";
import { ActorKeys } from "../../src/runtime/keys.ts";
import { type ActorRuntime, createActorRuntime } from "../../src/runtime/runtime.ts";
import { SimCluster, type SimNode } from "./harness.ts";

const STEP_MS = 250;
const seedCount = Number(process.env.SIM_SEEDS ?? 500);
const seedStart = Number(process.env.SIM_SEED_START ?? 1);
const onlySeed = process.env.SIM_SEED ? Number(process.env.SIM_SEED) : undefined;
const ACTORS = ["a", "b", "c"];

const Journal = new Subspace(["sim", "actor-journal"]);
/** One key per committed message (its id), written in the turn's commit: the ledger of acks. */
const Committed = new Subspace(["sim", "actor-committed"]);
const StateCodec = defineCodec<{ seq: number }>({ name: "ledger", version: 1 });
const enc = new TextEncoder();
const dec = new TextDecoder();

interface World {
  effects: string[];
  /** Output-gate violations found when a reply arrived (checked with the next invariants). */
  early: string[];
  runtimes: Map<number, ActorRuntime>;
}

function ledger(nodeId: string, world: World) {
  return defineActor<{ seq: number }, { type: string; m?: string }>({
    kind: "ledger",
    version: 1,
    async load(reader, id) {
      const raw = await reader.get(ActorKeys.state({ kind: "ledger", id }));
      return raw ? StateCodec.decode(raw) : { seq: 0 };
    },
    handle(state, msg, ctx) {
      if (msg.type !== "add") return { state, reply: state.seq };
      const next = { seq: state.seq + 1 };
      const id = ctx.actor.id;
      ctx.write({ op: "set", key: ActorKeys.state(ctx.actor), value: StateCodec.encode(next) });
      ctx.write({
        op: "setVersionstampedKey",
        prefix: Journal.prefix,
        suffix: pack([id, state.seq]),
        value: enc.encode(JSON.stringify({ id, prev: state.seq, node: nodeId, m: msg.m })),
      });
      if (msg.m) ctx.write({ op: "set", key: Committed.pack([msg.m]), value: enc.encode(id) });
      ctx.afterCommit(() => {
        world.effects.push(`${id}:${next.seq}`);
      });
      return { state: next, reply: next.seq };
    },
  });
}

class Checker {
  last = new Map<string, number>();
  seen: Uint8Array | undefined;
  effectsChecked = 0;
  effectSet = new Set<string>();
  commits = 0;
  /** Commits by a different node than the previous commit of the same actor (ownership moved). */
  moves = 0;
  lastNode = new Map<string, string>();
  /** `id:seq` → the message whose commit made it (from the journal, i.e. the store). */
  messageAt = new Map<string, string>();
  committedMessages = new Set<string>();

  async check(sim: SimCluster, world: World, acks: string[]) {
    const rows = await sim.observer.transact((tx) =>
      tx.snapshot.getRange(
        this.seen ? concatBytes(this.seen, Uint8Array.of(0)) : Journal.prefix,
        strinc(Journal.prefix),
      ),
    );
    for (const row of rows) {
      this.seen = row.key;
      const e = JSON.parse(dec.decode(row.value)) as {
        id: string;
        prev: number;
        node: string;
        m?: string;
      };
      if (e.m) {
        if (this.committedMessages.has(e.m))
          throw new Error(`G6: message ${e.m} committed twice (a retry with its key ran again)`);
        this.committedMessages.add(e.m);
        this.messageAt.set(`${e.id}:${e.prev + 1}`, e.m);
      }
      const last = this.last.get(e.id) ?? 0;
      if (e.prev !== last) {
        throw new Error(
          `G1: ${e.id} commit by ${e.node} built on seq ${e.prev} but ${last} was committed`,
        );
      }
      this.last.set(e.id, last + 1);
      this.commits++;
      const prevNode = this.lastNode.get(e.id);
      if (prevNode !== undefined && prevNode !== e.node) this.moves++;
      this.lastNode.set(e.id, e.node);
    }
    for (; this.effectsChecked < world.effects.length; this.effectsChecked++) {
      const fx = world.effects[this.effectsChecked]!;
      if (this.effectSet.has(fx)) throw new Error(`G6: effect ${fx} ran twice`);
      this.effectSet.add(fx);
      const [id, seq] = fx.split(":") as [string, string];
      if (Number(seq) > (this.last.get(id) ?? 0))
        throw new Error(`G6: effect ${fx} of an uncommitted turn`);
    }
    if (world.early.length > 0) throw new Error(`output gate: ${world.early[0]}`);
    for (const ack of acks) {
      const [id, seq, m] = ack.split(":") as [string, string, string];
      if (Number(seq) > (this.last.get(id) ?? 0))
        throw new Error(`G2: acknowledged ${ack} is not committed`);
      const by = this.messageAt.get(`${id}:${seq}`);
      if (by !== m)
        throw new Error(`G2: ${m} was acknowledged as ${id}:${seq}, committed by ${by}`);
      if (!this.effectSet.has(`${id}:${seq}`))
        throw new Error(`output gate: ${ack} acknowledged before its effect ran`);
    }
  }
}

function setup(world: World) {
  return (node: SimNode, sim: SimCluster) => {
    const runtime = createActorRuntime({
      kv: node.kv,
      clock: node.clock,
      log: silentLogger,
      cluster: node.cluster,
      ids: node.ids,
      config: { workers: 0, mailbox_capacity: 50, actor_idle_ms: 1500, max_hops: 2, secret: "sim" },
      definitions: [eraseActor(ledger(node.nodeId, world))],
      // Workers are off (workers: 0): the definitions above are all the simulation runs.
      definitionsModule: import.meta.url,
      forward: async (target, req, timeoutMs) => {
        const peer = sim.nodes.find((n) => n?.nodeId === target.nodeId);
        const rt = peer && world.runtimes.get(peer.index);
        if (!peer || !rt || peer.crashed || node.frozen) throw new Error("connection refused");
        const ctl = new AbortController();
        const timeout = node.clock.sleep(timeoutMs, ctl.signal).then(() => {
          throw new Error("forward timed out");
        });
        try {
          return await Promise.race([rt.receive(req), timeout]);
        } finally {
          ctl.abort();
          timeout.catch(() => undefined);
        }
      },
    });
    world.runtimes.set(node.index, runtime);
    runtime.host.start();
  };
}

async function runSeed(
  seed: number,
): Promise<{ commits: number; acks: number; effects: number; moves: number }> {
  const world: World = { effects: [], early: [], runtimes: new Map() };
  let sent = 0;
  const sentList: { id: string; m: string }[] = [];
  const acks: string[] = [];
  const checker = new Checker();
  const sim = new SimCluster({
    seed,
    nodes: 3,
    journal: false,
    kvFaults: { conflict: 0.03, unknownApplied: 0.02, unknownNotApplied: 0.02 },
    maxCommitLatencyMs: 15,
    setupNode: setup(world),
    invariants: [(s) => checker.check(s, world, acks)],
  });
  try {
    await sim.start();
    const crashAt = 2000 + Math.round(sim.rng() * 4000);
    let crashed = false;
    while (sim.sched.now < 9000) {
      const live = sim.running().filter((n) => !n.frozen);
      for (let i = 0; i < 4 && live.length > 0; i++) {
        const from = live[Math.floor(sim.rng() * live.length)]!;
        const fresh = ACTORS[Math.floor(sim.rng() * ACTORS.length)]!;
        const rt = world.runtimes.get(from.index)!;
        // A quarter of the sends are client retries of an earlier message, with its key: each
        // message commits at most once (G6), and the retry's reply is the first outcome.
        const retry = sentList.length > 0 && sim.rng() < 0.25;
        const earlier = retry ? sentList[Math.floor(sim.rng() * sentList.length)]! : undefined;
        const id = earlier ? earlier.id : fresh;
        const m = earlier ? earlier.m : `m${sent++}`;
        if (!earlier) sentList.push({ id, m });
        const opts = { deadlineMs: 3000, idempotencyKey: m };
        void rt.client.ask("ledger", id, { type: "add", m }, opts).then(
          async (seq) => {
            acks.push(`${id}:${seq}:${m}`);
            // Read the store at the moment the reply arrives: its commit must already be there.
            const stored = await sim.observer.transact((tx) =>
              tx.snapshot.get(Committed.pack([m])),
            );
            if (!stored) world.early.push(`${m} (${id}:${seq}) acknowledged before its commit`);
          },
          () => undefined,
        );
      }
      const r = sim.rng();
      const target = sim.running()[Math.floor(sim.rng() * sim.running().length)];
      if (target && !target.frozen && sim.sched.now < 7000) {
        if (r < 0.03) sim.pause(target, 500 + Math.round(sim.rng() * 5000));
        else if (r < 0.05) target.pauseAtCommit = { ms: 3000 + Math.round(sim.rng() * 4000) };
        else if (r < 0.07) sim.partition(target, 500 + Math.round(sim.rng() * 4000));
      }
      if (!crashed && sim.sched.now >= crashAt && sim.rng() < 0.5) {
        crashed = true;
        const victim = sim.running()[Math.floor(sim.rng() * sim.running().length)];
        if (victim) sim.crash(victim);
      }
      await sim.advance(STEP_MS);
      await sim.check();
    }
    return {
      commits: checker.commits,
      acks: acks.length,
      effects: world.effects.length,
      moves: checker.moves,
    };
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw new Error(
      `seed ${seed} failed: ${msg}\nreplay: SIM_SEED=${seed} npx bun test test/sim/actors.test.ts\ntrace:\n${sim.trace.slice(-40).join("\n")}`,
    );
  } finally {
    await sim.shutdown();
  }
}

const seeds =
  onlySeed !== undefined ? [onlySeed] : Array.from({ length: seedCount }, (_, i) => seedStart + i);
const CHUNK = 50;

describe(`actor simulation (${seeds.length} seeds)`, () => {
  let commits = 0;
  let acks = 0;
  let effects = 0;
  let moves = 0;
  for (let c = 0; c < seeds.length; c += CHUNK) {
    const chunk = seeds.slice(c, c + CHUNK);
    test(`seeds ${chunk[0]}..${chunk[chunk.length - 1]}`, async () => {
      for (const seed of chunk) {
        const o = await runSeed(seed);
        commits += o.commits;
        acks += o.acks;
        effects += o.effects;
        moves += o.moves;
      }
    }, 300_000);
  }
  test("summary: actors committed, acknowledged and ran effects under faults", () => {
    console.log(
      `actor sim: ${seeds.length} seeds, ${commits} commits, ${acks} acks, ${effects} effects, ${moves} ownership moves`,
    );
    expect(commits).toBeGreaterThan(seeds.length * 10);
    expect(acks).toBeGreaterThan(0);
    if (seeds.length >= 50) expect(moves).toBeGreaterThan(0);
  });
});
