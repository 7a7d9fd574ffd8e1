/**
 * Two nodes on one SQLite file: a request reaching the node that does not own the organization
 * actor is forwarded to its owner over the signed internal endpoint (src/runtime/auth.ts). Many
 * identical concurrent reads (one user, one organization) used to share a signature when sent in
 * the same millisecond, so the owner refused all but the first as replays and the caller got
 * 503 ROUTING_FAILED (found by `bun run bench routes`: most of 200 concurrent forwarded reads
 * failed). Every call now carries a random nonce under the MAC.
 *
 * Reads of the organization are queries (answered from the actor's committed state, beside its
 * writes): a read after an acknowledged write must see that write through either node.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestServer, type TestServer } from "../../support/server.ts";
import {
  call,
  createOrg,
  expectA3,
  type OrgEnv,
  signUp,
  startOrgEnv,
  type User,
} from "./org-harness.ts";

const dir = mkdtempSync(join(tmpdir(), "inferadb-forwarded-"));
let env: OrgEnv;
let other: TestServer;
let owner: User;
let org: string;

beforeAll(async () => {
  const path = join(dir, "kv.sqlite");
  env = await startOrgEnv({ sqlite: path });
  other = await createTestServer({ sqlite: path });
  owner = await signUp(env, "owner");
  org = await createOrg(env, owner);
  // The first node owns the organization actor now (it created it).
});

afterAll(async () => {
  await other?.close();
  await env?.close();
  rmSync(dir, { recursive: true, force: true });
});

test("200 identical concurrent reads through the other node are all answered", async () => {
  const read = () =>
    fetch(`${other.url}/v1/organizations/${org}`, {
      headers: { authorization: `Bearer ${owner.token}` },
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as { code?: string } }));
  const first = await read();
  expect(first.status).toBe(200);
  const all = await Promise.all(Array.from({ length: 200 }, read));
  const failed = all.filter((r) => r.status !== 200).map((r) => `${r.status} ${r.body.code}`);
  expect(failed).toEqual([]);
});

test("a read after an acknowledged write sees it, through either node, while others read", async () => {
  const viaOther: OrgEnv = { ...env, server: other };
  const nameOf = async (via: OrgEnv) => {
    const r = await call(via, "GET", `/v1/organizations/${org}`, { token: owner.token });
    expect(r.status).toBe(200);
    return (r.body.organization as { name: string }).name;
  };
  // Readers hammer both nodes throughout: each must only ever see names move forward.
  let stop = false;
  const seen: string[] = [];
  const reader = async (via: OrgEnv) => {
    let last = -1;
    while (!stop) {
      const n = Number((await nameOf(via)).slice(2));
      if (!Number.isNaN(n)) {
        if (n < last) seen.push(`went back from ${last} to ${n}`);
        last = Math.max(last, n);
      }
    }
  };
  const readers = [reader(env), reader(viaOther), reader(env), reader(viaOther)];
  const stale: string[] = [];
  for (let i = 0; i < 40; i++) {
    const writer = i % 2 === 0 ? env : viaOther;
    const name = `n-${i}`;
    const w = await call(writer, "PATCH", `/v1/organizations/${org}`, {
      token: owner.token,
      body: { name },
    });
    expect(w.status).toBe(200);
    for (const via of [env, viaOther]) {
      const got = await nameOf(via);
      if (got !== name) stale.push(`write ${i} via ${writer === env ? "owner" : "other"}: ${got}`);
    }
  }
  stop = true;
  await Promise.all(readers);
  expect(stale).toEqual([]);
  expect(seen).toEqual([]);
});

test("a session revoked or logged out on one node is refused at once on the other", async () => {
  // Each node keeps the records of recent read-only session uses while nothing commits anywhere
  // (src/kv/mark-memo.ts); a revocation on the other node is a commit to the shared file.
  const viaOther: OrgEnv = { ...env, server: other };
  const me = (via: OrgEnv, token: string) => call(via, "GET", "/v1/users/me", { token });
  const login = async () => {
    const r = await call(env, "POST", "/v1/auth/login/password", {
      body: { email: owner.email, password: "correct horse battery staple" },
    });
    expect(r.status).toBe(200);
    return { id: r.body.session_id as string, token: r.body.session_token as string };
  };
  const a = await login();
  const b = await login();
  for (let i = 0; i < 5; i++) expect((await me(env, a.token)).status).toBe(200);
  for (let i = 0; i < 5; i++) expect((await me(env, b.token)).status).toBe(200);
  // Logged out through the other node: the next use on this one is refused.
  expect((await call(viaOther, "POST", "/v1/auth/logout", { token: a.token })).status).toBe(200);
  expectA3(await me(env, a.token), 401, "INVALID_SESSION");
  // Revoked (by the owner's first session) through the other node.
  expect((await me(env, b.token)).status).toBe(200);
  const revoke = await call(viaOther, "DELETE", `/v1/users/sessions/${b.id}`, {
    token: owner.token,
  });
  expect(revoke.status).toBe(204);
  expectA3(await me(env, b.token), 401, "INVALID_SESSION");
  expect((await me(env, owner.token)).status).toBe(200);
});
