/**
 * The real CLI (`runCli` of src/main.ts: config from env and flags, signals, graceful stop) with
 * the test actor kinds added (test/support/actors.ts: the `counter` fixture), for the
 * multi-process failover tests and `bun bench/actors.ts --failover`. Production registers no
 * such kind, so the tests cannot run `bun src/main.ts` itself.
 */
import { runCli } from "../../src/main.ts";
import { TEST_ACTORS } from "../support/actors.ts";

runCli({ actors: TEST_ACTORS }).catch((e: unknown) => {
  process.stderr.write(`fatal: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
