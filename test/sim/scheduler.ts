/**
 * Virtual time for the cluster simulation: one scheduler shared by every node, and a per-node
 * clock view (wall skew, own monotonic origin). Sleepers of a frozen (paused or crashed) node stay
 * pending until it thaws, as timers of a SIGSTOPped process do.
 */
import type { Clock } from "../../src/lib/clock.ts";

/** Whatever owns sleepers: a node, frozen while paused or crashed. */
export interface Owner {
  readonly frozen: boolean;
}

interface Sleeper {
  due: number;
  seq: number;
  owner: Owner | undefined;
  resolve: () => void;
}

/** The virtual time source shared by every node. */
export class Scheduler {
  /** Virtual monotonic ms since the simulation started. */
  now = 0;
  readonly wallStart = Date.UTC(2026, 0, 1);
  #sleepers: Sleeper[] = [];
  #seq = 0;

  sleep(owner: Owner | undefined, ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const s: Sleeper = { due: this.now + Math.max(0, ms), seq: this.#seq++, owner, resolve };
      this.#sleepers.push(s);
      signal?.addEventListener(
        "abort",
        () => {
          this.#sleepers = this.#sleepers.filter((x) => x !== s);
          reject(signal.reason);
        },
        { once: true },
      );
    });
  }

  #next(limit: number): Sleeper | undefined {
    let best: Sleeper | undefined;
    for (const s of this.#sleepers) {
      if (s.due > limit || s.owner?.frozen) continue;
      if (!best || s.due < best.due || (s.due === best.due && s.seq < best.seq)) best = s;
    }
    return best;
  }

  /** Moves time to `target`, waking runnable sleepers in deadline order and settling after each. */
  async advanceTo(target: number): Promise<void> {
    for (;;) {
      const s = this.#next(target);
      if (!s) break;
      this.#sleepers = this.#sleepers.filter((x) => x !== s);
      if (s.due > this.now) this.now = s.due;
      s.resolve();
      await settle();
    }
    this.now = Math.max(this.now, target);
    await settle();
  }

  get pending(): number {
    return this.#sleepers.length;
  }
}

/** Lets every queued promise continuation run (no real I/O happens in the simulation). */
export async function settle(): Promise<void> {
  await new Promise<void>((r) => setImmediate(r));
}

/** One node's clock: shared virtual time, its own wall skew and monotonic origin. */
export class SimClock implements Clock {
  constructor(
    private readonly sched: Scheduler,
    private readonly owner: Owner,
    private readonly wallSkew: number,
    private readonly monoOrigin: number,
  ) {}
  now(): number {
    return this.sched.wallStart + this.sched.now + this.wallSkew;
  }
  monotonic(): number {
    return this.monoOrigin + this.sched.now;
  }
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return this.sched.sleep(this.owner, ms, signal);
  }
}
