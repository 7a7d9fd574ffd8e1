/**
 * The organization's side of vaults (the organization actor's turns): the vault entries that make
 * names unique (case-insensitively) and count towards the tier limit (5/50/500, 402).
 *
 * Creating a vault takes two actors, made atomic as seen from outside (docs/vaults.md#creation):
 * 1. `reserveVault` (organization turn): checks `vault:create`, suspension, the limit and the name,
 *    allocates the vault id and writes a `reserved` entry, with a durable reminder due
 *    `RESERVATION_TTL_MS` later;
 * 2. the vault actor's create turn writes the record only if it reads that reservation
 *    (`ctx.read`, re-validated at commit);
 * 3. `settleVault` (organization turn, sent by the service after step 2, or by the reminder)
 *    reads the vault record (`ctx.read`, re-validated at commit) and makes the entry agree: a
 *    record → `live`; a tombstone → entry removed; no record → rolled back when the create gave up
 *    or the reservation expired.
 * Each of steps 2 and 3 reads what the other writes, re-validated in its commit transaction, so
 * whichever commits second sees the first: a rolled-back reservation never gets a record, and a
 * record never loses its entry. A crash anywhere leaves a reservation the reminder settles.
 * Renames use the same scheme with `pending_name`.
 *
 * Names are unique including deleted vaults (§6.11): the settle that removes the entry of a
 * tombstone keeps the vault's name as a retired name ("vn", org, nameKey) in the same commit, and
 * a reserve or rename refuses a retired name (the handler reads that one key: `nameRetired`).
 * Retired names count towards nothing else: the tier limit counts entries.
 */
import type { Mutation } from "../../kv/types.ts";
import { TIER_LIMITS } from "../organizations/limits.ts";
import type { OrgState } from "../organizations/state.ts";
import { withEntry } from "../organizations/state.ts";
import { authorize, requireMember, type TurnEnv, type TurnOutput } from "../organizations/turn.ts";
import { VaultErrors } from "./errors.ts";
import { type OrgVaultEntry, RESERVATION_TTL_MS, type Vault } from "./types.ts";
import { assertVaultName, nameKey } from "./validation.ts";
import { deleteEntryWrites, putEntryWrites, retireNameWrites } from "./writes.ts";

export interface StepResult<R> {
  state: OrgState;
  reply: R;
}

/** What `settleVault` found, per vault id: the record (or undefined when there is none). */
export type RecordFacts = ReadonlyMap<string, Vault | undefined>;

function expired(e: OrgVaultEntry, now: number): boolean {
  return e.since + RESERVATION_TTL_MS <= now;
}

/** The entry made to agree with the vault record; undefined = removed. Pure. */
export function settledEntry(
  e: OrgVaultEntry,
  record: Vault | undefined,
  opts: { rollback: boolean; now: number },
): OrgVaultEntry | undefined {
  if (record && record.deleted_at !== null) return undefined;
  if (!record) {
    if (e.state === "live") return e; // a live entry's record cannot vanish; keep it counted
    return opts.rollback || expired(e, opts.now) ? undefined : e;
  }
  let next: OrgVaultEntry = { ...e, state: "live" };
  if (next.pending_name !== null) {
    if (next.pending_name === record.name)
      next = { ...next, name: record.name, pending_name: null };
    else if (opts.rollback || expired(e, opts.now)) next = { ...next, pending_name: null };
  }
  if (next.pending_name === null && next.name !== record.name)
    next = { ...next, name: record.name };
  return next;
}

interface Settled {
  state: OrgState;
  /** Name keys retired by this settle (entries of deleted vaults removed). */
  retired: ReadonlySet<string>;
}

function applySettle(
  state: OrgState,
  orgId: string,
  records: RecordFacts,
  opts: { rollback: boolean; now: number },
  out: TurnOutput,
): Settled {
  let vaults = state.vaults;
  const retired = new Set<string>();
  for (const [id, record] of records) {
    const e = vaults.get(id);
    if (!e) continue;
    const next = settledEntry(e, record, opts);
    if (next === e) continue;
    if (next && JSON.stringify(next) === JSON.stringify(e)) continue;
    const writes: Mutation[] = next ? putEntryWrites(orgId, next) : deleteEntryWrites(orgId, id);
    if (!next && record && record.deleted_at !== null) {
      // A deleted vault's name stays taken (§6.11), in the same commit that frees its slot.
      writes.push(
        ...retireNameWrites(orgId, {
          name: record.name,
          vault_id: id,
          deleted_at: record.deleted_at,
        }),
      );
      retired.add(nameKey(record.name));
    }
    out.write(writes);
    vaults = withEntry(vaults, id, next);
  }
  return { state: vaults === state.vaults ? state : { ...state, vaults }, retired };
}

function nameTaken(name: string): never {
  throw VaultErrors.VAULT_NAME_TAKEN(`A vault named '${name}' already exists in this organization`);
}

function takenBy(state: OrgState, name: string, except?: string): OrgVaultEntry | undefined {
  const key = nameKey(name);
  for (const e of state.vaults.values()) {
    if (e.id === except) continue;
    if (nameKey(e.name) === key || (e.pending_name !== null && nameKey(e.pending_name) === key)) {
      return e;
    }
  }
  return undefined;
}

/**
 * Entries whose record the reserve/rename turn should read before refusing, so a crash that left
 * a stale entry (expired reservation, deleted vault not yet released) does not block: the one
 * holding `name`, and every entry when the tier limit is reached.
 */
export function entriesToCheck(state: OrgState, name: string): string[] {
  const ids = new Set<string>();
  const taken = takenBy(state, name);
  if (taken) ids.add(taken.id);
  const limit = state.org ? TIER_LIMITS[state.org.tier].vaults : 0;
  if (state.vaults.size >= limit) for (const id of state.vaults.keys()) ids.add(id);
  return [...ids];
}

/** What a reserve or rename turn read: the records of `entriesToCheck`, the retired name. */
export interface NameFacts {
  records: RecordFacts;
  /** `name` is the retired name of a deleted vault ("vn", org, nameKey(name)). */
  nameRetired: boolean;
}

export function reserveVault(
  state: OrgState,
  input: { vaultId: string; name: string } & NameFacts,
  env: TurnEnv,
  out: TurnOutput,
): StepResult<{ vault_id: string }> {
  const { org } = authorize(state, env, "vault:create", undefined, { write: true });
  const settled = applySettle(state, org.id, input.records, { rollback: false, now: env.now }, out);
  const healed = settled.state;
  if (healed.vaults.size >= TIER_LIMITS[org.tier].vaults) {
    throw VaultErrors.VAULT_LIMIT(
      `Vault limit reached for tier ${org.tier}. Maximum: ${TIER_LIMITS[org.tier].vaults}`,
    );
  }
  assertVaultName(input.name);
  if (
    takenBy(healed, input.name) ||
    input.nameRetired ||
    settled.retired.has(nameKey(input.name))
  ) {
    nameTaken(input.name);
  }
  const entry: OrgVaultEntry = {
    id: input.vaultId,
    name: input.name,
    state: "reserved",
    pending_name: null,
    created_by_user_id: env.userId,
    since: env.now,
  };
  out.write(putEntryWrites(org.id, entry));
  return {
    state: { ...healed, vaults: withEntry(healed.vaults, entry.id, entry) },
    reply: { vault_id: entry.id },
  };
}

/**
 * Reserves a new name for vault `vaultId` (`pending_name`). Membership only: the vault role is
 * the vault actor's to check, and a refused rename is rolled back at once by the service.
 */
export function beginRename(
  state: OrgState,
  input: { vaultId: string; name: string } & NameFacts,
  env: TurnEnv,
  out: TurnOutput,
): StepResult<{ pending: boolean }> {
  const { org } = requireMember(state, env, { write: true });
  const settled = applySettle(state, org.id, input.records, { rollback: false, now: env.now }, out);
  const healed = settled.state;
  const e = healed.vaults.get(input.vaultId);
  if (e?.state !== "live") throw VaultErrors.VAULT_NOT_FOUND();
  assertVaultName(input.name);
  if (nameKey(e.name) === nameKey(input.name)) return { state: healed, reply: { pending: false } };
  if (
    takenBy(healed, input.name, e.id) ||
    input.nameRetired ||
    settled.retired.has(nameKey(input.name))
  ) {
    nameTaken(input.name);
  }
  if (e.pending_name !== null && !expired(e, env.now)) throw VaultErrors.VAULT_CHANGE_INTERRUPTED();
  const next: OrgVaultEntry = { ...e, pending_name: input.name, since: env.now };
  out.write(putEntryWrites(org.id, next));
  return {
    state: { ...healed, vaults: withEntry(healed.vaults, e.id, next) },
    reply: { pending: true },
  };
}

/** Makes the entry of `vaultId` agree with its record (see the module comment). */
export function settleVault(
  state: OrgState,
  input: { vaultId: string; record: Vault | undefined; rollback: boolean },
  env: TurnEnv,
  out: TurnOutput,
): StepResult<{ entry: "absent" | "reserved" | "live" }> {
  if (!state.org) return { state, reply: { entry: "absent" } };
  const next = applySettle(
    state,
    state.org.id,
    new Map([[input.vaultId, input.record]]),
    { rollback: input.rollback, now: env.now },
    out,
  ).state;
  const e = next.vaults.get(input.vaultId);
  return { state: next, reply: { entry: e ? e.state : "absent" } };
}

/** Entries that still wait for a settle (a reservation or a pending rename). */
export function unsettled(state: OrgState): OrgVaultEntry[] {
  return [...state.vaults.values()].filter(
    (e) => e.state === "reserved" || e.pending_name !== null,
  );
}

export function settleReminderName(vaultId: string): string {
  return `vault-settle:${vaultId}`;
}
