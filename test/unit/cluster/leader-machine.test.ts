/**
 * The leader-election machine alone: pure transitions with `transition()`, and its effect wiring
 * with `machine.provide()` (claim/renew/abdicate supplied by the test instead of the KV store).
 */
import { expect, test } from "bun:test";
import { createActor, fromPromise, initialTransition, transition } from "xstate";
import {
  type ClaimOutput,
  leaderElectionMachine,
  type RenewOutput,
  type TermInput,
} from "../../../src/cluster/leader-machine.ts";

const FENCE_MS = 3500;

test("starts as follower and does not campaign while the guard says no", () => {
  const [s0] = initialTransition(leaderElectionMachine, { fenceMs: FENCE_MS });
  expect(s0.value).toBe("follower");
  const [s1] = transition(leaderElectionMachine, s0, { type: "TICK", now: 1000 });
  expect(s1.value).toBe("follower");
});

test("a TICK with a claimable record makes a candidate that invokes the claim", () => {
  const m = leaderElectionMachine.provide({ guards: { canCampaign: () => true } });
  const [s0] = initialTransition(m, { fenceMs: FENCE_MS });
  const [s1, actions] = transition(m, s0, { type: "TICK", now: 1000 });
  expect(s1.value).toBe("candidate");
  expect(s1.context.tickAt).toBe(1000);
  expect(actions.some((a) => a.type === "xstate.spawnChild")).toBe(true);
});

test("STOP from follower ends the machine", () => {
  const [s0] = initialTransition(leaderElectionMachine, { fenceMs: FENCE_MS });
  const [s1] = transition(leaderElectionMachine, s0, { type: "STOP" });
  expect(s1.value).toBe("stopped");
  expect(s1.status).toBe("done");
});

/** Drives a real actor with test effects; returns handles to steer the effects. */
function harness() {
  const calls: string[] = [];
  let renewResult: () => Promise<RenewOutput> = async () => ({ ours: true });
  let claimResult: () => Promise<ClaimOutput> = async () => ({
    won: true,
    epoch: 7,
    incarnation: 3,
  });
  const machine = leaderElectionMachine.provide({
    guards: { canCampaign: () => true },
    actors: {
      claim: fromPromise<ClaimOutput, { now: number }>(() => {
        calls.push("claim");
        return claimResult();
      }),
      renew: fromPromise<RenewOutput, TermInput>(({ input }) => {
        calls.push(`renew:${input.epoch}`);
        return renewResult();
      }),
      abdicate: fromPromise<void, TermInput>(async ({ input }) => {
        calls.push(`abdicate:${input.epoch}`);
      }),
    },
    actions: {
      becameLeader: ({ context }) => calls.push(`elected:${context.epoch}`),
      lostLeadership: () => calls.push("deposed"),
    },
  });
  const actor = createActor(machine, { input: { fenceMs: FENCE_MS } }).start();
  const settle = () => new Promise<void>((r) => setImmediate(r));
  return {
    actor,
    calls,
    settle,
    setRenew(fn: () => Promise<RenewOutput>) {
      renewResult = fn;
    },
    setClaim(fn: () => Promise<ClaimOutput>) {
      claimResult = fn;
    },
    state: () => {
      const v = actor.getSnapshot().value;
      return typeof v === "string" ? v : JSON.stringify(v);
    },
  };
}

test("a won claim leads; renewals keep it", async () => {
  const h = harness();
  h.actor.send({ type: "TICK", now: 0 });
  await h.settle();
  expect(h.state()).toBe('{"leader":"idle"}');
  expect(h.actor.getSnapshot().context.epoch).toBe(7);
  h.actor.send({ type: "TICK", now: 1000 });
  await h.settle();
  expect(h.state()).toBe('{"leader":"idle"}');
  expect(h.calls).toEqual(["claim", "elected:7", "renew:7"]);
});

test("a lost claim returns to follower", async () => {
  const h = harness();
  h.setClaim(async () => ({ won: false, epoch: 0, incarnation: 3 }));
  h.actor.send({ type: "TICK", now: 0 });
  await h.settle();
  expect(h.state()).toBe("follower");
  expect(h.calls).toEqual(["claim"]);
});

test("a renewal that finds another leader deposes without abdicating", async () => {
  const h = harness();
  h.actor.send({ type: "TICK", now: 0 });
  await h.settle();
  h.setRenew(async () => ({ ours: false }));
  h.actor.send({ type: "TICK", now: 1000 });
  await h.settle();
  expect(h.state()).toBe("follower");
  expect(h.calls).toEqual(["claim", "elected:7", "renew:7", "deposed"]);
});

test("renewals failing for fenceMs step down and abdicate; shorter failures do not", async () => {
  const h = harness();
  h.actor.send({ type: "TICK", now: 0 });
  await h.settle();
  h.setRenew(async () => {
    throw new Error("store unreachable");
  });
  for (const now of [1000, 2000, 3000]) {
    h.actor.send({ type: "TICK", now });
    await h.settle();
    expect(h.state()).toBe('{"leader":"idle"}');
  }
  h.actor.send({ type: "TICK", now: FENCE_MS });
  await h.settle();
  await h.settle();
  expect(h.state()).toBe("follower");
  expect(h.calls.slice(-2)).toEqual(["deposed", "abdicate:7"]);
});

test("FENCED steps a leader down at once; STOP abdicates and stops", async () => {
  const h = harness();
  h.actor.send({ type: "TICK", now: 0 });
  await h.settle();
  h.actor.send({ type: "FENCED" });
  await h.settle();
  expect(h.state()).toBe("follower");
  expect(h.calls).toEqual(["claim", "elected:7", "deposed", "abdicate:7"]);

  const h2 = harness();
  h2.actor.send({ type: "TICK", now: 0 });
  await h2.settle();
  h2.actor.send({ type: "STOP" });
  await h2.settle();
  expect(h2.state()).toBe("stopped");
  expect(h2.calls).toEqual(["claim", "elected:7", "deposed", "abdicate:7"]);
});

test("an unsupplied effect fails loudly instead of doing nothing", async () => {
  const m = leaderElectionMachine.provide({ guards: { canCampaign: () => true } });
  const actor = createActor(m, { input: { fenceMs: FENCE_MS } }).start();
  actor.send({ type: "TICK", now: 0 });
  await new Promise<void>((r) => setImmediate(r));
  // The claim rejected (not supplied): the candidate fell back to follower, never leader.
  expect(actor.getSnapshot().value).toBe("follower");
  actor.stop();
});
