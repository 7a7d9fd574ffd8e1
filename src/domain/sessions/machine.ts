/**
 * The session lifecycle (docs/actors.md): `active` → `expired` | `revoked`, with sliding refresh on
 * activity. Pure: every event carries the time (`now`, ms) read from the injected Clock by the
 * caller, and effects are named actions (`persistActivity`, `persistRevocation`, `recordExpiry`)
 * that the caller turns into KV mutations after computing the transition with XState's pure
 * `transition()`. Nothing here schedules a timer: expiry is the stored deadline
 * `context.expiresAt`, checked on every use (`USE`) and by the cleanup job (`CHECK`).
 *
 * Persisted as `{name, version, value, context}` inside the session record
 * (src/domain/sessions/records.ts); restore with `restoreSession()`.
 */
import { assign, initialTransition, type SnapshotFrom, setup, transition } from "xstate";
import type { PersistedSessionMachine, SessionContext, SessionStateValue } from "./records.ts";

export type { PersistedSessionMachine, SessionContext, SessionStateValue };

export const SESSION_MACHINE_NAME = "session";
/** Bump when states, context or events change shape; add a migration in restoreSession. */
export const SESSION_MACHINE_VERSION = 1;

export type SessionEvent =
  | { type: "USE"; now: number }
  | { type: "CHECK"; now: number }
  | { type: "REVOKE"; now: number; reason: string };

export interface SessionInput {
  ttlMs: number;
  touchGranularityMs: number;
  now: number;
}

/** Named effects; the caller maps each to writes (they do nothing inside the machine). */
export type SessionEffect = "persistActivity" | "persistRevocation" | "recordExpiry";

/** Guard: the stored deadline has passed at `now`. */
function pastDeadline(c: SessionContext, now: number): boolean {
  return now > c.expiresAt;
}

/** Guard: enough time passed since the last persisted activity to slide the deadline. */
function touchDue(c: SessionContext, now: number): boolean {
  return now - c.lastActivityAt >= c.touchGranularityMs;
}

export const sessionMachine = setup({
  types: {
    context: {} as SessionContext,
    events: {} as SessionEvent,
    input: {} as SessionInput,
  },
  guards: {
    pastDeadline: ({ context, event }) => pastDeadline(context, event.now),
    touchDue: ({ context, event }) => touchDue(context, event.now),
  },
  actions: {
    refresh: assign(({ context, event }) => ({
      lastActivityAt: event.now,
      expiresAt: event.now + context.ttlMs,
    })),
    markRevoked: assign(({ event }) => ({
      revokedAt: event.now,
      revokeReason: event.type === "REVOKE" ? event.reason : null,
    })),
    persistActivity: () => {},
    persistRevocation: () => {},
    recordExpiry: () => {},
  },
}).createMachine({
  id: SESSION_MACHINE_NAME,
  initial: "active",
  context: ({ input }) => ({
    ttlMs: input.ttlMs,
    touchGranularityMs: input.touchGranularityMs,
    lastActivityAt: input.now,
    expiresAt: input.now + input.ttlMs,
    revokedAt: null,
    revokeReason: null,
  }),
  states: {
    active: {
      on: {
        USE: [
          { guard: "pastDeadline", target: "expired" },
          { guard: "touchDue", actions: ["refresh", "persistActivity"] },
        ],
        CHECK: { guard: "pastDeadline", target: "expired" },
        REVOKE: { target: "revoked", actions: ["markRevoked", "persistRevocation"] },
      },
    },
    expired: { type: "final", entry: "recordExpiry" },
    revoked: { type: "final" },
  },
});

export type SessionSnapshot = SnapshotFrom<typeof sessionMachine>;

/** The machine state of a new session created at `input.now`. */
export function startSession(input: SessionInput): PersistedSessionMachine {
  const [snapshot] = initialTransition(sessionMachine, input);
  return persistSession(snapshot);
}

/** Rebuilds a snapshot from its persisted form; refuses machines of a newer version. */
export function restoreSession(p: PersistedSessionMachine): SessionSnapshot {
  if (p.name !== SESSION_MACHINE_NAME || p.version > SESSION_MACHINE_VERSION) {
    throw new RangeError(`cannot restore ${p.name} machine version ${p.version}`);
  }
  return sessionMachine.resolveState({ value: p.value, context: p.context });
}

/** The persisted form of a snapshot. */
export function persistSession(s: SessionSnapshot): PersistedSessionMachine {
  return {
    name: SESSION_MACHINE_NAME,
    version: SESSION_MACHINE_VERSION,
    value: s.value as SessionStateValue,
    context: s.context,
  };
}

export interface SessionStep {
  next: PersistedSessionMachine;
  /** The named effects the transition asks for, in order. */
  effects: SessionEffect[];
}

/**
 * True when `USE` at `now` would leave the session exactly as it is, with no effect: active, not
 * past its deadline, no touch due. The hot path of every authenticated request checks this with
 * the machine's own guards and skips building an XState snapshot when nothing can change.
 */
export function useIsNoop(p: PersistedSessionMachine, now: number): boolean {
  return p.value === "active" && !pastDeadline(p.context, now) && !touchDue(p.context, now);
}

const EFFECTS = new Set<string>(["persistActivity", "persistRevocation", "recordExpiry"]);

/** Applies one event to a persisted session machine (pure). */
export function stepSession(p: PersistedSessionMachine, event: SessionEvent): SessionStep {
  const [snapshot, actions] = transition(sessionMachine, restoreSession(p), event);
  const effects = actions.map((a) => a.type).filter((t): t is SessionEffect => EFFECTS.has(t));
  return { next: persistSession(snapshot), effects };
}
