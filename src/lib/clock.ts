/**
 * Clock port. Every piece of domain, actor, cluster and runtime code reads time from a `Clock`
 * handed to it, never from `Date.now()` or `performance.now()` directly, so tests can drive time.
 *
 * Units: milliseconds everywhere.
 */

export interface Clock {
  /** Wall-clock time in milliseconds since the Unix epoch. May jump (NTP); never use for timeouts. */
  now(): number;
  /** Monotonic milliseconds from an arbitrary origin. Never goes backwards within one process. */
  monotonic(): number;
  /**
   * Resolves after `ms` milliseconds of this clock's time. The fake clock resolves when the test
   * advances past the deadline. Rejects with the signal's reason when `signal` aborts first.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = setTimeout(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
    }),
};

interface Sleeper {
  due: number;
  resolve: () => void;
}

/**
 * A clock that only moves when told. `advance(ms)` moves both wall and monotonic time and wakes
 * every sleeper whose deadline has passed, in deadline order. `setWall()` moves only wall time
 * (forwards or backwards) to simulate NTP steps.
 */
export class FakeClock implements Clock {
  #wall: number;
  #mono = 0;
  #sleepers: Sleeper[] = [];

  constructor(startWallMs = Date.UTC(2026, 0, 1)) {
    this.#wall = startWallMs;
  }

  now(): number {
    return this.#wall;
  }

  monotonic(): number {
    return this.#mono;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const sleeper: Sleeper = { due: this.#mono + Math.max(0, ms), resolve };
      this.#sleepers.push(sleeper);
      signal?.addEventListener(
        "abort",
        () => {
          this.#sleepers = this.#sleepers.filter((s) => s !== sleeper);
          reject(signal.reason);
        },
        { once: true },
      );
    });
  }

  /** Moves wall and monotonic time forward by `ms` and wakes due sleepers. */
  advance(ms: number): void {
    if (ms < 0) throw new RangeError("FakeClock.advance takes a non-negative duration");
    this.#wall += ms;
    this.#mono += ms;
    const due = this.#sleepers.filter((s) => s.due <= this.#mono).sort((a, b) => a.due - b.due);
    this.#sleepers = this.#sleepers.filter((s) => s.due > this.#mono);
    for (const s of due) s.resolve();
  }

  /** Sets wall time only (simulates an NTP step, possibly backwards). */
  setWall(ms: number): void {
    this.#wall = ms;
  }

  /** Number of pending sleepers (useful for `waitFor` helpers in tests). */
  get pendingSleepers(): number {
    return this.#sleepers.length;
  }
}
