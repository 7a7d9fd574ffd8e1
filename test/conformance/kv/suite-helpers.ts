/**
 * Shared pieces of the KV conformance suite (test/conformance/kv/suite.ts): the context each group
 * of tests receives, a clock whose monotonic time tests can jump, and small helpers.
 */
import { expect } from "bun:test";
import { Subspace } from "../../../src/kv/keyspace.ts";
import type { ObservableKvStore } from "../../../src/kv/store.ts";
import {
  type BackendCapabilities,
  decodeI64LE,
  type KvBackend,
  type KvErrorCode,
  type Transaction,
} from "../../../src/kv/types.ts";
import { type Clock, systemClock } from "../../../src/lib/clock.ts";

/** What every test group gets from `runKvConformance`. */
export interface SuiteContext {
  name: string;
  capabilities: Pick<BackendCapabilities, "faultInjection">;
  clock: JumpingClock;
  /** A fresh store over a fresh backend, with the suite's subspace empty; closed after the test. */
  open(): Promise<{ store: ObservableKvStore; backend: KvBackend }>;
}

/** Every key the suite writes lives under this subspace. */
export const sp = new Subspace(["conformance"]);

const enc = new TextEncoder();
const dec = new TextDecoder();
export const v = (s: string) => enc.encode(s);
export const text = (b: Uint8Array | undefined) => (b === undefined ? undefined : dec.decode(b));

export type JumpingClock = Clock & { jump(ms: number): void };

/** A clock whose monotonic time a test can jump forward, sleeping for real. */
export function jumpingClock(): JumpingClock {
  let offset = 0;
  return {
    now: () => systemClock.now() + offset,
    monotonic: () => systemClock.monotonic() + offset,
    sleep: (ms, signal) => systemClock.sleep(ms, signal),
    jump: (ms) => {
      offset += ms;
    },
  };
}

export async function rejectsWith(p: Promise<unknown>, code: KvErrorCode): Promise<void> {
  let caught: unknown;
  try {
    await p;
  } catch (e) {
    caught = e;
  }
  expect(caught).toMatchObject({ name: "KvError", code });
}

export async function readInt(tx: Transaction, key: Uint8Array): Promise<number> {
  return Number(decodeI64LE(await tx.get(key)));
}
