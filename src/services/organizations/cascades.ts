/**
 * Runs the vault cascades the organization actor records (src/domain/organizations/cascades.ts):
 * one message per vault listed in the record (system principal, idempotent), then the record is
 * cleared. The services run an organization's cascades right after its actor answered
 * (`runOrg`); the leader job `vault-cascades` runs every record older than `CASCADE_GRACE_MS`,
 * which is what completes a cascade interrupted by a crash between the two actors (a re-run is
 * harmless: every purge is idempotent).
 */

import type { LeaderJob } from "../../cluster/jobs-types.ts";
import {
  CASCADE_GRACE_MS,
  type VaultCascade,
  VaultCascadeCodec,
} from "../../domain/organizations/cascades.ts";
import { OrgKeys } from "../../domain/organizations/keys.ts";
import type { KvStore } from "../../kv/types.ts";
import type { Logger } from "../../lib/log.ts";
import type { ActorClient } from "../../runtime/client.ts";
import { vaultActors } from "../vaults/ask.ts";

const SYSTEM = { principal: { system: true } } as const;
/** Records run per batch of the leader job. */
const JOB_BATCH = 20;

export interface CascadeDeps {
  kv: KvStore;
  actors: ActorClient;
  log: Logger;
}

/** Sends the cascade's message to every vault it lists (throws if one of them fails). */
async function visit(deps: CascadeDeps, c: VaultCascade): Promise<void> {
  const vaults = vaultActors(deps.actors);
  for (const vaultId of c.vault_ids) {
    if (c.kind === "user") {
      await vaults.ask(
        vaultId,
        "grants.purgeUser",
        { orgId: c.org_id, userId: c.subject_id, before: c.created_at },
        SYSTEM,
      );
    } else if (c.kind === "team") {
      await vaults.ask(
        vaultId,
        "grants.purgeTeam",
        { orgId: c.org_id, teamId: c.subject_id },
        SYSTEM,
      );
    } else if (c.kind === "client") {
      await vaults.ask(
        vaultId,
        "grants.purgeClient",
        { orgId: c.org_id, clientId: c.subject_id },
        SYSTEM,
      );
    } else if (c.kind === "client_tokens") {
      await vaults.ask(
        vaultId,
        "tokens.revokeClient",
        { orgId: c.org_id, clientId: c.subject_id },
        SYSTEM,
      );
    } else {
      await vaults.ask(vaultId, "vault.purgeOrg", { orgId: c.org_id }, SYSTEM);
    }
  }
}

/** Runs one cascade to its end and clears its record. */
export async function runCascade(deps: CascadeDeps, c: VaultCascade): Promise<void> {
  await visit(deps, c);
  await deps.kv.transact(
    async (tx) => {
      tx.clear(OrgKeys.cascade(c.org_id, c.id));
    },
    { name: "org.cascade.done" },
  );
}

async function readCascades(
  kv: KvStore,
  range: readonly [Uint8Array, Uint8Array],
  limit?: number,
): Promise<VaultCascade[]> {
  return kv.transact(
    async (tx) =>
      (await tx.snapshot.getRange(range[0], range[1], limit ? { limit } : undefined)).map((r) =>
        VaultCascadeCodec.decode(r.value),
      ),
    { name: "org.cascade.list" },
  );
}

/**
 * Runs the pending cascades of `orgId` (after its actor answered a change that records one).
 * Best effort: a failure is logged and left to the leader job.
 */
export async function runOrgCascades(deps: CascadeDeps, orgId: string): Promise<void> {
  try {
    for (const c of await readCascades(deps.kv, OrgKeys.orgCascades(orgId))) {
      await runCascade(deps, c);
    }
  } catch (e) {
    deps.log.warn("vault cascade failed; the vault-cascades job will complete it", {
      orgId,
      error: e instanceof Error ? e.message : String(e),
    });
  }
}

/**
 * Leader job `vault-cascades`: runs every cascade record older than `CASCADE_GRACE_MS` (the
 * service that recorded it crashed or failed), a batch of records at a time.
 */
export function vaultCascadeJob(deps: CascadeDeps, intervalMs = 2_000): LeaderJob {
  return {
    name: "vault-cascades",
    intervalMs,
    async runBatch(ctx) {
      const now = ctx.clock.now();
      const all = await readCascades(ctx.kv, OrgKeys.allCascades(), 500);
      const due = all.filter((c) => c.created_at + CASCADE_GRACE_MS <= now).slice(0, JOB_BATCH);
      for (const c of due) {
        if (ctx.signal.aborted) return { more: false };
        try {
          await runCascade({ ...deps, kv: ctx.kv }, c);
        } catch (e) {
          // One failing record must not hold up the others: it stays for the next round.
          ctx.log.warn("vault cascade failed; retried next round", {
            orgId: c.org_id,
            cascadeId: c.id,
            error: e instanceof Error ? e.message : String(e),
          });
        }
      }
      return { more: due.length === JOB_BATCH };
    },
  };
}
