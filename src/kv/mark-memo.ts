import type { Key, KvStore } from "./types.ts";

/**
 * The change mark of the union of `scopes` (key prefixes): the largest of their scoped marks
 * (`KvStore.changeMark(scope)`; src/kv/scoped-marks.ts says why that is a mark of the union), or
 * undefined where the store keeps no marks. For a memo of values derived from reads under them.
 */
export function unionMark(
  kv: Pick<KvStore, "changeMark">,
  scopes: readonly Key[],
): number | undefined {
  let mark = -1;
  for (const scope of scopes) {
    const m = kv.changeMark?.(scope);
    if (m === undefined) return undefined;
    if (m > mark) mark = m;
  }
  return mark < 0 ? undefined : mark;
}

/**
 * Values derived from KV reads, kept for as long as the store's change mark is unchanged
 * (`KvStore.changeMark`: nothing committed anywhere since). Take the mark before the reads, `set`
 * the derived value under that mark; `get` with the current mark returns it while nothing has
 * committed since. A new mark empties the memo (every entry was taken under an older one), so it
 * never holds more than one mark's worth of entries, and at most `capacity` of them.
 */
export class MarkMemo<V> {
  readonly #capacity: number;
  #mark: number | undefined;
  readonly #entries = new Map<string, V>();

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  /** The value kept for `key` under `mark`, if `mark` is the one it was kept under. */
  get(mark: number | undefined, key: string): V | undefined {
    if (mark === undefined || mark !== this.#mark) return undefined;
    return this.#entries.get(key);
  }

  /** Keeps `value` for `key` under `mark` (the mark taken before the reads it derives from). */
  set(mark: number | undefined, key: string, value: V): void {
    if (mark === undefined) return;
    if (mark !== this.#mark) {
      // An entry taken under an older mark than the kept ones is useless: keep the newer ones.
      if (this.#mark !== undefined && mark < this.#mark) return;
      this.#entries.clear();
      this.#mark = mark;
    }
    if (this.#entries.size >= this.#capacity && !this.#entries.has(key)) return;
    this.#entries.set(key, value);
  }

  get size(): number {
    return this.#entries.size;
  }
}
