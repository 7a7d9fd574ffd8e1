/**
 * The simulation's view of the KV backend through one node: every read and commit passes the
 * node's gate (blocks while it is paused, fails while it is partitioned), commits wait a simulated
 * latency, and every write of the leader record adds an entry to the commit-ordered journal in the
 * same commit, so the journal records what really committed whatever the client was told.
 */
import { ClusterKeys, LeaderRecordCodec } from "../../src/cluster/keys.ts";
import { compareBytes, Subspace } from "../../src/kv/keyspace.ts";
import type {
  BackendTransaction,
  Key,
  RangeOptions,
  ReadOps,
  Transaction,
  Value,
} from "../../src/kv/types.ts";

/** What a node transaction needs from its node. */
export interface GatedNode {
  /** Resolves when the node may touch the KV store; throws while partitioned. */
  gate(): Promise<void>;
  /** Waits the simulated commit latency (node clock; frozen while paused). */
  commitDelay(journal: boolean): Promise<void>;
  /** Called before each conflicting point read reaches the gate (fault injection on a key). */
  beforeRead?(key: Key): void;
}

/** The journal of leader commits: claims/releases (recorded by the backend) and job effects. */
export const JournalSpace = new Subspace(["sim", "journal"]);
export interface JournalEntry {
  kind: "claim" | "release" | "effect";
  epoch: number;
  nodeId: string;
}
const enc = new TextEncoder();

/** Appends a leader-effect entry to the journal in `tx` (commit order = versionstamp order). */
export function appendJournal(tx: Transaction, epoch: number, nodeId: string): void {
  const entry: JournalEntry = { kind: "effect", epoch, nodeId };
  tx.setVersionstampedKey(JournalSpace.prefix, new Uint8Array(), enc.encode(JSON.stringify(entry)));
}

const LEADER_KEY = ClusterKeys.leader;

/** A backend transaction seen through one node: gated by its pause/partition state. */
export class NodeTransaction implements BackendTransaction {
  readonly snapshot: ReadOps;
  #leaderWrite: JournalEntry | undefined;
  #journal = false;

  constructor(
    private readonly inner: BackendTransaction,
    private readonly node: GatedNode,
  ) {
    this.snapshot = {
      get: async (k) => {
        await node.gate();
        return inner.snapshot.get(k);
      },
      getRange: async (b, e, o) => {
        await node.gate();
        return inner.snapshot.getRange(b, e, o);
      },
    };
  }
  async get(key: Key): Promise<Value | undefined> {
    this.node.beforeRead?.(key);
    await this.node.gate();
    return this.inner.get(key);
  }
  async getRange(b: Key, e: Key, o?: RangeOptions) {
    await this.node.gate();
    return this.inner.getRange(b, e, o);
  }
  set(key: Key, value: Value): void {
    if (compareBytes(key, LEADER_KEY) === 0) {
      const r = LeaderRecordCodec.decode(value);
      this.#leaderWrite = {
        kind: r.released ? "release" : "claim",
        epoch: r.epoch,
        nodeId: r.nodeId,
      };
    }
    this.inner.set(key, value);
  }
  clear(key: Key): void {
    this.inner.clear(key);
  }
  clearRange(b: Key, e: Key): void {
    this.inner.clearRange(b, e);
  }
  atomicAdd(key: Key, delta: number | bigint): void {
    this.inner.atomicAdd(key, delta);
  }
  setVersionstampedKey(prefix: Key, suffix: Key, value: Value): void {
    if (compareBytes(prefix, JournalSpace.prefix) === 0) this.#journal = true;
    this.inner.setVersionstampedKey(prefix, suffix, value);
  }
  setVersionstampedValue(key: Key, prefix: Value, suffix?: Value): void {
    this.inner.setVersionstampedValue(key, prefix, suffix);
  }
  addReadConflictRange(b: Key, e: Key): void {
    this.inner.addReadConflictRange(b, e);
  }
  getVersionstamp(): Promise<Uint8Array> {
    return this.inner.getVersionstamp();
  }
  async commit(): Promise<Uint8Array> {
    await this.node.gate();
    // Commit latency on the node's own clock: a pause can land between the store's checks and
    // the commit reaching the backend, as a SIGSTOP can in a real process.
    await this.node.commitDelay(this.#journal);
    await this.node.gate();
    if (this.#leaderWrite) {
      const w = this.#leaderWrite;
      this.inner.setVersionstampedKey(
        JournalSpace.prefix,
        new Uint8Array(),
        enc.encode(JSON.stringify(w)),
      );
    }
    return this.inner.commit();
  }
  cancel(): void {
    this.inner.cancel();
  }
}
