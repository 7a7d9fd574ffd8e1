/**
 * Vault use cases: vault CRUD and user / team grants. Reads and writes of one vault are turns of
 * its actor (actors/vault/), which checks the caller's effective vault role (A8) against the
 * organization's committed data; names and the tier limit are the organization actor's
 * (src/domain/vaults/entries.ts). A create or rename is reserve → write → settle (see there); a
 * delete is write → settle. A settle that fails here is left to the organization's reminder.
 */

import type { PageRequest } from "../../domain/organizations/turn.ts";
import { VaultCodec } from "../../domain/vaults/codecs.ts";
import { VaultKeys } from "../../domain/vaults/keys.ts";
import type { VaultSyncPolicy } from "../../domain/vaults/sync-machine.ts";
import type { GrantKind } from "../../domain/vaults/types.ts";
import { type VaultView, vaultView } from "../../domain/vaults/views.ts";
import { decodeI64LE, encodeI64LE, type KeyValue } from "../../kv/types.ts";
import type { CallOptions, Principal } from "../context.ts";
import type { ServiceDeps } from "../deps.ts";
import { askOrg } from "../organizations/ask.ts";
import { askVault } from "./ask.ts";
import type { GrantUpdateInput, VaultCreateInput, VaultUpdateInput } from "./inputs.ts";

export interface VaultSettings {
  /** No engine endpoint configured (A13 standalone mode): new vaults are SYNCED at once. */
  standalone: boolean;
  /** The vault-sync policy sent with each create (server_api.sync_*); absent: the defaults. */
  syncPolicy?: VaultSyncPolicy;
  /** Told after a delete committed: the sync driver makes the engine call. */
  onSyncWork?: (vaultId: string) => void;
  /**
   * Told right after a create answered (engine mode): the driver sends `sync.start` (the vault
   * leaves PENDING) and makes the first call. The create's own reminder does the same if this
   * never happens (a crash), so this is for latency only.
   */
  onSyncStart?: (vaultId: string) => void;
}

export class VaultService {
  readonly #d: ServiceDeps;
  readonly #s: VaultSettings;

  constructor(deps: ServiceDeps, settings: VaultSettings) {
    this.#d = deps;
    this.#s = settings;
  }

  /** POST …/vaults: 201 `{vault}`; the creator gets a direct ADMIN grant. */
  async create(p: Principal, orgId: string, input: VaultCreateInput, opts: CallOptions) {
    const { vault_id: vaultId } = await this.reserve(p, orgId, input.name, opts);
    const vault = await this.writeReserved(p, orgId, vaultId, input, opts);
    if (!this.#s.standalone) this.#s.onSyncStart?.(vaultId);
    await this.settle(p, orgId, vaultId, false);
    return vault;
  }

  /** Step 1 of a create: the organization reserves the name and a tier slot, allocates the id. */
  reserve(p: Principal, orgId: string, name: string, opts: Partial<CallOptions> = {}) {
    return askOrg(this.#d, p, orgId, "vaults.reserve", { name }, opts);
  }

  /** Step 2 of a create: the vault actor writes the reserved record (rolled back on refusal). */
  async writeReserved(
    p: Principal,
    orgId: string,
    vaultId: string,
    input: VaultCreateInput,
    opts: Partial<CallOptions> = {},
  ) {
    const msg = {
      orgId,
      name: input.name,
      description: input.description ?? "",
      standalone: this.#s.standalone,
      ...(this.#s.syncPolicy ? { sync: this.#s.syncPolicy } : {}),
    };
    try {
      return await askVault(this.#d, p, vaultId, "create", msg, opts);
    } catch (e) {
      await this.settle(p, orgId, vaultId, true);
      throw e;
    }
  }

  /** Step 3: the organization's entry agrees with the vault record. Best effort (reminder). */
  async settle(p: Principal, orgId: string, vaultId: string, rollback: boolean): Promise<void> {
    try {
      await askOrg(this.#d, p, orgId, "vaults.settle", { vaultId, rollback });
    } catch (e) {
      this.#d.log.warn("vault settle failed; the reminder will settle it", {
        orgId,
        vaultId,
        error: e instanceof Error ? e.message : String(e),
      });
    }
  }

  /**
   * GET …/vaults: a page of the organization's live vaults (committed reads of the organization's
   * list of vault copies, one per live vault, ascending id; after a membership check by its
   * actor). The total is the list's counter (`VaultKeys.orgCount`, kept in the same commits as
   * the copies), so only the page is read, up to its end; an organization whose counter is not
   * yet trusted (data from before it existed) has its copies counted once, here, and the counter
   * set in the same transaction (its range read conflicts with any create or delete meanwhile).
   */
  async list(
    p: Principal,
    orgId: string,
    page: PageRequest,
  ): Promise<{ vaults: VaultView[]; total: number }> {
    await askOrg(this.#d, p, orgId, "check", { action: "organization:read" });
    return this.#d.kv.transact(
      async (tx) => {
        const [begin, end] = VaultKeys.orgIndexRange(orgId);
        let rows: KeyValue[];
        let total: number;
        if (await tx.snapshot.get(VaultKeys.orgCountReady(orgId))) {
          total = Number(decodeI64LE(await tx.snapshot.get(VaultKeys.orgCount(orgId))));
          rows = await tx.snapshot.getRange(begin, end, { limit: page.offset + page.limit });
        } else {
          rows = await tx.getRange(begin, end);
          total = rows.length;
          tx.set(VaultKeys.orgCount(orgId), encodeI64LE(total));
          tx.set(VaultKeys.orgCountReady(orgId), new Uint8Array(0));
        }
        const vaults = rows
          .slice(page.offset, page.offset + page.limit)
          .map((r) => VaultCodec.decode(r.value))
          .filter((v) => v.deleted_at === null && v.org_id === orgId)
          .map(vaultView);
        return { vaults, total };
      },
      { name: "vault.list" },
    );
  }

  get(p: Principal, orgId: string, vaultId: string) {
    return askVault(this.#d, p, vaultId, "get", { orgId });
  }

  /** PATCH …/vaults/{vault}: a new name is reserved by the organization first. */
  async update(
    p: Principal,
    orgId: string,
    vaultId: string,
    input: VaultUpdateInput,
    opts: CallOptions,
  ) {
    const name = input.name ?? null;
    const description = input.description ?? null;
    if (name === null)
      return askVault(this.#d, p, vaultId, "update", { orgId, name, description }, opts);
    // The role first: a caller who may not rename learns nothing about names and holds nothing.
    await askVault(this.#d, p, vaultId, "authorize", {
      orgId,
      action: "vault:update",
      write: true,
    });
    const { pending } = await askOrg(this.#d, p, orgId, "vaults.rename", { vaultId, name });
    try {
      const reply = await askVault(
        this.#d,
        p,
        vaultId,
        "update",
        { orgId, name, description },
        opts,
      );
      if (pending) await this.settle(p, orgId, vaultId, false);
      return reply;
    } catch (e) {
      if (pending) await this.settle(p, orgId, vaultId, true);
      throw e;
    }
  }

  /** DELETE …/vaults/{vault}: the tombstone, then the organization releases the name and slot. */
  async delete(p: Principal, orgId: string, vaultId: string, opts: CallOptions): Promise<void> {
    await askVault(this.#d, p, vaultId, "delete", { orgId }, opts);
    if (!this.#s.standalone) this.#s.onSyncWork?.(vaultId);
    await this.settle(p, orgId, vaultId, false);
  }

  createGrant(
    p: Principal,
    orgId: string,
    vaultId: string,
    kind: GrantKind,
    input: { subjectId: string; role: GrantUpdateInput["role"] },
    opts: CallOptions,
  ) {
    return askVault(
      this.#d,
      p,
      vaultId,
      "grants.create",
      { orgId, kind, subjectId: input.subjectId, role: input.role },
      opts,
    );
  }

  listGrants(p: Principal, orgId: string, vaultId: string, kind: GrantKind, page: PageRequest) {
    return askVault(this.#d, p, vaultId, "grants.list", { orgId, kind, page });
  }

  getGrant(p: Principal, orgId: string, vaultId: string, kind: GrantKind, grantId: string) {
    return askVault(this.#d, p, vaultId, "grants.get", { orgId, kind, grantId });
  }

  updateGrant(
    p: Principal,
    orgId: string,
    vaultId: string,
    kind: GrantKind,
    grantId: string,
    input: GrantUpdateInput,
    opts: CallOptions,
  ) {
    return askVault(
      this.#d,
      p,
      vaultId,
      "grants.update",
      { orgId, kind, grantId, role: input.role },
      opts,
    );
  }

  async deleteGrant(
    p: Principal,
    orgId: string,
    vaultId: string,
    kind: GrantKind,
    grantId: string,
    opts: CallOptions,
  ): Promise<void> {
    await askVault(this.#d, p, vaultId, "grants.delete", { orgId, kind, grantId }, opts);
  }
}
