/**
 * A bounded FIFO queue: an actor's mailbox. Amortised O(1) push and shift (a head index over an
 * array, compacted when half consumed). `unshiftAll` puts messages back at the head in their
 * original order (turns re-run after a stale commit keep their place in line).
 */
export class Mailbox<T> {
  #items: T[] = [];
  #head = 0;
  readonly capacity: number;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError("capacity must be >= 1");
    this.capacity = capacity;
  }

  get length(): number {
    return this.#items.length - this.#head;
  }

  get full(): boolean {
    return this.length >= this.capacity;
  }

  /** Appends `item`; returns false (and drops nothing) when the mailbox is full. */
  push(item: T): boolean {
    if (this.full) return false;
    this.#items.push(item);
    return true;
  }

  /** Removes and returns the oldest item. */
  shift(): T | undefined {
    if (this.#head >= this.#items.length) return undefined;
    const item = this.#items[this.#head]!;
    this.#items[this.#head] = undefined as T;
    this.#head++;
    if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    return item;
  }

  /** Puts `items` back at the head, in order (may exceed capacity: they were admitted before). */
  unshiftAll(items: readonly T[]): void {
    if (items.length === 0) return;
    this.#items = [...items, ...this.#items.slice(this.#head)];
    this.#head = 0;
  }

  /** Removes and returns everything, oldest first. */
  drain(): T[] {
    const out = this.#items.slice(this.#head);
    this.#items = [];
    this.#head = 0;
    return out;
  }
}
