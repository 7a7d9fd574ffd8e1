/**
 * The event loop's macrotask boundary, as a port next to the `Clock` (src/lib/clock.ts): code that
 * may run long chains of microtasks (the actor host's drain loops) awaits `nextMacrotask()` now
 * and then so that due timers (heartbeats) and socket reads get their turn. It is not a timer: it
 * resolves in the loop's next check phase, after whatever is already due, and never waits for
 * time to pass, so a test's fake clock cannot stall it. Injected where used, like the clock.
 */

/** Resolves after the event loop has run the timers and I/O callbacks already due. */
export const nextMacrotask = (): Promise<void> => new Promise<void>((r) => setImmediate(r));
