/** Shared setup of the cluster unit tests: memory KV store on a FakeClock, time driving. */
import { createMemoryBackend, type MemoryBackend } from "../../../src/kv/backends/memory.ts";
import { createKvStore, type ObservableKvStore } from "../../../src/kv/store.ts";
import { FakeClock } from "../../../src/lib/clock.ts";

export interface Env {
  clock: FakeClock;
  backend: MemoryBackend;
  kv: ObservableKvStore;
  /** Advances the clock by `ms` in `stepMs` steps, letting promise chains settle after each. */
  drive(ms: number, stepMs?: number): Promise<void>;
  /** Advances the clock in 10 ms steps until `p` settles (retry backoffs sleep on the clock). */
  run<T>(p: Promise<T>): Promise<T>;
}

export const settle = () => new Promise<void>((r) => setImmediate(r));

export function memoryEnv(): Env {
  const clock = new FakeClock();
  const backend = createMemoryBackend();
  const kv = createKvStore(backend, { clock });
  return {
    clock,
    backend,
    kv,
    async drive(ms, stepMs = 50) {
      for (let t = 0; t < ms; t += stepMs) {
        clock.advance(Math.min(stepMs, ms - t));
        await settle();
        await settle();
      }
    },
    async run(p) {
      let done = false;
      const tracked = p.finally(() => {
        done = true;
      });
      tracked.catch(() => {});
      await settle();
      for (let i = 0; !done && i < 100_000; i++) {
        clock.advance(10);
        await settle();
      }
      return tracked;
    },
  };
}
