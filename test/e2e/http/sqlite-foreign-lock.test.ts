/**
 * A node on SQLite while another process holds the file's write lock (issue 9 item 11), over
 * real sockets: organization reads served by the organization actor keep being answered even
 * after the node fenced itself (it cannot heartbeat), each checked against the actor's owner key;
 * writes answer 503 with Retry-After; the node recovers by itself once the lock is released.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { call, createOrg, type OrgEnv, signUp, startOrgEnv, type User } from "./org-harness.ts";

let env: OrgEnv;
let owner: User;
let orgId: string;
let dbPath: string;

beforeAll(async () => {
  env = await startOrgEnv({
    sqlite: true,
    config: { cluster: { heartbeat_ms: 200, fence_ms: 700, suspect_ms: 1000 } },
  });
  dbPath = env.server.config.storage.sqlite_path;
  owner = await signUp(env, "Locked");
  orgId = await createOrg(env, owner, "Under lock");
});
afterAll(() => env.close());

test("reads through the actor go on, writes get 503 + Retry-After, recovery by itself", async () => {
  // Warm the actor: it is active on this node when the lock is taken.
  expect(
    (await call(env, "GET", `/v1/organizations/${orgId}`, { token: owner.token })).status,
  ).toBe(200);
  const HOLD_MS = 2500; // well past fence_ms (700 ms)
  const holder = Bun.spawn(
    [
      process.execPath,
      "-e",
      `const { Database } = require("bun:sqlite");
       const db = new Database(${JSON.stringify(dbPath)});
       db.run("BEGIN IMMEDIATE");
       console.log("locked");
       Bun.sleepSync(${HOLD_MS});
       db.run("ROLLBACK");
       console.log("released");`,
    ],
    { stdout: "pipe", stderr: "inherit" },
  );
  const reader = holder.stdout.getReader();
  const text = new TextDecoder();
  let seen = "";
  while (!seen.includes("locked")) seen += text.decode((await reader.read()).value);
  const lockedAt = performance.now();
  let reads = 0;
  let writesRefused = 0;
  let fencedReads = 0;
  while (performance.now() - lockedAt < HOLD_MS - 300) {
    const r = await call(env, "GET", `/v1/organizations/${orgId}`, { token: owner.token });
    expect(r.status).toBe(200);
    reads++;
    if (performance.now() - lockedAt > 1500) fencedReads++; // the node is fenced by now
    const w = await call(env, "PATCH", `/v1/organizations/${orgId}`, {
      token: owner.token,
      body: { name: `Renamed ${reads}` },
    });
    if (w.status === 503) {
      writesRefused++;
      expect(Number(w.headers.get("retry-after"))).toBeGreaterThan(0);
    } else expect(w.status).toBe(200); // a write that got in before the lock
    await Bun.sleep(100);
  }
  expect(reads).toBeGreaterThan(5);
  expect(fencedReads).toBeGreaterThan(0);
  expect(writesRefused).toBeGreaterThan(0);
  while (!seen.includes("released")) {
    const c = await reader.read();
    if (c.done) break;
    seen += text.decode(c.value);
  }
  await holder.exited;
  // Recovery by itself: a write lands again within a few seconds.
  const t0 = performance.now();
  let status = 0;
  while (performance.now() - t0 < 8000) {
    status = (
      await call(env, "PATCH", `/v1/organizations/${orgId}`, {
        token: owner.token,
        body: { name: "After the lock" },
      })
    ).status;
    if (status === 200) break;
    await Bun.sleep(100);
  }
  expect(status).toBe(200);
  const after = await call(env, "GET", `/v1/organizations/${orgId}`, { token: owner.token });
  expect((after.body.organization as { name: string }).name).toBe("After the lock");
}, 30_000);
