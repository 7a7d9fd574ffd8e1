/**
 * Change marks of a part of the key space (`KvStore.changeMark(scope)`), kept by the local
 * backends (memory, SQLite): a mark per registered scope (a key prefix, as a binary string of
 * src/kv/backends/key-ranges.ts) that moves when a commit of this store writes a key under it,
 * and that every scope moves together when a commit happened that the store cannot see the keys of
 * (another connection or process on the same SQLite file: `foreign`). So a scoped mark moves at
 * least whenever a write under its scope committed anywhere, and otherwise not for this store's
 * own commits elsewhere in the key space (the point: a session check keeps its memo while writes
 * of other features commit).
 *
 * Every move takes the next value of one counter shared by all scopes, so a mark only grows, and
 * the maximum of several scopes' marks is a mark of their union (any move of one of them makes it
 * larger than every value seen before).
 */

/** Scopes kept at most; a scope beyond them moves at every call (its memo never hits). */
const MAX_SCOPES = 64;

export class ScopedMarks {
  #counter = 0;
  #foreignAt = 0;
  readonly #changedAt = new Map<string, number>();

  /** The mark of `scope` (a key prefix as a binary string); the first call registers it. */
  mark(scope: string): number {
    let at = this.#changedAt.get(scope);
    if (at === undefined) {
      // Writes before the registration were not watched: the first mark is a new value.
      at = ++this.#counter;
      if (this.#changedAt.size >= MAX_SCOPES) return at;
      this.#changedAt.set(scope, at);
    }
    return Math.max(at, this.#foreignAt);
  }

  /** After a commit of this store: moves every registered scope that `touches` says it wrote. */
  committed(touches: (scope: string) => boolean): void {
    let next: number | undefined;
    for (const scope of this.#changedAt.keys()) {
      if (touches(scope)) {
        next ??= ++this.#counter;
        this.#changedAt.set(scope, next);
      }
    }
  }

  /** A commit whose keys this store cannot see (or may have happened): every scope moves. */
  foreign(): void {
    this.#foreignAt = ++this.#counter;
  }
}
