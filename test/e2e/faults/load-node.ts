/**
 * Test-only node entry of the connection-abuse and overload tests (test/e2e/faults/): the real
 * `buildNode` (memory backend, cheap hasher) in its own process, so the load generator and the
 * abusive clients never share the server's event loop. argv[2]: JSON config overrides (the
 * `server` limits under test). Prints `{"httpPort":…}` on stdout once listening; SIGTERM stops it.
 */
import { buildNode } from "../../../src/main.ts";
import { fastHasher } from "../../support/hasher.ts";
import { testConfig } from "../../support/server.ts";

const config = testConfig(JSON.parse(process.argv[2] ?? "{}"));
const node = await buildNode({ config, hasher: fastHasher });
process.stdout.write(`${JSON.stringify({ httpPort: node.httpPort })}\n`);
process.on("SIGTERM", () => {
  node.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
