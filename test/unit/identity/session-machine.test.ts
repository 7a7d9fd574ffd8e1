/** The session machine (actors/session/machine.ts) through XState's pure `transition()`. */
import { describe, expect, test } from "bun:test";
import {
  type PersistedSessionMachine,
  restoreSession,
  SESSION_MACHINE_VERSION,
  startSession,
  stepSession,
  useIsNoop,
} from "../../../src/domain/sessions/machine.ts";

const TTL = 10_000;
const GRAIN = 100;
const start = (now = 1_000) => startSession({ ttlMs: TTL, touchGranularityMs: GRAIN, now });

describe("session machine", () => {
  test("starts active with a stored deadline now + ttl", () => {
    const s = start();
    expect(s.value).toBe("active");
    expect(s.version).toBe(SESSION_MACHINE_VERSION);
    expect(s.context.expiresAt).toBe(11_000);
    expect(s.context.lastActivityAt).toBe(1_000);
  });

  test("use within the touch granularity changes nothing and asks for no write", () => {
    const r = stepSession(start(), { type: "USE", now: 1_050 });
    expect(r.next.value).toBe("active");
    expect(r.effects).toEqual([]);
    expect(r.next.context.expiresAt).toBe(11_000);
  });

  test("use after the granularity slides the deadline and asks to persist", () => {
    const r = stepSession(start(), { type: "USE", now: 5_000 });
    expect(r.effects).toEqual(["persistActivity"]);
    expect(r.next.context).toMatchObject({ lastActivityAt: 5_000, expiresAt: 15_000 });
  });

  test("use exactly at the deadline is allowed; one ms later expires", () => {
    expect(stepSession(start(), { type: "USE", now: 11_000 }).next.value).toBe("active");
    const late = stepSession(start(), { type: "USE", now: 11_001 });
    expect(late.next.value).toBe("expired");
    expect(late.effects).toEqual(["recordExpiry"]);
  });

  test("revoke is final; later uses and revokes do nothing", () => {
    const r = stepSession(start(), { type: "REVOKE", now: 2_000, reason: "logout" });
    expect(r.next.value).toBe("revoked");
    expect(r.effects).toEqual(["persistRevocation"]);
    expect(r.next.context).toMatchObject({ revokedAt: 2_000, revokeReason: "logout" });
    for (const e of [
      { type: "USE", now: 2_001 },
      { type: "REVOKE", now: 2_002, reason: "again" },
      { type: "CHECK", now: 99_999 },
    ] as const) {
      const again = stepSession(r.next, e);
      expect(again.next.value).toBe("revoked");
      expect(again.effects).toEqual([]);
    }
  });

  test("CHECK expires past the deadline without touching activity", () => {
    expect(stepSession(start(), { type: "CHECK", now: 10_999 }).next.value).toBe("active");
    const r = stepSession(start(), { type: "CHECK", now: 11_001 });
    expect(r.next.value).toBe("expired");
    expect(r.next.context.lastActivityAt).toBe(1_000);
  });

  test("an expired session cannot be revived by use", () => {
    const expired = stepSession(start(), { type: "CHECK", now: 20_000 }).next;
    const r = stepSession(expired, { type: "USE", now: 20_001 });
    expect(r.next.value).toBe("expired");
    expect(r.effects).toEqual([]);
  });

  test("persisted form round-trips through JSON; future versions are refused", () => {
    const s = stepSession(start(), { type: "USE", now: 3_000 }).next;
    const restored = restoreSession(JSON.parse(JSON.stringify(s)));
    expect(restored.value).toBe("active");
    expect(restored.context.expiresAt).toBe(13_000);
    expect(() => restoreSession({ ...s, version: SESSION_MACHINE_VERSION + 1 })).toThrow(
      RangeError,
    );
  });

  test("useIsNoop agrees with the machine on every state and time", () => {
    const revoked = stepSession(start(), { type: "REVOKE", now: 1_500, reason: "x" }).next;
    const expired = stepSession(start(), { type: "CHECK", now: 50_000 }).next;
    const states: PersistedSessionMachine[] = [start(), revoked, expired];
    for (const s of states) {
      for (const now of [900, 1_000, 1_099, 1_100, 1_101, 5_000, 10_999, 11_000, 11_001, 60_000]) {
        const r = stepSession(s, { type: "USE", now });
        const noop =
          r.effects.length === 0 && r.next.value === s.value && r.next.value === "active";
        expect(useIsNoop(s, now)).toBe(noop);
      }
    }
  });
});
