/**
 * Transactional building blocks on the node registry's records (keys.ts): registration, the dead
 * declaration's compare-and-set, deletion of dead records, worker-id selection. Each runs inside
 * the caller's transaction, so the caller decides fencing and retries.
 */
import { applyMutations, decodeI64LE, encodeI64LE, type Transaction } from "../kv/types.ts";
import { MAX_WORKER_ID } from "../lib/ids.ts";
import { ClusterErrors } from "./errors.ts";
import { ClusterKeys, type NodeRecord, NodeRecordCodec, WorkerClaimCodec } from "./keys.ts";

/** Picks a free worker id, starting at a per-node offset so simultaneous starters rarely collide. */
export function pickWorkerId(taken: ReadonlySet<number>, nodeId: string, preferred?: number) {
  if (preferred !== undefined && !taken.has(preferred)) return preferred;
  let h = 2166136261;
  for (let i = 0; i < nodeId.length; i++) h = Math.imul(h ^ nodeId.charCodeAt(i), 16777619);
  const size = MAX_WORKER_ID + 1;
  const start = (h >>> 0) % size;
  for (let i = 0; i < size; i++) {
    const id = (start + i) % size;
    if (!taken.has(id)) return id;
  }
  return undefined;
}

/**
 * Registers `nodeId` in `tx`: a fresh incarnation from the cluster-wide counter (read and
 * incremented, so concurrent registrations conflict and serialise) and a free worker id (all
 * claims read as a conflicting range). Releases a previous registration of the same node id,
 * preferring its worker id. A record carrying `token` is this very call's commit seen on a retry
 * after `unknown_result`, and is returned as is.
 */
export async function writeRegistration(
  tx: Transaction,
  r: { nodeId: string; address: string; token: string; registeredAt: number; secretTag: string },
): Promise<NodeRecord> {
  const { nodeId, address, token, registeredAt, secretTag } = r;
  const prev = await readNode(tx, nodeId);
  if (prev && prev.token === token) return prev; // our own commit, seen on a retry
  const incarnation = Number(decodeI64LE(await tx.get(ClusterKeys.incarnation))) + 1;
  tx.set(ClusterKeys.incarnation, encodeI64LE(incarnation));
  const taken = new Set<number>();
  let preferred: number | undefined;
  const [b, e] = ClusterKeys.workers.range();
  for (const kv of await tx.getRange(b, e)) {
    const id = ClusterKeys.workers.unpack(kv.key)[0] as number;
    const claim = WorkerClaimCodec.decode(kv.value);
    if (claim.nodeId === nodeId) {
      // A previous registration of this very node id: release it (and prefer its id).
      tx.clear(kv.key);
      if (prev && prev.workerId === id) preferred = id;
    } else taken.add(id);
  }
  const workerId = pickWorkerId(taken, nodeId, preferred);
  if (workerId === undefined) throw ClusterErrors.NO_WORKER_ID();
  const record: NodeRecord = {
    nodeId,
    incarnation,
    workerId,
    address,
    heartbeat: 0,
    status: "alive",
    registeredAt,
    secretTag,
    token,
  };
  tx.set(ClusterKeys.node(nodeId), NodeRecordCodec.encode(record));
  tx.set(ClusterKeys.worker(workerId), WorkerClaimCodec.encode({ nodeId, incarnation }));
  return record;
}

/** Reads a node record inside `tx` (a conflicting read). */
export async function readNode(tx: Transaction, nodeId: string): Promise<NodeRecord | undefined> {
  const v = await tx.get(ClusterKeys.node(nodeId));
  return v ? NodeRecordCodec.decode(v) : undefined;
}

/** Mutations freeing `workerId` if its claim still names this node and incarnation. */
export async function freeWorkerId(
  tx: Transaction,
  workerId: number,
  nodeId: string,
  incarnation: number,
) {
  const v = await tx.get(ClusterKeys.worker(workerId));
  if (!v) return [];
  const claim = WorkerClaimCodec.decode(v);
  return claim.nodeId === nodeId && claim.incarnation === incarnation
    ? [{ op: "clear" as const, key: ClusterKeys.worker(workerId) }]
    : [];
}

/**
 * Compare-and-set dead declaration, run by the leader inside a fenced transaction: marks the
 * record dead and frees its worker id only if the record is unchanged since it was observed
 * (same incarnation and heartbeat counter, still alive). Returns whether it declared.
 */
export async function declareDead(tx: Transaction, observed: NodeRecord): Promise<boolean> {
  const rec = await readNode(tx, observed.nodeId);
  if (
    rec?.status !== "alive" ||
    rec.incarnation !== observed.incarnation ||
    rec.heartbeat !== observed.heartbeat
  ) {
    return false;
  }
  tx.set(ClusterKeys.node(rec.nodeId), NodeRecordCodec.encode({ ...rec, status: "dead" }));
  applyMutations(tx, await freeWorkerId(tx, rec.workerId, rec.nodeId, rec.incarnation));
  return true;
}

/** Deletes a dead record that is still the observed one (garbage collection by the leader). */
export async function forgetDead(tx: Transaction, observed: NodeRecord): Promise<boolean> {
  const rec = await readNode(tx, observed.nodeId);
  if (rec?.status !== "dead" || rec.incarnation !== observed.incarnation) return false;
  tx.clear(ClusterKeys.node(rec.nodeId));
  return true;
}
