/**
 * Vault names are unique per organization case-insensitively, including deleted vaults (§6.11,
 * src/domain/vaults/entries.ts): the settle that removes a deleted vault's entry retires its name
 * ("vn", org, nameKey) in the same write set; a reserve or rename of a retired name is 409 (also
 * when the reserve's own healing is what removes the entry); retired names do not count towards
 * the tier limit; deleting the organization drops them. Write sets are replayed into a key-value
 * model, and `nameRetired` is read from it as the organization actor's handler reads it.
 */
import { describe, expect, test } from "bun:test";
import * as orgOps from "../../../src/domain/organizations/ops.ts";
import type { OrgState } from "../../../src/domain/organizations/state.ts";
import { TurnOutput } from "../../../src/domain/organizations/turn.ts";
import {
  beginRename,
  type RecordFacts,
  reserveVault,
  settleVault,
} from "../../../src/domain/vaults/entries.ts";
import { VaultKeys } from "../../../src/domain/vaults/keys.ts";
import type { Vault } from "../../../src/domain/vaults/types.ts";
import { nameKey } from "../../../src/domain/vaults/validation.ts";
import { codeOf, env, fixture, ORG, Replay } from "./org-fixtures.ts";

const OWNER = "1";
let ids = 9000;

function record(id: string, name: string, deleted = false): Vault {
  return {
    id,
    org_id: ORG,
    name,
    description: "",
    sync_status: "SYNCED",
    sync_error: null,
    created_by_user_id: OWNER,
    created_at: 1,
    updated_at: 1,
    deleted_at: deleted ? 2 : null,
  };
}

class Org {
  readonly kv = new Replay();
  state: OrgState;
  constructor() {
    this.state = fixture({}, this.kv);
  }
  retired(name: string): boolean {
    return this.kv.range(VaultKeys.retiredNames(ORG)).some((r) => {
      const want = VaultKeys.retiredName(ORG, nameKey(name));
      return Buffer.compare(Buffer.from(r.key), Buffer.from(want)) === 0;
    });
  }
  #run<R>(fn: (out: TurnOutput) => { state: OrgState; reply: R }): R {
    const out = new TurnOutput();
    const step = fn(out);
    this.kv.apply(out.writes);
    this.state = step.state;
    return step.reply;
  }
  /** A created vault: reserve, record, settle live. */
  create(name: string, records: RecordFacts = new Map()): string {
    const vaultId = String(ids++);
    this.#run((out) =>
      reserveVault(
        this.state,
        { vaultId, name, records, nameRetired: this.retired(name) },
        env(OWNER),
        out,
      ),
    );
    this.settle(record(vaultId, name));
    return vaultId;
  }
  settle(rec: Vault) {
    this.#run((out) =>
      settleVault(this.state, { vaultId: rec.id, record: rec, rollback: false }, env(OWNER), out),
    );
  }
  rename(vaultId: string, name: string, current: Vault) {
    return this.#run((out) =>
      beginRename(
        this.state,
        {
          vaultId,
          name,
          records: new Map([[vaultId, current]]),
          nameRetired: this.retired(name),
        },
        env(OWNER),
        out,
      ),
    );
  }
}

describe("vault names include deleted vaults (§6.11)", () => {
  test("a deleted vault's name is retired by its settle: create and rename of it are 409", () => {
    const o = new Org();
    const gone = o.create("Prod");
    const other = o.create("Other");
    expect(o.retired("prod")).toBe(false);
    o.settle(record(gone, "Prod", true));
    expect(o.state.vaults.has(gone)).toBe(false);
    expect(o.retired("PROD")).toBe(true);
    expect(codeOf(() => o.create("prod"))).toBe("VAULT_NAME_TAKEN");
    expect(codeOf(() => o.create("PROD"))).toBe("VAULT_NAME_TAKEN");
    expect(codeOf(() => o.rename(other, "pRoD", record(other, "Other")))).toBe("VAULT_NAME_TAKEN");
    // A name that is not retired is still free.
    expect(o.rename(other, "Staging", record(other, "Other"))).toEqual({ pending: true });
  });

  test("retired names do not count towards the tier limit", () => {
    const o = new Org();
    for (let i = 0; i < 5; i++) o.settle(record(o.create(`old ${i}`), `old ${i}`, true));
    expect(o.state.vaults.size).toBe(0);
    for (let i = 0; i < 5; i++) o.create(`new ${i}`);
    expect(o.state.vaults.size).toBe(5);
    expect(codeOf(() => o.create("sixth"))).toBe("VAULT_LIMIT");
  });

  test("a reserve whose healing removes a deleted vault's stale entry retires the name and refuses it", () => {
    const o = new Org();
    const gone = o.create("Held");
    // The vault was deleted but its settle never ran (a crash): the entry still holds the name.
    const out = new TurnOutput();
    expect(
      codeOf(() =>
        reserveVault(
          o.state,
          {
            vaultId: "1",
            name: "held",
            records: new Map([[gone, record(gone, "Held", true)]]),
            nameRetired: false,
          },
          env(OWNER),
          out,
        ),
      ),
    ).toBe("VAULT_NAME_TAKEN");
  });

  test("deleting the organization drops its retired names", () => {
    const o = new Org();
    o.settle(record(o.create("Prod"), "Prod", true));
    expect(o.retired("Prod")).toBe(true);
    const out = new TurnOutput();
    orgOps.deleteOrg(o.state, env(OWNER), out);
    o.kv.apply(out.writes);
    expect(o.retired("Prod")).toBe(false);
  });
});
