/**
 * Fenced persistence of actors: the only code that writes the runtime's owner keys.
 *
 * - `claim`: activation. Reads the owner key; when it is free (absent or released) or names a node
 *   that is not alive in this node's view (or an older incarnation of this node), writes
 *   `{self, epoch + 1, seq 0}`. One transaction, so of two concurrent claimers exactly one wins.
 * - `commitBatch`: group commit of consecutive turns. Re-reads the owner key in the same
 *   transaction and refuses (`fenced`) unless it still names this activation's node, incarnation
 *   and epoch. The owner record's `seq` counts committed batches: a body re-run after an
 *   `unknown_result` that finds `seq` already advanced knows its first attempt applied and
 *   returns without applying anything twice. Each turn's reads are re-validated in order against
 *   the transaction (which already holds the earlier turns' writes), then its mutations and its
 *   idempotency record are applied.
 * - `queryStillExact`: before a query answered from the committed state is released, one read-only
 *   transaction proves that state is still the store's: the owner key names this activation with
 *   the `seq` the state was taken at (no other owner since, no commit of ours in flight), and the
 *   query's reads of other keys are unchanged.
 * - `release`: idle eviction and graceful stop. Compare-and-set back to `{nodeId: null}`, keeping
 *   the epoch so a later claim still bumps it.
 */

import { keyStr } from "../kv/keyspace.ts";
import { MarkMemo } from "../kv/mark-memo.ts";
import {
  applyMutations,
  type Key,
  type KeyValue,
  type KvStore,
  type Mutation,
  type RangeOptions,
  type ReadOps,
  type Transaction,
} from "../kv/types.ts";
import type { ActorRef } from "./define.ts";
import {
  ActorKeys,
  IdempotencyCodec,
  type IdempotencyRecord,
  OwnerCodec,
  type OwnerRecord,
} from "./keys.ts";

/** Who this node is, as written into owner keys. */
export interface Claimant {
  nodeId: string;
  incarnation: number;
}

/** A read made by a turn, to re-validate at commit. Values are the committed ones observed. */
export type RecordedRead =
  | { t: "get"; key: Key; value: Uint8Array | undefined }
  | { t: "range"; begin: Key; end: Key; opts: RangeOptions | undefined; result: KeyValue[] };

/** One turn's contribution to a batch. */
export interface CommitTurn {
  reads: RecordedRead[];
  mutations: Mutation[];
  /** Stored with the turn when the message carried an Idempotency-Key. */
  idempotency?: { key: string; record: IdempotencyRecord };
}

export type ClaimResult =
  | { ok: true; owner: OwnerRecord }
  | { ok: false; owner: OwnerRecord & { nodeId: string } };

export type CommitResult =
  | { status: "committed"; owner: OwnerRecord }
  /** The owner key no longer names this activation: deactivate, nothing was written. */
  | { status: "fenced"; owner: OwnerRecord | undefined }
  /** A read of turn `turn` changed since the turn ran: nothing was written; re-run. */
  | { status: "stale"; turn: number };

export function sameOwner(a: OwnerRecord | undefined, b: OwnerRecord): boolean {
  return (
    a !== undefined &&
    a.nodeId === b.nodeId &&
    a.incarnation === b.incarnation &&
    a.epoch === b.epoch
  );
}

async function readOwner(tx: Transaction, ref: ActorRef): Promise<OwnerRecord | undefined> {
  const raw = await tx.get(ActorKeys.owner(ref));
  return raw ? OwnerCodec.decode(raw) : undefined;
}

/**
 * Whether an owner record naming `(nodeId, incarnation)` belongs to a live node, given the live
 * members this node observed. An incarnation newer than the observed one registered after this
 * node last looked (a peer that fenced itself and re-joined, then claimed): it is at least as
 * alive as what was observed, and taking its actors away would only bounce them off a node that
 * just came back. An older incarnation was replaced: its process no longer owns anything.
 */
export function ownerIsAlive(
  live: readonly Claimant[],
  nodeId: string,
  incarnation: number,
): boolean {
  const member = live.find((m) => m.nodeId === nodeId);
  return member !== undefined && incarnation >= member.incarnation;
}

/**
 * Claims ownership of `ref` for `self`. `isAlive(nodeId, incarnation)` is this node's view of
 * membership: an owner that is not alive (suspect, dead, left, unknown) may be taken over, which
 * is safe because its commits re-read the owner key and will be refused.
 */
export async function claim(
  kv: KvStore,
  ref: ActorRef,
  self: Claimant,
  isAlive: (nodeId: string, incarnation: number) => boolean,
): Promise<ClaimResult> {
  return kv.transact(
    async (tx) => {
      const cur = await readOwner(tx, ref);
      if (cur && cur.nodeId !== null && cur.incarnation !== null) {
        const mine = cur.nodeId === self.nodeId;
        if (!mine && isAlive(cur.nodeId, cur.incarnation)) {
          return { ok: false as const, owner: { ...cur, nodeId: cur.nodeId } };
        }
        if (mine && cur.incarnation > self.incarnation) {
          // A newer incarnation of this very node owns it: we are the stale one.
          return { ok: false as const, owner: { ...cur, nodeId: cur.nodeId } };
        }
      }
      const owner: OwnerRecord = {
        nodeId: self.nodeId,
        incarnation: self.incarnation,
        epoch: (cur?.epoch ?? 0) + 1,
        seq: 0,
      };
      tx.set(ActorKeys.owner(ref), OwnerCodec.encode(owner));
      return { ok: true as const, owner };
    },
    { name: "actor.claim" },
  );
}

function sameBytes(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

async function readStillValid(tx: ReadOps, r: RecordedRead): Promise<boolean> {
  if (r.t === "get") return sameBytes(await tx.get(r.key), r.value);
  const now = await tx.getRange(r.begin, r.end, r.opts);
  if (now.length !== r.result.length) return false;
  for (let i = 0; i < now.length; i++) {
    const a = now[i]!;
    const b = r.result[i]!;
    if (!sameBytes(a.key, b.key) || !sameBytes(a.value, b.value)) return false;
  }
  return true;
}

/**
 * Commits `turns` for the activation that holds `owner` (its claimed record, `seq` = batches
 * committed so far). Rejects only with KvError (store unavailable, too large, retries exhausted):
 * the outcome is then unknown and the caller reloads state from the store.
 */
export async function commitBatch(
  kv: KvStore,
  ref: ActorRef,
  owner: OwnerRecord,
  turns: readonly CommitTurn[],
): Promise<CommitResult> {
  return kv.transact(
    async (tx): Promise<CommitResult> => {
      const cur = await readOwner(tx, ref);
      if (!cur || !sameOwner(cur, owner)) return { status: "fenced", owner: cur };
      if (cur.seq === owner.seq + 1) return { status: "committed", owner: cur };
      if (cur.seq !== owner.seq) return { status: "fenced", owner: cur };
      const writes = turns.some((t) => t.mutations.length > 0 || t.idempotency !== undefined);
      for (let i = 0; i < turns.length; i++) {
        const turn = turns[i]!;
        for (const r of turn.reads) {
          if (!(await readStillValid(tx, r))) return { status: "stale", turn: i };
        }
        applyMutations(tx, turn.mutations);
        if (turn.idempotency) {
          const { key, record } = turn.idempotency;
          tx.set(ActorKeys.idem(ref, key), IdempotencyCodec.encode(record));
          tx.set(ActorKeys.idemExpiry(ref, record.expiresAt, key), new Uint8Array(0));
        }
      }
      // Read-only batches (queries) are fenced by the owner read alone and write nothing.
      if (!writes) return { status: "committed", owner: cur };
      const next: OwnerRecord = { ...cur, seq: cur.seq + 1 };
      tx.set(ActorKeys.owner(ref), OwnerCodec.encode(next));
      return { status: "committed", owner: next };
    },
    { name: "actor.commit" },
  );
}

/**
 * Whether a query answered from the committed state of the activation holding `owner` (as it was
 * when the query started: `seq` = batches committed then) may be released: in one read-only
 * transaction (one read version), the owner key still names that activation at that `seq`, and
 * every recorded read is unchanged. A different owner (another node took over, a newer
 * incarnation of this node, a release) or a commit of ours that landed since (its turns are not
 * in the state queried) answers false: the caller runs the query as a turn instead.
 */
export async function queryStillExact(
  kv: KvStore,
  ref: ActorRef,
  owner: OwnerRecord,
  reads: readonly RecordedRead[],
): Promise<boolean> {
  return kv.transact(
    async (tx) => {
      const cur = await readOwner(tx, ref);
      if (!cur || !sameOwner(cur, owner) || cur.seq !== owner.seq) return false;
      for (const r of reads) if (!(await readStillValid(tx, r))) return false;
      return true;
    },
    { name: "actor.query" },
  );
}

/** The stored outcome for an idempotency key, or undefined (absent or expired). */
export async function readIdempotency(
  kv: KvStore,
  ref: ActorRef,
  key: string,
  now: number,
): Promise<IdempotencyRecord | undefined> {
  return kv.transact(
    async (tx) => {
      const raw = await tx.snapshot.get(ActorKeys.idem(ref, key));
      if (!raw) return undefined;
      const rec = IdempotencyCodec.decode(raw);
      return rec.expiresAt > now ? rec : undefined;
    },
    { name: "actor.idempotency" },
  );
}

/**
 * Releases ownership (compare-and-set on node, incarnation, epoch). Returns false when the key
 * no longer names this activation (someone took over: nothing to release).
 */
export async function release(kv: KvStore, ref: ActorRef, owner: OwnerRecord): Promise<boolean> {
  return kv.transact(
    async (tx) => {
      const cur = await readOwner(tx, ref);
      if (!cur || !sameOwner(cur, owner)) return false;
      const released: OwnerRecord = { nodeId: null, incarnation: null, epoch: cur.epoch, seq: 0 };
      tx.set(ActorKeys.owner(ref), OwnerCodec.encode(released));
      return true;
    },
    { name: "actor.release" },
  );
}

/** The current owner record (snapshot read), for routing. */
export async function readOwnerRecord(
  kv: KvStore,
  ref: ActorRef,
): Promise<OwnerRecord | undefined> {
  return kv.transact(async (tx) => {
    const raw = await tx.snapshot.get(ActorKeys.owner(ref));
    return raw ? OwnerCodec.decode(raw) : undefined;
  });
}

/** What `CommittedReads` keeps at most: 4 096 values of ≤ 4 KiB, 256 ranges of ≤ 64 KiB (32 MiB). */
const KEPT_POINTS = 4096;
const KEPT_VALUE_BYTES = 4096;
const KEPT_RANGES = 256;
const KEPT_RANGE_BYTES = 65_536;

/**
 * The committed reads actors make (load, turns, queries), as the runtime serves them: snapshot
 * reads, each its own transaction, except that a read repeated while the store's change mark is
 * unchanged (`KvStore.changeMark`: nothing committed anywhere since the first was taken) is
 * answered from the first: the same bytes a new transaction would read. Range results are copied
 * out (callers may reorder them); values are shared and never written to. Bounded (above): a
 * large value or range is read again each time.
 */
export class CommittedReads {
  readonly #kv: KvStore;
  readonly #points: MarkMemo<{ value: Uint8Array | undefined }>;
  readonly #ranges: MarkMemo<KeyValue[]>;

  constructor(kv: KvStore) {
    this.#kv = kv;
    this.#points = new MarkMemo(KEPT_POINTS);
    this.#ranges = new MarkMemo(KEPT_RANGES);
  }

  async get(key: Key): Promise<Uint8Array | undefined> {
    const mark = this.#kv.changeMark?.();
    if (mark === undefined) return snapshotGet(this.#kv, key);
    const id = keyStr(key);
    const kept = this.#points.get(mark, id);
    if (kept) return kept.value;
    const value = await snapshotGet(this.#kv, key);
    if ((value?.byteLength ?? 0) <= KEPT_VALUE_BYTES) this.#points.set(mark, id, { value });
    return value;
  }

  async getRange(begin: Key, end: Key, opts?: RangeOptions): Promise<KeyValue[]> {
    const mark = this.#kv.changeMark?.();
    if (mark === undefined) return snapshotRange(this.#kv, begin, end, opts);
    const id = `${begin.length}:${keyStr(begin)}${keyStr(end)}:${opts?.limit ?? ""}:${opts?.reverse === true}`;
    const kept = this.#ranges.get(mark, id);
    if (kept) return kept.slice();
    const rows = await snapshotRange(this.#kv, begin, end, opts);
    let bytes = 0;
    for (const r of rows) bytes += r.key.byteLength + r.value.byteLength;
    if (bytes <= KEPT_RANGE_BYTES) this.#ranges.set(mark, id, rows.slice());
    return rows;
  }
}

/** Snapshot reads for actors (load and turns): committed data, no read conflicts. */
export async function snapshotGet(kv: KvStore, key: Key): Promise<Uint8Array | undefined> {
  return kv.transact((tx) => tx.snapshot.get(key), { name: "actor.read" });
}

export async function snapshotRange(
  kv: KvStore,
  begin: Key,
  end: Key,
  opts?: RangeOptions,
): Promise<KeyValue[]> {
  return kv.transact((tx) => tx.snapshot.getRange(begin, end, opts), { name: "actor.read" });
}
