/**
 * Test-only node entry for the multi-process cluster tests: the real `buildNode` on a shared
 * SQLite file, ports 0, short cluster timings, plus the leader-journal job. Prints one JSON line
 * `{"event":"ready", nodeId, pid, httpPort, workerId, incarnation}` on stdout once registered;
 * leader state is on `/v1/health` (section `cluster`). SIGTERM stops it gracefully.
 *
 *   bun test/cluster/node-main.ts <sqlite-path> <node-id> [heartbeat_ms suspect_ms fence_ms]
 */
import { createLogger } from "../../src/lib/log.ts";
import { buildNode } from "../../src/main.ts";
import { TEST_ACTORS } from "../support/actors.ts";
import { fastHasher } from "../support/hasher.ts";
import { testConfig } from "../support/server.ts";
import { leaderJournalJob } from "./leader-journal.ts";

const [dbPath, nodeId, hb = "200", suspect = "1000", fence = "700"] = process.argv.slice(2);
if (!dbPath || !nodeId) {
  process.stderr.write("usage: node-main.ts <sqlite-path> <node-id> [heartbeat suspect fence]\n");
  process.exit(2);
}
const config = testConfig(
  {
    cluster: {
      node_id: nodeId,
      heartbeat_ms: Number(hb),
      suspect_ms: Number(suspect),
      fence_ms: Number(fence),
    },
  },
  dbPath,
);
const log = createLogger({
  level: "warn",
  json: true,
  write: (line) => process.stderr.write(`${line}\n`),
});
const node = await buildNode({ config, log, hasher: fastHasher, actors: TEST_ACTORS });
node.cluster.registerJob(leaderJournalJob(node.cluster));
const me = node.cluster.self();
process.stdout.write(
  `${JSON.stringify({ event: "ready", nodeId, pid: process.pid, httpPort: node.httpPort, workerId: me.workerId, incarnation: me.incarnation })}\n`,
);
process.on("SIGTERM", () => {
  node.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
