/**
 * The vault sync driver (docs/vaults.md, "Engine sync"), main thread only: it makes the engine
 * calls the vault actors decided, after their commit (G6), and reports each outcome back to the
 * actor as `sync.result` (system principal), which steps the vault-sync machine.
 *
 * The actor's turn writes what is to be done in its own commit: the sync index entry
 * ("sq", vault) with the `call` to make, and, when creation gives up, the notice ("sn", vault).
 * `kick(vault)` (after a delete answered, after a reminder turn, after a re-drive; `start(vault)`
 * after a create answered sends `sync.start` first) reads
 * them from the store and acts; the engine is idempotent on the vault id, so a call made twice
 * (two nodes, a retry after an unknown outcome) is harmless, and a result of an older attempt is
 * ignored by the machine. Nothing is lost when this node dies between the commit and the call:
 * the machine's watchdog reminder (durable, delivered on another node) counts the attempt as
 * failed and schedules the next one, and the leader job `vault-sync-redrive` scans the index
 * (bounded batches, cursor), re-drives vaults whose reminder is overdue (`sync.redrive`), makes
 * calls nobody made, and sends the mail of leftover notices.
 *
 * Given-up mail: one transaction reads the notice, writes one outbox mail per owner of the
 * organization (primary address) and removes the notice, so the owners get exactly one mail.
 *
 * Metrics: `vault_sync_attempts_total{op}`, `vault_sync_failures_total{op,code}`,
 * `vault_sync_lag_seconds{op}` (request → done, observed when an operation finishes).
 */

import { Counter, Histogram, Registry } from "prom-client";
import { type VaultProtocol, vaultProtocol } from "../../../actors/vault/protocol.ts";
import type { LeaderJob } from "../../cluster/jobs-types.ts";
import { listUserEmails } from "../../domain/emails/records.ts";
import { MemberCodec, OrganizationCodec } from "../../domain/organizations/codecs.ts";
import { OrgKeys } from "../../domain/organizations/keys.ts";
import { idItem } from "../../domain/users/keys.ts";
import { getUser } from "../../domain/users/records.ts";
import { VaultKeys } from "../../domain/vaults/keys.ts";
import {
  GivenUpNoticeCodec,
  type VaultSyncIndex,
  VaultSyncIndexCodec,
} from "../../domain/vaults/sync-records.ts";
import type { OutboxDelivery } from "../../email/delivery.ts";
import { type MailOutbox, putOutboxWrites } from "../../email/outbox.ts";
import { vaultSyncGivenUpMail } from "../../email/templates.ts";
import type { EngineClient } from "../../engine/types.ts";
import { isEngineError } from "../../engine/types.ts";
import { Roots } from "../../kv/layout.ts";
import type { KvStore } from "../../kv/types.ts";
import type { Clock } from "../../lib/clock.ts";
import type { Logger } from "../../lib/log.ts";
import type { ActorClient } from "../../runtime/client.ts";
import { type ProtocolClient, protocolClient } from "../../runtime/protocol.ts";

export interface VaultSyncDriverOptions {
  kv: KvStore;
  actors: ActorClient;
  engine: EngineClient;
  clock: Clock;
  log: Logger;
  outbox: MailOutbox;
  delivery: OutboxDelivery;
  frontendBaseUrl: string;
  /** The node's metrics registry (a private one otherwise). */
  metrics?: Registry;
  /** Period of the leader job (server_api.sync_redrive_interval_ms). */
  redriveIntervalMs: number;
  /** Index entries per batch of the leader job (default 100). */
  batchSize?: number;
}

export const VAULT_SYNC_REDRIVE_JOB = "vault-sync-redrive";
const MAX_MESSAGE = 2000;

export class VaultSyncDriver {
  readonly #o: VaultSyncDriverOptions;
  readonly #vaults: ProtocolClient<VaultProtocol>;
  readonly #inFlight = new Set<string>();
  readonly #running = new Set<Promise<void>>();
  readonly #m: {
    attempts: Counter<"op">;
    failures: Counter<"op" | "code">;
    lag: Histogram<"op">;
  };
  #closed = false;

  constructor(o: VaultSyncDriverOptions) {
    this.#o = o;
    this.#vaults = protocolClient(o.actors, vaultProtocol);
    const registers = [o.metrics ?? new Registry()];
    this.#m = {
      attempts: new Counter({
        name: "vault_sync_attempts_total",
        help: "Engine calls made for vault sync, by operation",
        labelNames: ["op"] as const,
        registers,
      }),
      failures: new Counter({
        name: "vault_sync_failures_total",
        help: "Engine calls of vault sync that failed, by operation and gRPC status",
        labelNames: ["op", "code"] as const,
        registers,
      }),
      lag: new Histogram({
        name: "vault_sync_lag_seconds",
        help: "From the vault's create / delete to the engine having applied it",
        labelNames: ["op"] as const,
        buckets: [0.05, 0.1, 0.5, 1, 5, 30, 60, 300, 1800, 3600],
        registers,
      }),
    };
  }

  /** Acts on the vault's committed sync work in the background (errors are logged). */
  kick(vaultId: string): void {
    this.#background(vaultId, () => this.drive(vaultId));
  }

  /**
   * Starts the sync of a new vault in the background: `sync.start` (pending → syncing; a no-op
   * once started, e.g. by the create's reminder), then the call it decided.
   */
  start(vaultId: string): void {
    this.#background(vaultId, async () => {
      await this.#vaults.ask(vaultId, "sync.start", {}, { principal: { system: true } });
      await this.drive(vaultId);
    });
  }

  #background(vaultId: string, work: () => Promise<void>): void {
    if (this.#closed) return;
    const p = work()
      .catch((e: unknown) => {
        this.#o.log.warn("vault sync drive failed", { vaultId, err: e });
      })
      .finally(() => this.#running.delete(p));
    this.#running.add(p);
  }

  /** Makes the pending engine call of `vaultId` (if any) and sends a given-up mail (if any). */
  async drive(vaultId: string): Promise<void> {
    for (let i = 0; i < 4 && !this.#closed; i++) {
      const entry = await this.#readIndex(vaultId);
      if (!entry?.call) break;
      const again = await this.#call(entry);
      if (!again) break;
    }
    await this.#mailNotice(vaultId);
  }

  /** Resolves when every drive started so far has finished (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.#running.size > 0) await Promise.allSettled([...this.#running]);
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.idle();
  }

  /** How many vaults have engine work under way (the health section's `pending`). */
  async pending(): Promise<number> {
    const [begin, end] = VaultKeys.syncIndexRange();
    return this.#o.kv.transact(
      async (tx) => (await tx.snapshot.getRange(begin, end, { limit: 10_000 })).length,
      { name: "vault.sync.pending" },
    );
  }

  async #readIndex(vaultId: string): Promise<VaultSyncIndex | undefined> {
    return this.#o.kv.transact(
      async (tx) => {
        const raw = await tx.snapshot.get(VaultKeys.syncIndex(vaultId));
        return raw ? VaultSyncIndexCodec.decode(raw) : undefined;
      },
      { name: "vault.sync.read" },
    );
  }

  /** One engine call and its report; true when the machine asks for another call at once. */
  async #call(entry: VaultSyncIndex): Promise<boolean> {
    const call = entry.call;
    if (!call) return false;
    const key = `${entry.vault_id}/${call.op}/${call.attempt}`;
    if (this.#inFlight.has(key)) return false;
    this.#inFlight.add(key);
    try {
      this.#m.attempts.inc({ op: call.op });
      let outcome: { ok: boolean; code: string; message: string; retryable: boolean };
      try {
        const opts = { deadlineMs: call.deadline_ms };
        if (call.op === "create") {
          await this.#o.engine.createVault(
            { vaultId: entry.vault_id, organizationId: entry.org_id, name: entry.name },
            opts,
          );
        } else {
          await this.#o.engine.deleteVault(entry.vault_id, opts);
        }
        outcome = { ok: true, code: "OK", message: "", retryable: false };
      } catch (e) {
        outcome = isEngineError(e)
          ? { ok: false, code: e.code, message: e.summary, retryable: e.retryable }
          : {
              ok: false,
              code: "INTERNAL",
              message: e instanceof Error ? e.message : String(e),
              retryable: true,
            };
        this.#m.failures.inc({ op: call.op, code: outcome.code });
      }
      const reply = await this.#vaults.ask(
        entry.vault_id,
        "sync.result",
        {
          op: call.op,
          attempt: call.attempt,
          ...outcome,
          code: outcome.code.slice(0, 64),
          message: outcome.message.slice(0, MAX_MESSAGE),
        },
        { principal: { system: true } },
      );
      if (reply.done && reply.lag_ms !== null) {
        this.#m.lag.observe({ op: reply.done }, reply.lag_ms / 1000);
      }
      return reply.call;
    } finally {
      this.#inFlight.delete(key);
    }
  }

  /** The owners' one mail of a vault that gave up (notice → outbox, in one transaction). */
  async #mailNotice(vaultId: string): Promise<void> {
    const { outbox, frontendBaseUrl } = this.#o;
    const ids = await this.#o.kv.transact(
      async (tx) => {
        const raw = await tx.get(VaultKeys.givenUpNotice(vaultId));
        if (!raw) return [];
        const n = GivenUpNoticeCodec.decode(raw);
        tx.clear(VaultKeys.givenUpNotice(vaultId));
        const orgRaw = await tx.get(OrgKeys.org(n.org_id));
        if (!orgRaw) return [];
        const org = OrganizationCodec.decode(orgRaw);
        if (org.deleted_at !== null) return [];
        const [begin, end] = Roots.org.range("o", idItem(n.org_id), "mem");
        const out: string[] = [];
        for (const row of await tx.getRange(begin, end)) {
          const m = MemberCodec.decode(row.value);
          if (m.role !== "OWNER") continue;
          if (!(await getUser(tx, m.user_id))) continue;
          const emails = await listUserEmails(tx, m.user_id);
          const to = emails.find((e) => e.primary) ?? emails.find((e) => e.verified_at !== null);
          if (!to) continue;
          const mail = vaultSyncGivenUpMail({
            organizationName: org.name,
            vaultName: n.name,
            attempts: n.attempts,
            lastError: n.last_error,
            link: `${frontendBaseUrl.replace(/\/+$/, "")}/organizations/${n.org_id}/vaults`,
          });
          const entry = outbox.entry({ ...mail, to: to.email, kind: "vault_sync_given_up" });
          for (const w of putOutboxWrites(entry)) {
            if (w.op === "set") tx.set(w.key, w.value);
          }
          out.push(entry.id);
        }
        return out;
      },
      { name: "vault.sync.mail" },
    );
    if (ids.length > 0) await this.#o.delivery.deliverNow(ids);
  }

  /**
   * The leader job: a bounded batch of the sync index from the stored cursor (read in a fenced
   * transaction), then, outside it, per entry: re-drive an overdue reminder, make a call nobody
   * made within its deadline; and the mail of leftover notices.
   */
  job(): LeaderJob {
    const batch = this.#o.batchSize ?? 100;
    return {
      name: VAULT_SYNC_REDRIVE_JOB,
      intervalMs: this.#o.redriveIntervalMs,
      runBatch: async (ctx) => {
        const { entries, notices, more } = await ctx.kv.transact(
          async (tx) => {
            await ctx.fence(tx);
            const cursor = await ctx.cursor.get(tx);
            const [rb, end] = VaultKeys.syncIndexRange();
            const begin = cursor ? afterKey(VaultKeys.syncIndex(cursor)) : rb;
            const rows = await tx.snapshot.getRange(begin, end, { limit: batch });
            const entries = rows.map((r) => VaultSyncIndexCodec.decode(r.value));
            const more = rows.length === batch;
            ctx.cursor.set(tx, more ? entries[entries.length - 1]?.vault_id : undefined);
            const [nb, ne] = VaultKeys.givenUpNoticeRange();
            const notices = (await tx.snapshot.getRange(nb, ne, { limit: batch })).map(
              (r) => GivenUpNoticeCodec.decode(r.value).vault_id,
            );
            return { entries, notices, more };
          },
          { name: `job.${VAULT_SYNC_REDRIVE_JOB}` },
        );
        const now = ctx.clock.now();
        for (const e of entries) {
          if (ctx.signal.aborted) break;
          try {
            if (e.timer_at !== null && e.timer_at <= now) {
              await this.#vaults.ask(
                e.vault_id,
                "sync.redrive",
                {},
                { principal: { system: true } },
              );
              await this.drive(e.vault_id);
            } else if (e.call && e.call.since + e.call.deadline_ms <= now) {
              await this.drive(e.vault_id);
            }
          } catch (err) {
            ctx.log.warn("vault sync re-drive failed", { vaultId: e.vault_id, err });
          }
        }
        for (const id of notices) {
          if (ctx.signal.aborted) break;
          await this.#mailNotice(id).catch((err: unknown) =>
            ctx.log.warn("vault given-up mail failed", { vaultId: id, err }),
          );
        }
        return { more };
      },
    };
  }
}

function afterKey(key: Uint8Array): Uint8Array {
  const out = new Uint8Array(key.length + 1);
  out.set(key);
  return out;
}
