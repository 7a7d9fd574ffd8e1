/**
 * A tiny synchronous event emitter for the cluster view's events. Listeners run in registration
 * order; a throwing listener is logged and does not stop the others (nor the caller).
 */
import type { Logger } from "../lib/log.ts";

export class Emitter<E extends string> {
  #listeners = new Map<E, Set<() => void>>();
  readonly #log: Logger;

  constructor(log: Logger) {
    this.#log = log;
  }

  on(event: E, fn: () => void): () => void {
    let set = this.#listeners.get(event);
    if (!set) {
      set = new Set();
      this.#listeners.set(event, set);
    }
    set.add(fn);
    return () => {
      set.delete(fn);
    };
  }

  emit(event: E): void {
    for (const fn of [...(this.#listeners.get(event) ?? [])]) {
      try {
        fn();
      } catch (e) {
        this.#log.error("cluster listener failed", { event, err: e });
      }
    }
  }
}
