/**
 * Runs the KV conformance suite against a real FoundationDB cluster when `FDB_CLUSTER_FILE` is set
 * (the suite clears its own `("conformance")` subspace before each test; nothing else is touched).
 * Without it the suite is skipped, visibly, with the reason in the test name.
 */
import { describe, test } from "bun:test";
import { createFoundationDbBackend } from "../../../src/kv/backends/foundationdb.ts";
import { runKvConformance } from "./suite.ts";

const clusterFile = process.env.FDB_CLUSTER_FILE;

if (clusterFile) {
  runKvConformance("foundationdb", () => createFoundationDbBackend({ clusterFile }), {
    faultInjection: false,
  });
} else {
  // Skipped only without a cluster to talk to; the test name below says so in every report.
  describe.skip("KV conformance: foundationdb (skipped: FDB_CLUSTER_FILE is not set; it runs against the cluster file it names, docs/kv.md)", () => {
    test("skipped: FDB_CLUSTER_FILE is not set (set it to a cluster file to run against FoundationDB)", () => {});
  });
}
