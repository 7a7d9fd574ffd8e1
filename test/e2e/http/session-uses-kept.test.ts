/**
 * Session uses that write nothing are kept while nothing commits anywhere (src/kv/mark-memo.ts,
 * `SessionService.authenticate`): a repeated use in the same store state is answered without a KV
 * transaction, and is still checked exactly like a first use: the secret, the deadline, and any
 * commit (a revocation, a deletion) ends what was kept. The clock is the system clock with a wall
 * offset, so moving past a deadline fires no timer (and commits nothing) on the way.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { Roots } from "../../../src/kv/layout.ts";
import { createTestServer, type TestServer } from "../../support/server.ts";
import { ShiftedClock } from "../../support/shifted-clock.ts";
import { call, registerAccount } from "./identity-helpers.ts";

let server: TestServer;
const clock = new ShiftedClock();
const DAY = 24 * 3600_000;

beforeAll(async () => {
  server = await createTestServer({ clock });
});
afterAll(async () => {
  await server?.close();
});

const me = (token: string) => call(server, "GET", "/v1/users/me", undefined, { bearer: token });

/**
 * Runs `request` and says whether the store was left alone meanwhile (no transaction, no
 * commit): the use was answered from what was kept. A background commit (a heartbeat) between
 * the uses takes that away; the scenarios below then run again, a few times at most.
 */
async function kept<T>(request: () => Promise<T>): Promise<{ out: T; kept: boolean }> {
  const kv = server.node.kv;
  const mark = kv.changeMark?.();
  const before = kv.stats().transactions;
  const out = await request();
  return { out, kept: kv.stats().transactions === before && kv.changeMark?.() === mark };
}

async function untilKept(scenario: () => Promise<boolean>) {
  for (let attempt = 0; attempt < 5; attempt++) if (await scenario()) return;
  throw new Error("no use was answered from kept records in 5 attempts");
}

test("repeated uses need no KV transaction, and each answers as the first did", async () => {
  await untilKept(async () => {
    const a = await registerAccount(server);
    const first = await me(a.session);
    expect(first.status).toBe(200);
    const again = await kept(() => me(a.session));
    expect(again.out.status).toBe(200);
    expect(again.out.body).toEqual(first.body);
    return again.kept;
  });
});

test("a kept use is still refused with a wrong secret for the same session id", async () => {
  await untilKept(async () => {
    const a = await registerAccount(server);
    expect((await me(a.session)).status).toBe(200);
    const [id, secret] = a.session.split(".") as [string, string];
    const forged = `${id}.${secret.startsWith("A") ? "B" : "A"}${secret.slice(1)}`;
    const r = await kept(() => me(forged));
    expect(r.out.status).toBe(401);
    expect(r.out.body.code).toBe("INVALID_SESSION");
    return r.kept;
  });
});

test("a kept use is still refused once past the session's deadline", async () => {
  await untilKept(async () => {
    const a = await registerAccount(server);
    expect((await me(a.session)).status).toBe(200);
    const before = await kept(() => me(a.session));
    expect(before.out.status).toBe(200);
    const mark = server.node.kv.changeMark?.();
    clock.offset += DAY + 1000;
    // What was kept is still current (nothing committed): the use below meets it, and is refused
    // (then recorded as expired by the full path, which writes).
    const current = before.kept && server.node.kv.changeMark?.() === mark;
    const r = await me(a.session);
    expect(r.status).toBe(401);
    expect(r.body.code).toBe("INVALID_SESSION");
    return current;
  });
});

test("a kept use survives commits elsewhere in the store; a change of the user record ends it", async () => {
  await untilKept(async () => {
    const a = await registerAccount(server);
    expect((await me(a.session)).status).toBe(200);
    // Another feature's commit: the store's unscoped mark moves, the session's scoped marks not.
    const all = server.node.kv.changeMark?.();
    await server.node.kv.transact(async (tx) =>
      tx.set(Roots.job.key("session-uses-kept"), new Uint8Array([1])),
    );
    expect(server.node.kv.changeMark?.()).not.toBe(all);
    const r = await kept(() => me(a.session));
    expect(r.out.status).toBe(200);
    // The user record changes: the next use reads it again (the kept one had the old name).
    const renamed = await call(
      server,
      "PATCH",
      "/v1/users/me",
      { name: "Renamed" },
      { bearer: a.session },
    );
    expect(renamed.status).toBe(200);
    const after = await me(a.session);
    expect((after.body.user as { name: string }).name).toBe("Renamed");
    return r.kept;
  });
});
