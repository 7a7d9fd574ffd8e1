/**
 * The leader-election machine (XState v5): follower → candidate → leader → stepping down.
 *
 * The KV leader record `{nodeId, incarnation, epoch}` is the truth; this machine only decides when
 * to campaign, renew and abdicate. It is pure: time arrives in `TICK` events (monotonic ms), and
 * every effect is named here and supplied by the driver (src/cluster/leader.ts) or by tests with
 * `machine.provide()`:
 *
 * - guard `canCampaign`: the record is absent, released, or names a dead/left/stale node.
 * - actor `claim` (input `{now}`): compare-and-set of the record to `epoch + 1` naming this node;
 *   resolves `{won, epoch, incarnation}`.
 * - actor `renew` (input `{epoch, incarnation}`): re-reads the record; resolves `{ours}`.
 * - actor `abdicate` (input `{epoch, incarnation}`): releases the record if it is still ours.
 * - actions `becameLeader` (entry of `leader`) and `lostLeadership` (exit of `leader`).
 *
 * A leader whose renewals fail for `fenceMs` (measured between TICKs) steps down; `FENCED` (the
 * node fenced itself) and `STOP` (shutdown) step down at once.
 */
import { assign, fromPromise, setup } from "xstate";

export interface LeaderElectionInput {
  /** A leader whose renewals have failed for this long steps down (ms). */
  fenceMs: number;
}

export interface LeaderElectionContext {
  fenceMs: number;
  /** The epoch and incarnation of the claim this node won (undefined while not leading). */
  epoch: number | undefined;
  incarnation: number | undefined;
  /** Monotonic ms of the last TICK that started a claim or renewal. */
  tickAt: number;
  /** Monotonic ms at which the last successful claim or renewal started. */
  lastRenewOkAt: number;
  stopping: boolean;
}

export type LeaderElectionEvent =
  /** Periodic drive from the driver; `now` is the node's monotonic clock in ms. */
  | { type: "TICK"; now: number }
  /** The node fenced itself: leave leadership at once. */
  | { type: "FENCED" }
  /** Shutdown: abdicate if leading, then stop. */
  | { type: "STOP" };

export interface ClaimOutput {
  won: boolean;
  epoch: number;
  incarnation: number;
}

export interface RenewOutput {
  ours: boolean;
}

export interface TermInput {
  epoch: number | undefined;
  incarnation: number | undefined;
}

const missing = (name: string) => () => {
  throw new Error(`leader-election: effect "${name}" must be supplied with machine.provide()`);
};

export const leaderElectionMachine = setup({
  types: {
    context: {} as LeaderElectionContext,
    events: {} as LeaderElectionEvent,
    input: {} as LeaderElectionInput,
  },
  actors: {
    claim: fromPromise<ClaimOutput, { now: number }>(async () => missing("claim")()),
    renew: fromPromise<RenewOutput, TermInput>(async () => missing("renew")()),
    abdicate: fromPromise<void, TermInput>(async () => missing("abdicate")()),
  },
  guards: {
    canCampaign: () => false,
    renewExpired: ({ context }) => context.tickAt - context.lastRenewOkAt >= context.fenceMs,
    stopping: ({ context }) => context.stopping,
  },
  actions: {
    becameLeader: () => {},
    lostLeadership: () => {},
  },
}).createMachine({
  id: "leaderElection",
  context: ({ input }) => ({
    fenceMs: input.fenceMs,
    epoch: undefined,
    incarnation: undefined,
    tickAt: 0,
    lastRenewOkAt: 0,
    stopping: false,
  }),
  initial: "follower",
  on: {
    STOP: { target: ".stopped" },
  },
  states: {
    follower: {
      entry: assign({ epoch: undefined, incarnation: undefined }),
      on: {
        TICK: {
          guard: "canCampaign",
          target: "candidate",
          actions: assign({ tickAt: ({ event }) => event.now }),
        },
      },
    },
    candidate: {
      invoke: {
        src: "claim",
        input: ({ context }) => ({ now: context.tickAt }),
        onDone: [
          {
            guard: ({ event }) => event.output.won,
            target: "leader",
            actions: assign({
              epoch: ({ event }) => event.output.epoch,
              incarnation: ({ event }) => event.output.incarnation,
              lastRenewOkAt: ({ context }) => context.tickAt,
            }),
          },
          { target: "follower" },
        ],
        onError: { target: "follower" },
      },
      on: {
        // A claim in flight may still win: abdicate whatever it left behind.
        FENCED: { target: "steppingDown" },
        STOP: { target: "steppingDown", actions: assign({ stopping: true }) },
      },
    },
    leader: {
      entry: "becameLeader",
      exit: "lostLeadership",
      initial: "idle",
      on: {
        FENCED: { target: "steppingDown" },
        STOP: { target: "steppingDown", actions: assign({ stopping: true }) },
      },
      states: {
        idle: {
          on: {
            TICK: { target: "renewing", actions: assign({ tickAt: ({ event }) => event.now }) },
          },
        },
        renewing: {
          invoke: {
            src: "renew",
            input: ({ context }) => ({ epoch: context.epoch, incarnation: context.incarnation }),
            onDone: [
              {
                guard: ({ event }) => event.output.ours,
                target: "idle",
                actions: assign({ lastRenewOkAt: ({ context }) => context.tickAt }),
              },
              // Someone else holds the record: nothing to release.
              { target: "#leaderElection.follower" },
            ],
            onError: [
              { guard: "renewExpired", target: "#leaderElection.steppingDown" },
              { target: "idle" },
            ],
          },
        },
      },
    },
    steppingDown: {
      invoke: {
        src: "abdicate",
        input: ({ context }) => ({ epoch: context.epoch, incarnation: context.incarnation }),
        onDone: [{ guard: "stopping", target: "stopped" }, { target: "follower" }],
        onError: [{ guard: "stopping", target: "stopped" }, { target: "follower" }],
      },
      on: {
        STOP: { actions: assign({ stopping: true }) },
      },
    },
    stopped: { type: "final" },
  },
});

export type LeaderElectionMachine = typeof leaderElectionMachine;
