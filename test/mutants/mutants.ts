/**
 * The mutant set (issue 17): each mutant is one small source patch (a search text that must occur
 * exactly once in `file`, and its replacement) that breaks one guarantee, with the test files meant
 * to kill it. `test/mutants/run.ts` applies each to a scratch copy of the tree, never to the
 * working tree, and runs its tests there (`npm run mutants`; `--ci` for the `ci: true` subset).
 *
 * `tests` run in order, one `bun test` each, and the first that fails kills the mutant. Put the
 * test that should kill it first: the table then says whether the simulation alone sees it.
 */

export interface Mutant {
  /** Kebab-case, unique; also the scratch directory `/tmp/mutants-<name>`. */
  name: string;
  /** The guarantee it breaks (docs/architecture.md G1-G7, or the doc that states it). */
  guarantee: string;
  /** What the patch does, in a few words. */
  what: string;
  /** Repository-relative path of the patched file. */
  file: string;
  search: string;
  replace: string;
  /** Test files meant to kill it, run in this order. */
  tests: string[];
  /** In the CI subset (`npm run mutants -- --ci`): killed by the simulation or unit tests quickly. */
  ci: boolean;
  /** Extra environment for the test runs (e.g. fewer simulation seeds). */
  env?: Record<string, string>;
}

export const MUTANTS: Mutant[] = [
  {
    name: "actor-owner-fence",
    guarantee: "G1",
    what: "commitBatch no longer compares the owner key with this activation",
    file: "src/runtime/persistence.ts",
    search: `if (!cur || !sameOwner(cur, owner)) return { status: "fenced", owner: cur };`,
    replace: `if (!cur) return { status: "fenced", owner: cur };`,
    tests: [
      "test/sim/actors.test.ts",
      "test/unit/runtime/lifecycle.test.ts",
      "test/unit/runtime/ownership.test.ts",
    ],
    ci: true,
  },
  {
    name: "leader-fence-any-live",
    guarantee: "G3",
    what: "fenceTerm accepts any unreleased leader record (node, incarnation, epoch unchecked)",
    file: "src/cluster/leader.ts",
    search: `    cur.released ||
    cur.nodeId !== term.nodeId ||
    cur.incarnation !== term.incarnation ||
    cur.epoch !== term.epoch
  ) {`,
    replace: `    cur.released
  ) {`,
    tests: [
      "test/sim/cluster.test.ts",
      "test/unit/cluster/jobs-reminders.test.ts",
      "test/unit/identity/jobs.test.ts",
      "test/unit/retention/jobs.test.ts",
    ],
    ci: true,
  },
  {
    name: "worker-id-ignores-claims",
    guarantee: "G4",
    what: "writeRegistration picks a worker id without looking at other nodes' claims",
    file: "src/cluster/records.ts",
    search: `    } else taken.add(id);`,
    replace: `    }`,
    tests: [
      "test/sim/cluster.test.ts",
      "test/unit/cluster/registry.test.ts",
      "test/cluster/worker-ids.test.ts",
    ],
    ci: true,
  },
  {
    name: "output-gate-reply-before-commit",
    guarantee: "G2",
    what: "a batch's replies are released before its commit is attempted",
    file: "src/runtime/batch.ts",
    search: `    result = await commitBatch(`,
    replace: `    for (const b of batch) if (b.outcome.ok) b.env.resolve(b.outcome.reply);
    result = await commitBatch(`,
    tests: ["test/sim/actors.test.ts", "test/unit/runtime/lifecycle.test.ts"],
    ci: true,
  },
  {
    name: "after-commit-effect-in-body",
    guarantee: "G6",
    what: "ctx.afterCommit runs the effect at once, inside the turn (before and whatever the commit)",
    file: "src/runtime/executor.ts",
    search: `      afterCommit(effect) {
        guard();
        effects.push(effect);`,
    replace: `      afterCommit(effect) {
        guard();
        void Promise.resolve().then(effect);`,
    tests: [
      "test/sim/actors.test.ts",
      "test/unit/runtime/lifecycle.test.ts",
      "test/unit/identity/outbox.test.ts",
    ],
    ci: true,
  },
  {
    name: "idempotency-lookup-skipped",
    guarantee: "G6",
    what: "a message with a known Idempotency-Key runs again instead of getting the stored outcome",
    file: "src/runtime/batch.ts",
    search: `      if (stored) {
        if (stored.fingerprint !== fp)`,
    replace: `      if (stored && false) {
        if (stored.fingerprint !== fp)`,
    tests: ["test/sim/actors.test.ts", "test/unit/runtime/host.test.ts"],
    ci: true,
  },
  {
    name: "reminder-delivered-twice",
    guarantee: "reminders (docs/cluster.md: delivered, then deleted in the settle commit)",
    what: "the reminders job hands every due reminder to the delivery callback twice",
    file: "src/cluster/reminders.ts",
    search: `due.reminders.map((r) => deliver(r))`,
    replace: `due.reminders.map((r) => deliver(r).then(() => deliver(r)))`,
    tests: ["test/sim/cluster.test.ts", "test/unit/cluster/jobs-reminders.test.ts"],
    ci: true,
  },
  {
    name: "evict-keeps-owner-key",
    guarantee: "G5 (an idle actor's owner key is released: docs/actors.md)",
    what: "idle eviction closes the activation but leaves its owner key in place",
    file: "src/runtime/host.ts",
    search: `    try {
      await release(this.#o.kv, act.ref, owner);
    } catch (e) {`,
    replace: `    try {
      void release;
    } catch (e) {`,
    tests: [
      "test/sim/actors.test.ts",
      "test/unit/runtime/lifecycle.test.ts",
      "test/unit/runtime/host.test.ts",
    ],
    ci: true,
  },
  {
    name: "job-batch-without-cursor",
    guarantee: "leader jobs (docs/cluster.md: a batch commits its effects with its cursor)",
    what: "the session sweep commits its deletions without moving its cursor",
    file: "src/services/sessions/jobs.ts",
    search: `      ctx.cursor.set(tx, more ? String(SessionKeys.session.unpack(last.key)[0]) : undefined);`,
    replace: `      void more;`,
    tests: ["test/sim/cluster.test.ts", "test/unit/identity/jobs.test.ts"],
    ci: true,
  },
  {
    name: "snowflake-wrap-no-wait",
    guarantee: "G4",
    what: "the Snowflake sequence wraps to 0 within the same millisecond (duplicate ids)",
    file: "src/lib/ids.ts",
    search: `        this.#lastMs = this.#waitPast(this.#lastMs);`,
    replace: `        void this.#waitPast;`,
    tests: ["test/sim/cluster.test.ts", "test/unit/lib/ids.test.ts"],
    ci: true,
  },
  {
    name: "memory-conflict-check-removed",
    guarantee: "G1-G4 (serializable transactions: docs/kv.md)",
    what: "the memory backend commits a transaction whose reads were overwritten meanwhile",
    file: "src/kv/backends/memory.ts",
    search: `                throw new KvError("conflict", "a key read by this transaction was written since");`,
    replace: `                void w;`,
    tests: [
      "test/sim/cluster.test.ts",
      "test/sim/actors.test.ts",
      "test/conformance/kv/memory.test.ts",
    ],
    ci: true,
  },
  {
    name: "refresh-reuse-rotates",
    guarantee: "tokens (docs/tokens.md: a reused refresh token revokes its family)",
    what: "refreshFamily rotates a used (or superseded) refresh token instead of revoking",
    file: "src/domain/tokens/ops.ts",
    search: `  if (token.used_at !== null || family.current_token_id !== token.id) {`,
    replace: `  if (false) {`,
    tests: ["test/unit/domain/token-families.test.ts", "test/e2e/http/token-refresh.test.ts"],
    ci: true,
  },
  {
    name: "jti-single-use-removed",
    guarantee: "tokens (docs/tokens.md: a client assertion's jti is accepted once)",
    what: "authorizeClientToken accepts an assertion whose jti is already recorded",
    file: "src/domain/tokens/ops.ts",
    search: `  if (facts.jtiUsed) throw TokenErrors.ASSERTION_REPLAYED();`,
    replace: `  void facts.jtiUsed;`,
    tests: ["test/unit/domain/token-families.test.ts", "test/e2e/http/token-assertions.test.ts"],
    ci: true,
  },
];
