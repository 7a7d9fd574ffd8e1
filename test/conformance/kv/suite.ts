/**
 * The KV conformance suite: one set of tests every backend must pass, through the real `KvStore`
 * wrapper (`createKvStore`). Each backend has a tiny test file that calls `runKvConformance` with a
 * factory for a fresh, empty backend. Tests that need fault injection are skipped, visibly (the
 * reason is in the test name), on backends whose `capabilities.faultInjection` is false.
 *
 * The tests live in three groups: suite-data.ts, suite-isolation.ts, suite-limits.ts.
 */
import { afterEach, describe } from "bun:test";
import { strinc } from "../../../src/kv/keyspace.ts";
import { createKvStore, type ObservableKvStore } from "../../../src/kv/store.ts";
import type { BackendCapabilities, KvBackend } from "../../../src/kv/types.ts";
import { dataTests } from "./suite-data.ts";
import { jumpingClock, type SuiteContext, sp } from "./suite-helpers.ts";
import { isolationTests } from "./suite-isolation.ts";
import { limitTests } from "./suite-limits.ts";

export type BackendFactory = () => KvBackend | Promise<KvBackend>;

export function runKvConformance(
  name: string,
  makeStore: BackendFactory,
  capabilities: Pick<BackendCapabilities, "faultInjection">,
): void {
  describe(`KV conformance: ${name}`, () => {
    let opened: { store: ObservableKvStore; backend: KvBackend }[] = [];
    const clock = jumpingClock();

    async function open() {
      const backend = await makeStore();
      const store = createKvStore(backend, { clock });
      opened.push({ store, backend });
      // Persistent backends (FoundationDB) keep data between tests: start from an empty subspace.
      await store.transact(async (tx) => tx.clearRange(sp.prefix, strinc(sp.prefix)));
      return { store, backend };
    }

    afterEach(async () => {
      for (const o of opened) await o.store.close();
      opened = [];
    });

    const ctx: SuiteContext = { name, capabilities, clock, open };
    dataTests(ctx);
    isolationTests(ctx);
    limitTests(ctx);
  });
}
