/**
 * The system clock with a wall-time offset a test can move forward (`clock.offset += ms`), for
 * end-to-end tests that need reminders or grace periods to come due without waiting, while
 * timers, sockets and monotonic time stay real.
 */
import { type Clock, systemClock } from "../../src/lib/clock.ts";

export class ShiftedClock implements Clock {
  offset = 0;
  now() {
    return systemClock.now() + this.offset;
  }
  monotonic() {
    return systemClock.monotonic();
  }
  sleep(ms: number, signal?: AbortSignal) {
    return systemClock.sleep(ms, signal);
  }
}
