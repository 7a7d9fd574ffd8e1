/**
 * Snowflake ids (docs/http-api.md#a1--ids): 41 bits of milliseconds since 2024-01-01T00:00:00Z, 10 bits of worker
 * id, 12 bits of sequence. Ids are decimal strings everywhere outside this module (JSON, protobuf,
 * KV keys), because they exceed 2^53.
 *
 * The worker id is an input: in a running node it comes from the cluster registry (allocated in a
 * KV transaction, unique among live nodes); tests pass their own.
 *
 * Monotonicity: ids from one generator strictly increase. When the sequence overflows within a
 * millisecond the generator waits for the clock's next millisecond; when the wall clock goes
 * backwards (or does not move, as a fake clock), it keeps counting from the last timestamp it
 * used and borrows the next millisecond on overflow, so it never yields a duplicate.
 */
import type { Clock } from "./clock.ts";

export const SNOWFLAKE_EPOCH_MS = Date.UTC(2024, 0, 1);
const WORKER_BITS = 10n;
const SEQUENCE_BITS = 12n;
export const MAX_WORKER_ID = (1 << Number(WORKER_BITS)) - 1; // 1023
const MAX_SEQUENCE = (1 << Number(SEQUENCE_BITS)) - 1; // 4095
const MAX_I64 = (1n << 63n) - 1n;
/** Real milliseconds the generator spins waiting for the clock before borrowing a millisecond. */
const MAX_SPIN_MS = 2;

export class SnowflakeGenerator {
  #clock: Clock;
  #workerId: number;
  #lastMs = -1;
  #sequence = 0;
  #guard: (() => void) | undefined;

  constructor(opts: { workerId: number; clock: Clock }) {
    this.#clock = opts.clock;
    this.#workerId = checkWorkerId(opts.workerId);
  }

  get workerId(): number {
    return this.#workerId;
  }

  /** Changes the worker id (after the registry re-registers this node). Ids stay monotonic. */
  setWorkerId(workerId: number): void {
    this.#workerId = checkWorkerId(workerId);
  }

  /**
   * Installs a check run before every id; it throws to refuse. The cluster registry installs one
   * that refuses while the node is fenced: after a stall longer than the fence window this node's
   * worker id may already belong to another node, so it must not mint ids until it re-registers.
   */
  setGuard(guard: (() => void) | undefined): void {
    this.#guard = guard;
  }

  /** Returns the next id as a bigint. Synchronous; waits at most ~2 ms on sequence overflow. */
  nextBigInt(): bigint {
    this.#guard?.();
    let ms = this.#clock.now() - SNOWFLAKE_EPOCH_MS;
    if (ms < 0) ms = 0;
    if (ms > this.#lastMs) {
      this.#lastMs = ms;
      this.#sequence = 0;
    } else {
      // Same millisecond, or the clock went backwards: continue from the last timestamp.
      this.#sequence++;
      if (this.#sequence > MAX_SEQUENCE) {
        this.#lastMs = this.#waitPast(this.#lastMs);
        this.#sequence = 0;
      }
    }
    return (
      (BigInt(this.#lastMs) << (WORKER_BITS + SEQUENCE_BITS)) |
      (BigInt(this.#workerId) << SEQUENCE_BITS) |
      BigInt(this.#sequence)
    );
  }

  /** Returns the next id as a decimal string (the form used everywhere outside this module). */
  next(): string {
    return this.nextBigInt().toString();
  }

  #waitPast(lastMs: number): number {
    const spinUntil = performance.now() + MAX_SPIN_MS;
    while (performance.now() < spinUntil) {
      const ms = this.#clock.now() - SNOWFLAKE_EPOCH_MS;
      if (ms > lastMs) return ms;
    }
    return lastMs + 1; // clock stalled or went backwards: borrow the next millisecond
  }
}

function checkWorkerId(workerId: number): number {
  if (!Number.isInteger(workerId) || workerId < 0 || workerId > MAX_WORKER_ID) {
    throw new RangeError(`worker id must be an integer in 0..${MAX_WORKER_ID}, got ${workerId}`);
  }
  return workerId;
}

const ID_PATTERN = /^[1-9][0-9]{0,18}$/;

/** True when `s` is a canonical positive decimal int64 (no sign, no leading zeros, ≤ 2^63-1). */
export function isId(s: unknown): s is string {
  // Fewer than 19 digits is always below 2^63 (9223372036854775807, 19 digits): no bigint.
  return typeof s === "string" && ID_PATTERN.test(s) && (s.length < 19 || BigInt(s) <= MAX_I64);
}

/** Decomposes an id (for debugging and tests). */
export function decodeId(id: string): { timestampMs: number; workerId: number; sequence: number } {
  const v = BigInt(id);
  return {
    timestampMs: Number(v >> (WORKER_BITS + SEQUENCE_BITS)) + SNOWFLAKE_EPOCH_MS,
    workerId: Number((v >> SEQUENCE_BITS) & BigInt(MAX_WORKER_ID)),
    sequence: Number(v & BigInt(MAX_SEQUENCE)),
  };
}

/** Compares two id strings numerically (-1, 0, 1). */
export function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
