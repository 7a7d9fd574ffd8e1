/**
 * The event loop's macrotask boundary, as a port next to the `Clock` (src/lib/clock.ts): code that
 * may run long chains of microtasks (the actor host's drain loops) awaits `nextMacrotask()` now
 * and then so that due timers (heartbeats) and socket reads get their turn. It is not a timer: it
 * resolves in the loop's next check phase, after whatever is already due, and never waits for
 * time to pass, so a test's fake clock cannot stall it. Injected where used, like the clock.
 */

/** Resolves after the event loop has run the timers and I/O callbacks already due. */
export const nextMacrotask = (): Promise<void> => new Promise<void>((r) => setImmediate(r));

/**
 * The event loop's lag, smoothed: a timer due every `LAG_SAMPLE_MS` measures how late it fires,
 * and the lag is the moving average (weight 1/3) of those delays, in ms. One monitor per thread
 * (the loop is the thread's), started on the first call and unref'd, so it never keeps a process
 * alive; admission control (src/http/plugins/admission.ts) reads it per request.
 */
const LAG_SAMPLE_MS = 10;
let lagState: { lag: number } | undefined;

export function eventLoopLagMs(): number {
  if (lagState === undefined) {
    const state = { lag: 0 };
    lagState = state;
    let last = performance.now();
    setInterval(() => {
      const now = performance.now();
      const delay = Math.max(0, now - last - LAG_SAMPLE_MS);
      last = now;
      state.lag += (delay - state.lag) / 3;
    }, LAG_SAMPLE_MS).unref();
  }
  return lagState.lag;
}
