/**
 * How long a starting node watches the other records before it decides nobody live would refuse
 * it (src/main.ts `refuseMismatchedPeers`, src/cluster/peers.ts): for `cluster.suspect_ms`. The
 * start-up race of test/cluster/startup.test.ts ("two secretless nodes started at the same
 * moment") let both nodes run on a loaded box: the first had registered and then not heartbeated
 * for 660 ms (its own start-up), and the second watched for only 2 x heartbeat_ms + 200 = 600 ms.
 * Here, deterministically: the real `buildNode` on a real SQLite file, next to a peer record of
 * another cluster secret that first moves 1 200 ms after the node registered (and began to look;
 * heartbeat_ms 200, suspect_ms 2000: the old window was 600 ms). The node must refuse to start.
 */
import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ClusterKeys, type NodeRecord, NodeRecordCodec } from "../../src/cluster/keys.ts";
import { ConfigError } from "../../src/config/load.ts";
import { createSqliteBackend } from "../../src/kv/backends/sqlite.ts";
import { createKvStore } from "../../src/kv/store.ts";
import { systemClock } from "../../src/lib/clock.ts";
import { buildNode } from "../../src/main.ts";
import { fastHasher } from "../support/hasher.ts";
import { testConfig } from "../support/server.ts";

const dir = mkdtempSync(join(tmpdir(), "startup-window-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("a peer silent for 1.2 s after the node registered still refuses a node with another secret", async () => {
  const path = join(dir, "kv.sqlite");
  const kv = createKvStore(createSqliteBackend({ path }), { clock: systemClock });
  const peer: NodeRecord = {
    nodeId: "node-peer-starting",
    incarnation: 1,
    workerId: 900,
    address: "127.0.0.1:1",
    heartbeat: 0,
    status: "alive",
    registeredAt: Date.now(),
    token: "t",
    secretTag: "0000000000000000",
  };
  const put = (r: NodeRecord) =>
    kv.transact(async (tx) => {
      tx.set(ClusterKeys.node(r.nodeId), NodeRecordCodec.encode(r));
    });
  await put(peer);
  const config = testConfig(
    { cluster: { heartbeat_ms: 200, fence_ms: 700, suspect_ms: 2000 } },
    path,
  );
  let moved = false;
  const starting = buildNode({ config, hasher: fastHasher });
  // The node looks right after it registered: wait for its record, then stay silent 1.2 s.
  const heartbeat = (async () => {
    const [b, e] = ClusterKeys.nodes.range();
    for (let i = 0; i < 1000; i++) {
      const rows = await kv.transact((tx) => tx.snapshot.getRange(b, e));
      if (rows.length > 1) break;
      await Bun.sleep(10);
    }
    await Bun.sleep(1200);
    await put({ ...peer, heartbeat: 1 });
    moved = true;
  })();
  const outcome = await starting.then(
    async (node) => {
      await node.stop();
      return "started";
    },
    (e: unknown) => e,
  );
  await heartbeat;
  expect(moved).toBe(true);
  expect(outcome).toBeInstanceOf(ConfigError);
  expect((outcome as ConfigError).key).toBe("cluster.secret");
  expect((outcome as ConfigError).message).toContain("node-peer-starting");
  await kv.close();
}, 20_000);
