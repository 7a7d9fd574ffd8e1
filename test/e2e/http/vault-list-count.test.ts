/**
 * The vault list's total comes from a counter kept in the same commits as the list's copies
 * (`("ovn", org)`, docs/kv-layout.md), so a page reads only up to its end. The counter is trusted
 * once the organization's first list counted the copies itself (`("ovr", org)`): data written
 * before the counter existed is counted once, then kept exact by creates, deletes and purges.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { VaultKeys } from "../../../src/domain/vaults/keys.ts";
import { decodeI64LE, encodeI64LE } from "../../../src/kv/types.ts";
import { call, createOrg, type OrgEnv, signUp, startOrgEnv, type User } from "./org-harness.ts";

let env: OrgEnv;
let owner: User;

beforeAll(async () => {
  env = await startOrgEnv();
  owner = await signUp(env, "owner");
});
afterAll(async () => {
  await env?.close();
});

const kv = () => env.server.node.kv;
const list = async (org: string, q = "") => {
  const r = await call(env, "GET", `/v1/organizations/${org}/vaults${q}`, { token: owner.token });
  expect(r.status).toBe(200);
  return r.body as { vaults: { id: string }[]; pagination: { total: number; count: number } };
};
const create = async (org: string, name: string) => {
  const r = await call(env, "POST", `/v1/organizations/${org}/vaults`, {
    token: owner.token,
    body: { name },
  });
  expect(r.status).toBe(201);
  return (r.body.vault as { id: string }).id;
};
const remove = async (org: string, vault: string) => {
  const r = await call(env, "DELETE", `/v1/organizations/${org}/vaults/${vault}`, {
    token: owner.token,
  });
  expect(r.status).toBe(204);
};
const counter = (org: string) =>
  kv().transact(async (tx) => ({
    ready: (await tx.get(VaultKeys.orgCountReady(org))) !== undefined,
    n: Number(decodeI64LE(await tx.get(VaultKeys.orgCount(org)))),
  }));

test("creates and deletes keep the total; a page reads the counter, not every copy", async () => {
  const org = await createOrg(env, owner, "Counted");
  const a = await create(org, "a");
  await create(org, "b");
  expect(await counter(org)).toEqual({ ready: false, n: 2 });
  // The first list counts the copies and trusts the counter from then on.
  expect((await list(org)).pagination.total).toBe(2);
  expect(await counter(org)).toEqual({ ready: true, n: 2 });
  const c = await create(org, "c");
  expect((await list(org)).pagination.total).toBe(3);
  await remove(org, a);
  const after = await list(org, "?limit=1&offset=1");
  expect(after.pagination).toMatchObject({ total: 2, count: 1 });
  expect(after.vaults.map((v) => v.id)).toEqual([c]);
  // The total is the counter: the list does not read the copies to count them.
  await kv().transact(async (tx) => tx.set(VaultKeys.orgCount(org), encodeI64LE(41)));
  expect((await list(org)).pagination.total).toBe(41);
  await kv().transact(async (tx) => tx.set(VaultKeys.orgCount(org), encodeI64LE(2)));
});

test("an organization whose counter is not trusted yet is counted from its copies once", async () => {
  const org = await createOrg(env, owner, "Legacy");
  const ids = [await create(org, "x"), await create(org, "y"), await create(org, "z")];
  // As data written before the counter existed: no ready mark, a counter that means nothing.
  await kv().transact(async (tx) => {
    tx.clear(VaultKeys.orgCountReady(org));
    tx.set(VaultKeys.orgCount(org), encodeI64LE(17));
  });
  expect((await list(org)).pagination.total).toBe(3);
  expect(await counter(org)).toEqual({ ready: true, n: 3 });
  await remove(org, ids[0]!);
  expect((await list(org)).pagination.total).toBe(2);
});

test("deleting the organization takes its vaults out of the count", async () => {
  const org = await createOrg(env, owner, "Doomed");
  await create(org, "p");
  await create(org, "q");
  expect((await list(org)).pagination.total).toBe(2);
  const r = await call(env, "DELETE", `/v1/organizations/${org}`, { token: owner.token });
  expect(r.status).toBe(204);
  expect((await counter(org)).n).toBe(0);
});
