/**
 * Who may take an actor over: a claim refuses an owner that is alive in the claimer's view, and
 * a view that has not yet seen a peer's re-registration (a newer incarnation than observed) counts
 * that peer as alive, so a node that fenced itself and re-joined does not have the actors it just
 * re-claimed taken away by peers that have not looked since. Two hosts on one memory store.
 */
import { expect, test } from "bun:test";
import { createMemoryBackend } from "../../../src/kv/backends/memory.ts";
import { createKvStore } from "../../../src/kv/store.ts";
import { systemClock } from "../../../src/lib/clock.ts";
import type { ActorRef } from "../../../src/runtime/define.ts";
import { ActorKeys, OwnerCodec } from "../../../src/runtime/keys.ts";
import { type Claimant, ownerIsAlive, snapshotGet } from "../../../src/runtime/persistence.ts";
import { codeOf, directHost } from "./support.ts";

const REF: ActorRef = { kind: "probe", id: "x" };
const get = { type: "get" };
const soon = () => ({ deadline: systemClock.monotonic() + 10_000 });

test("a peer that re-joined and re-claimed keeps its actor against a view from before", async () => {
  const kv = createKvStore(createMemoryBackend(), { clock: systemClock });
  // B last observed A as incarnation 1; A has since fenced itself and re-joined as incarnation 2.
  const bView: Claimant[] = [
    { nodeId: "A", incarnation: 1 },
    { nodeId: "B", incarnation: 1 },
  ];
  const a = directHost(kv, systemClock, { nodeId: "A", incarnation: 2 }).host;
  const b = directHost(kv, systemClock, {
    nodeId: "B",
    workerId: 2,
    isAlive: (n, i) => ownerIsAlive(bView, n, i),
  }).host;
  await a.deliver(REF, get, soon());
  expect(await codeOf(b.deliver(REF, get, soon()))).toBe("NOT_OWNER");
  const owner = OwnerCodec.decode((await snapshotGet(kv, ActorKeys.owner(REF)))!);
  expect(owner).toMatchObject({ nodeId: "A", incarnation: 2, epoch: 1 });
  // Once B's view says A is gone, B takes over with the next epoch.
  bView.splice(0, 1);
  await b.deliver(REF, get, soon());
  expect(OwnerCodec.decode((await snapshotGet(kv, ActorKeys.owner(REF)))!)).toMatchObject({
    nodeId: "B",
    epoch: 2,
  });
  await a.stop();
  await b.stop();
});

test("owners of a replaced incarnation or of a node not in the view are not alive", () => {
  const live: Claimant[] = [{ nodeId: "A", incarnation: 5 }];
  expect(ownerIsAlive(live, "A", 5)).toBe(true);
  expect(ownerIsAlive(live, "A", 6)).toBe(true); // re-joined after the last observation
  expect(ownerIsAlive(live, "A", 4)).toBe(false); // replaced by incarnation 5
  expect(ownerIsAlive(live, "Z", 1)).toBe(false); // dead, left or never seen
});
