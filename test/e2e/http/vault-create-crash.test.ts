/**
 * Creating a vault is atomic as seen from outside (src/domain/vaults/entries.ts): the organization
 * reserves the name and a tier slot, the vault actor writes the record, the organization settles.
 * These tests stop a creation between the steps (the node runs only the first step, or the first
 * two, as a crash would leave them) and check what clients see, then let the settle reminder run
 * (wall clock moved past the reservation's expiry):
 * - crash after the reservation: nothing visible, the slot held; the reminder rolls it back and a
 *   late record write for it is refused, so no record ever appears without a count;
 * - crash after the record: the vault is visible and counted; the reminder makes the entry live.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { OrgVaultEntryCodec } from "../../../src/domain/vaults/codecs.ts";
import { VaultKeys } from "../../../src/domain/vaults/keys.ts";
import { RESERVATION_TTL_MS } from "../../../src/domain/vaults/types.ts";
import { ShiftedClock } from "../../support/shifted-clock.ts";
import {
  call,
  createOrg,
  expectA3,
  type OrgEnv,
  signUp,
  startOrgEnv,
  type User,
} from "./org-harness.ts";

const clock = new ShiftedClock();
let env: OrgEnv;
let owner: User;

beforeAll(async () => {
  env = await startOrgEnv({ clock });
  owner = await signUp(env, "Owner");
});
afterAll(() => env.close());

const V = (o: string) => `/v1/organizations/${o}/vaults`;
const vaults = () => env.server.node.services.vaults;
const principal = () => ({ userId: owner.id, sessionId: "test" });

async function listed(o: string) {
  const r = await call(env, "GET", `${V(o)}?limit=100`, { token: owner.token });
  return (r.body.vaults as { id: string; name: string }[]).map((v) => v.name).sort();
}

async function until(cond: () => Promise<boolean>, ms = 10_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await cond()) return;
    await Bun.sleep(50);
  }
  throw new Error("condition not met in time");
}

describe("a creation interrupted between its steps", () => {
  test("after the reservation: invisible, counted, rolled back by the reminder; a late write is refused", async () => {
    const o = await createOrg(env, owner, "Crash one");
    const { vault_id: lost } = await vaults().reserve(principal(), o, "lost");
    // Seen from outside: no vault, but its name and its slot are held.
    expect(await listed(o)).toEqual([]);
    expectA3(await call(env, "GET", `${V(o)}/${lost}`, { token: owner.token }), 404);
    expectA3(await call(env, "POST", V(o), { token: owner.token, body: { name: "LOST" } }), 409);
    for (let i = 0; i < 4; i++) {
      expect(
        (await call(env, "POST", V(o), { token: owner.token, body: { name: `v${i}` } })).status,
      ).toBe(201);
    }
    expectA3(
      await call(env, "POST", V(o), { token: owner.token, body: { name: "v5" } }),
      402,
      "VAULT_LIMIT",
    );

    // The reservation expires; the reminder (no client request involved) rolls it back.
    expect((await entryOf(o, lost))?.state).toBe("reserved");
    clock.offset += RESERVATION_TTL_MS + 1_000;
    await until(async () => (await entryOf(o, lost)) === undefined);
    await until(
      async () =>
        (await call(env, "POST", V(o), { token: owner.token, body: { name: "lost" } })).status ===
        201,
    );
    expect(await listed(o)).toEqual(["lost", "v0", "v1", "v2", "v3"]);

    // The interrupted creation resumes late: its record can no longer be written.
    const late = await vaults()
      .writeReserved(principal(), o, lost, { name: "lost" }, {})
      .then(
        () => "written",
        (e: { code?: string }) => e.code,
      );
    expect(late).toBe("VAULT_CHANGE_INTERRUPTED");
    expectA3(await call(env, "GET", `${V(o)}/${lost}`, { token: owner.token }), 404);
    expect(await listed(o)).toEqual(["lost", "v0", "v1", "v2", "v3"]);
    expectA3(await call(env, "POST", V(o), { token: owner.token, body: { name: "v6" } }), 402);
  }, 30_000);

  test("after the record: visible and counted; the reminder makes the entry live", async () => {
    const o = await createOrg(env, owner, "Crash two");
    const { vault_id: id } = await vaults().reserve(principal(), o, "half");
    await askVaultCreate(o, id, "half");
    expect(await listed(o)).toEqual(["half"]);
    const got = await call(env, "GET", `${V(o)}/${id}`, { token: owner.token });
    expect(got.body.vault).toMatchObject({ id, name: "half", sync_status: "SYNCED" });
    expectA3(await call(env, "POST", V(o), { token: owner.token, body: { name: "Half" } }), 409);

    expect((await entryOf(o, id))?.state).toBe("reserved");
    clock.offset += RESERVATION_TTL_MS + 1_000;
    await until(async () => (await entryOf(o, id))?.state === "live");
    // Once settled the entry is live: renaming (which needs a live entry) works.
    await until(
      async () =>
        (await call(env, "PATCH", `${V(o)}/${id}`, { token: owner.token, body: { name: "whole" } }))
          .status === 200,
    );
    for (let i = 0; i < 4; i++) {
      expect(
        (await call(env, "POST", V(o), { token: owner.token, body: { name: `w${i}` } })).status,
      ).toBe(201);
    }
    expectA3(await call(env, "POST", V(o), { token: owner.token, body: { name: "w5" } }), 402);
    expect(await listed(o)).toEqual(["w0", "w1", "w2", "w3", "whole"]);
  }, 30_000);

  test("a rollback racing the record write: exactly one wins, never a record without its entry", async () => {
    const o = await createOrg(env, owner, "Crash three");
    for (let i = 0; i < 10; i++) {
      const { vault_id: id } = await vaults().reserve(principal(), o, `race${i}`);
      const [written] = await Promise.all([
        vaults()
          .writeReserved(principal(), o, id, { name: `race${i}` }, {})
          .then(
            () => true,
            () => false,
          ),
        vaults().settle(principal(), o, id, true),
      ]);
      await vaults().settle(principal(), o, id, false);
      const visible =
        (await call(env, "GET", `${V(o)}/${id}`, { token: owner.token })).status === 200;
      expect(visible).toBe(written);
      if (written) {
        // Counted: its name is still taken.
        expectA3(
          await call(env, "POST", V(o), { token: owner.token, body: { name: `RACE${i}` } }),
          409,
        );
        expect((await call(env, "DELETE", `${V(o)}/${id}`, { token: owner.token })).status).toBe(
          204,
        );
      } else {
        expect(
          (await call(env, "POST", V(o), { token: owner.token, body: { name: `race${i}` } }))
            .status,
        ).toBe(201);
        const l = await call(env, "GET", V(o), { token: owner.token });
        const mine = (l.body.vaults as { id: string; name: string }[]).find(
          (v) => v.name === `race${i}`,
        )!;
        await call(env, "DELETE", `${V(o)}/${mine.id}`, { token: owner.token });
      }
    }
  }, 30_000);
});

/** Step 2 alone, without the settle the service's create runs after it (step 3). */
async function askVaultCreate(o: string, id: string, name: string) {
  await vaults().writeReserved(principal(), o, id, { name }, {});
}

/** The organization's entry of a vault, read from the store. */
function entryOf(o: string, id: string) {
  return env.server.node.kv.transact(async (tx) => {
    const raw = await tx.snapshot.get(VaultKeys.orgEntry(o, id));
    return raw ? OrgVaultEntryCodec.decode(raw) : undefined;
  });
}
