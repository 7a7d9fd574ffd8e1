/**
 * The vault actor's operations, pure: each takes the vault's state, the caller facts read for the
 * turn (./caller.ts), its input and the turn environment, and returns the new state and its reply;
 * writes and audit drafts go to the turn output. Order of checks: organization live and caller a
 * member (else 404 ORG_NOT_FOUND), vault live in this organization (else 404 VAULT_NOT_FOUND),
 * `canVault()` (else 403 VAULT_FORBIDDEN), suspension for writes (403 ORG_SUSPENDED), then input.
 */
import {
  canVault,
  effectiveVaultRole,
  type VaultAction,
  type VaultPrincipal,
} from "../authz/vault-can.ts";
import { invalidationWrites } from "../invalidations/records.ts";
import { OrgErrors } from "../organizations/errors.ts";
import { withEntry } from "../organizations/state.ts";
import {
  type PageRequest,
  paginate,
  type TurnEnv,
  type TurnOutput,
} from "../organizations/turn.ts";
import { TokenErrors } from "../tokens/errors.ts";
import type { CallerFacts } from "./caller.ts";
import { VaultErrors } from "./errors.ts";
import type { VaultState } from "./state.ts";
import type {
  GrantKind,
  OrgVaultEntry,
  SyncStatus,
  Vault,
  VaultGrant,
  VaultRole,
} from "./types.ts";
import { vaultRoleRank } from "./types.ts";
import { assertVaultName, nameKey } from "./validation.ts";
import { type GrantView, grantView, type VaultView, vaultView } from "./views.ts";
import {
  clearGrantsWrites,
  deleteGrantWrites,
  liveVaultCountWrites,
  putGrantWrites,
  putVaultWrites,
} from "./writes.ts";

export interface OpResult<R> {
  state: VaultState;
  reply: R;
}

/** The direct grant and team grants that make the caller's effective role. */
export function principalOf(state: VaultState, facts: CallerFacts, userId: string): VaultPrincipal {
  const member = facts.member!;
  let direct: VaultRole | null = null;
  const teamRoles: VaultRole[] = [];
  for (const g of state.grants.values()) {
    if (g.kind === "user" && g.subject_id === userId) direct = g.role;
    if (g.kind === "team" && facts.teams.has(g.subject_id)) teamRoles.push(g.role);
  }
  return {
    userId,
    orgRole: member.role,
    vaultRole: effectiveVaultRole(member.role, direct, teamRoles),
    permissions: facts.permissions,
  };
}

/** Team ids holding a grant on the vault (the caller facts look up membership of these). */
export function grantTeams(state: VaultState): string[] {
  return [...state.grants.values()].filter((g) => g.kind === "team").map((g) => g.subject_id);
}

interface Guarded {
  vault: Vault;
  principal: VaultPrincipal;
}

function orgGuard(facts: CallerFacts, orgId: string) {
  if (!facts.org || facts.org.id !== orgId || facts.org.deleted_at !== null || !facts.member) {
    throw OrgErrors.ORG_NOT_FOUND();
  }
  return facts.org;
}

export function guard(
  state: VaultState,
  facts: CallerFacts,
  orgId: string,
  env: TurnEnv,
  action: VaultAction,
  opts: { write?: boolean; roles?: readonly VaultRole[] } = {},
): Guarded {
  const org = orgGuard(facts, orgId);
  const vault = state.vault;
  if (!vault || vault.org_id !== orgId || vault.deleted_at !== null) {
    throw VaultErrors.VAULT_NOT_FOUND();
  }
  const principal = principalOf(state, facts, env.userId);
  if (!canVault(principal, action, opts.roles ? { roles: opts.roles } : {})) {
    throw VaultErrors.VAULT_FORBIDDEN();
  }
  if (opts.write && org.suspended_at !== null) throw OrgErrors.ORG_SUSPENDED();
  return { vault, principal };
}

function audit(
  out: TurnOutput,
  type: string,
  resource: string,
  id: string,
  data: Record<string, string | null>,
) {
  out.event({ event_type: type, resource_type: resource, resource_id: id, data });
}

export interface CreateVaultInput {
  orgId: string;
  vaultId: string;
  name: string;
  description: string;
  /** No engine configured: the vault is SYNCED at once (A13 standalone mode). */
  standalone: boolean;
  /** The organization's entry for this vault, read with `ctx.read` (re-validated at commit). */
  entry: OrgVaultEntry | undefined;
}

/**
 * Writes the vault record reserved by the organization (./entries.ts `reserveVault`) and the
 * creator's direct ADMIN grant. Refused unless the organization's reservation for this id, name
 * and caller is there: a reservation rolled back (timed out, or the create gave up) can never get
 * a record afterwards. Idempotent: a retry on an existing vault answers it.
 */
export function createVault(
  state: VaultState,
  facts: CallerFacts,
  input: CreateVaultInput,
  env: TurnEnv,
  out: TurnOutput,
): OpResult<{ vault: VaultView }> {
  orgGuard(facts, input.orgId);
  if (state.vault) {
    if (state.vault.org_id !== input.orgId || state.vault.deleted_at !== null) {
      throw VaultErrors.VAULT_NOT_FOUND();
    }
    return { state, reply: { vault: vaultView(state.vault) } };
  }
  const e = input.entry;
  if (!e || e.created_by_user_id !== env.userId || e.name !== input.name) {
    throw VaultErrors.VAULT_CHANGE_INTERRUPTED();
  }
  const sync: SyncStatus = input.standalone ? "SYNCED" : "PENDING";
  const vault: Vault = {
    id: input.vaultId,
    org_id: input.orgId,
    name: input.name,
    description: input.description,
    sync_status: sync,
    sync_error: null,
    created_by_user_id: env.userId,
    created_at: env.now,
    updated_at: env.now,
    deleted_at: null,
  };
  const grant: VaultGrant = {
    id: env.newId(),
    vault_id: vault.id,
    kind: "user",
    subject_id: env.userId,
    role: "ADMIN",
    granted_at: env.now,
    granted_by_user_id: env.userId,
    updated_at: env.now,
  };
  out.write(putVaultWrites(vault));
  out.write(liveVaultCountWrites(vault.org_id, 1));
  out.write(putGrantWrites(grant));
  audit(out, "vault_created", "vault", vault.id, { name: vault.name, sync_status: sync });
  audit(out, "vault_user_grant_created", "vault_grant", grant.id, {
    vault_id: vault.id,
    user_id: env.userId,
    role: "ADMIN",
  });
  return {
    state: { vault, grants: new Map([[grant.id, grant]]) },
    reply: { vault: vaultView(vault) },
  };
}

export function getVault(
  state: VaultState,
  facts: CallerFacts,
  orgId: string,
  env: TurnEnv,
): OpResult<{ vault: VaultView }> {
  const { vault } = guard(state, facts, orgId, env, "vault:read");
  return { state, reply: { vault: vaultView(vault) } };
}

export interface UpdateVaultInput {
  orgId: string;
  name: string | null;
  description: string | null;
  entry: OrgVaultEntry | undefined;
}

/**
 * Renames and/or re-describes the vault. A new name must be the organization's pending rename of
 * this vault (./entries.ts `beginRename`), read with `ctx.read`; a case-only or identical name
 * needs none.
 */
/**
 * Checks that the caller may do `action` on the vault (and, for a write, that the organization is
 * not suspended), changing nothing: a use case that reserves something elsewhere first (a rename's
 * name) asks this before, so a caller without the role learns nothing about names and holds
 * nothing (the turn that writes checks again).
 */
export function authorizeVault(
  state: VaultState,
  facts: CallerFacts,
  input: { orgId: string; action: VaultAction; write: boolean },
  env: TurnEnv,
): OpResult<{ allowed: true }> {
  guard(state, facts, input.orgId, env, input.action, { write: input.write });
  return { state, reply: { allowed: true } };
}

export function updateVault(
  state: VaultState,
  facts: CallerFacts,
  input: UpdateVaultInput,
  env: TurnEnv,
  out: TurnOutput,
): OpResult<{ vault: VaultView }> {
  const { vault } = guard(state, facts, input.orgId, env, "vault:update", { write: true });
  const name = input.name ?? vault.name;
  if (input.name !== null) assertVaultName(input.name);
  if (nameKey(name) !== nameKey(vault.name)) {
    if (input.entry?.pending_name !== name) throw VaultErrors.VAULT_CHANGE_INTERRUPTED();
  }
  const next: Vault = {
    ...vault,
    name,
    description: input.description ?? vault.description,
    updated_at: env.now,
  };
  out.write(putVaultWrites(next));
  // The engine drops what it cached of the vault (docs/engine-invalidation.md).
  out.write(invalidationWrites([{ kind: "vault", vaultId: vault.id }], env));
  audit(out, "vault_updated", "vault", vault.id, { name: next.name });
  return { state: { ...state, vault: next }, reply: { vault: vaultView(next) } };
}

/**
 * Deletes the vault (A9): the record becomes a tombstone (the id answers 404 for ever, no token
 * can be issued for it), every grant goes. Engine deletion and refresh-token revocation come with
 * the sync and token features (docs/vaults.md).
 */
export function deleteVault(
  state: VaultState,
  facts: CallerFacts,
  orgId: string,
  env: TurnEnv,
  out: TurnOutput,
): OpResult<null> {
  const { vault } = guard(state, facts, orgId, env, "vault:delete", { write: true });
  const tomb: Vault = { ...vault, deleted_at: env.now, updated_at: env.now };
  out.write(putVaultWrites(tomb));
  if (vault.deleted_at === null) out.write(liveVaultCountWrites(vault.org_id, -1));
  out.write(clearGrantsWrites(vault.id));
  out.write(invalidationWrites([{ kind: "vault", vaultId: vault.id }], env));
  audit(out, "vault_deleted", "vault", vault.id, { name: vault.name });
  return { state: { vault: tomb, grants: new Map() }, reply: null };
}

/**
 * The sync driver's report (src/domain/vaults/sync-machine.ts, built separately): the engine
 * status of the vault. System principal only (the handler checks). FAILED writes
 * `vault_sync_failed`.
 */
export function reportSync(
  state: VaultState,
  input: { status: SyncStatus; error: string | null },
  env: TurnEnv,
  out: TurnOutput,
): OpResult<{ vault: VaultView } | null> {
  const vault = state.vault;
  if (!vault || vault.deleted_at !== null) return { state, reply: null };
  const next: Vault = {
    ...vault,
    sync_status: input.status,
    sync_error: input.status === "FAILED" ? (input.error ?? "sync failed") : null,
    updated_at: env.now,
  };
  out.write(putVaultWrites(next));
  if (input.status === "FAILED") {
    audit(out, "vault_sync_failed", "vault", vault.id, { error: next.sync_error });
  }
  return { state: { ...state, vault: next }, reply: { vault: vaultView(next) } };
}

// ---------------------------------------------------------------------------------------------
// Grants
// ---------------------------------------------------------------------------------------------

function grantOf(state: VaultState, kind: GrantKind, grantId: string): VaultGrant {
  const g = state.grants.get(grantId);
  if (!g || g.kind !== kind) throw VaultErrors.GRANT_NOT_FOUND();
  return g;
}

export interface CreateGrantInput {
  orgId: string;
  kind: GrantKind;
  subjectId: string;
  role: VaultRole;
  /**
   * The subject is a member (user) / a live team / a live client (`clientExists`) of this
   * organization (read with `ctx.read`).
   */
  subjectValid: boolean;
}

export function createGrant(
  state: VaultState,
  facts: CallerFacts,
  input: CreateGrantInput,
  env: TurnEnv,
  out: TurnOutput,
): OpResult<{ grant: GrantView }> {
  const { vault } = guard(state, facts, input.orgId, env, "grant:create", {
    write: true,
    roles: [input.role],
  });
  if (!input.subjectValid) {
    if (input.kind === "user") throw VaultErrors.GRANT_USER_NOT_MEMBER();
    throw input.kind === "team"
      ? VaultErrors.GRANT_TEAM_NOT_FOUND()
      : VaultErrors.GRANT_CLIENT_NOT_FOUND();
  }
  for (const g of state.grants.values()) {
    if (g.kind === input.kind && g.subject_id === input.subjectId) {
      if (input.kind === "user") throw VaultErrors.USER_GRANT_EXISTS();
      throw input.kind === "team"
        ? VaultErrors.TEAM_GRANT_EXISTS()
        : VaultErrors.CLIENT_GRANT_EXISTS();
    }
  }
  const grant: VaultGrant = {
    id: env.newId(),
    vault_id: vault.id,
    kind: input.kind,
    subject_id: input.subjectId,
    role: input.role,
    granted_at: env.now,
    granted_by_user_id: env.userId,
    updated_at: env.now,
  };
  out.write(putGrantWrites(grant));
  audit(out, `vault_${input.kind}_grant_created`, "vault_grant", grant.id, {
    vault_id: vault.id,
    [`${input.kind}_id`]: input.subjectId,
    role: input.role,
  });
  return {
    state: { ...state, grants: withEntry(state.grants, grant.id, grant) },
    reply: { grant: grantView(grant) },
  };
}

export function listGrants(
  state: VaultState,
  facts: CallerFacts,
  input: { orgId: string; kind: GrantKind; page: PageRequest },
  env: TurnEnv,
): OpResult<{ grants: GrantView[]; total: number }> {
  guard(state, facts, input.orgId, env, "grant:read");
  const all = [...state.grants.values()]
    .filter((g) => g.kind === input.kind)
    .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  const { items, total } = paginate(all, input.page);
  return { state, reply: { grants: items.map(grantView), total } };
}

export function getGrant(
  state: VaultState,
  facts: CallerFacts,
  input: { orgId: string; kind: GrantKind; grantId: string },
  env: TurnEnv,
): OpResult<{ grant: GrantView }> {
  guard(state, facts, input.orgId, env, "grant:read");
  return { state, reply: { grant: grantView(grantOf(state, input.kind, input.grantId)) } };
}

export function updateGrant(
  state: VaultState,
  facts: CallerFacts,
  input: { orgId: string; kind: GrantKind; grantId: string; role: VaultRole },
  env: TurnEnv,
  out: TurnOutput,
): OpResult<{ grant: GrantView }> {
  guard(state, facts, input.orgId, env, "grant:read");
  const g = grantOf(state, input.kind, input.grantId);
  guard(state, facts, input.orgId, env, "grant:update", {
    write: true,
    roles: [g.role, input.role],
  });
  const next: VaultGrant = { ...g, role: input.role, updated_at: env.now };
  out.write(putGrantWrites(next));
  audit(out, `vault_${input.kind}_grant_updated`, "vault_grant", g.id, {
    vault_id: g.vault_id,
    old_role: g.role,
    role: input.role,
  });
  return {
    state: { ...state, grants: withEntry(state.grants, g.id, next) },
    reply: { grant: grantView(next) },
  };
}

export function deleteGrant(
  state: VaultState,
  facts: CallerFacts,
  input: { orgId: string; kind: GrantKind; grantId: string },
  env: TurnEnv,
  out: TurnOutput,
): OpResult<null> {
  guard(state, facts, input.orgId, env, "grant:read");
  const g = grantOf(state, input.kind, input.grantId);
  guard(state, facts, input.orgId, env, "grant:delete", { write: true, roles: [g.role] });
  out.write(deleteGrantWrites(g));
  audit(out, `vault_${input.kind}_grant_deleted`, "vault_grant", g.id, {
    vault_id: g.vault_id,
    [`${input.kind}_id`]: g.subject_id,
    role: g.role,
  });
  return { state: { ...state, grants: withEntry(state.grants, g.id, undefined) }, reply: null };
}

// ---------------------------------------------------------------------------------------------
// Cascades (A9, src/domain/organizations/cascades.ts): system principal only, idempotent
// ---------------------------------------------------------------------------------------------

/** The vault of `orgId` a cascade may touch, or null (never created, other organization). */
function cascadeTarget(state: VaultState, orgId: string): Vault | null {
  const v = state.vault;
  return v && v.org_id === orgId ? v : null;
}

function dropGrants(
  state: VaultState,
  drop: readonly VaultGrant[],
  reason: string,
  out: TurnOutput,
): OpResult<{ removed: number }> {
  if (drop.length === 0) return { state, reply: { removed: 0 } };
  const grants = new Map(state.grants);
  for (const g of drop) {
    grants.delete(g.id);
    out.write(deleteGrantWrites(g));
    audit(out, `vault_${g.kind}_grant_deleted`, "vault_grant", g.id, {
      vault_id: g.vault_id,
      [`${g.kind}_id`]: g.subject_id,
      role: g.role,
      reason,
    });
  }
  return { state: { ...state, grants }, reply: { removed: drop.length } };
}

/**
 * A member was removed (or left, or deleted their account) at `before`: their user grants go.
 * `isMember` (read with `ctx.read`): when they have rejoined since, only the grants given up to
 * the removal go, so a grant of the new membership stays.
 */
export function purgeUserGrants(
  state: VaultState,
  input: { orgId: string; userId: string; before: number; isMember: boolean },
  out: TurnOutput,
): OpResult<{ removed: number }> {
  if (!cascadeTarget(state, input.orgId)) return { state, reply: { removed: 0 } };
  const drop = [...state.grants.values()].filter(
    (g) =>
      g.kind === "user" &&
      g.subject_id === input.userId &&
      (!input.isMember || g.granted_at <= input.before),
  );
  return dropGrants(state, drop, "member_removed", out);
}

/** A team was deleted: its grants go (team ids are never reused). */
export function purgeTeamGrants(
  state: VaultState,
  input: { orgId: string; teamId: string },
  out: TurnOutput,
): OpResult<{ removed: number }> {
  if (!cascadeTarget(state, input.orgId)) return { state, reply: { removed: 0 } };
  const drop = [...state.grants.values()].filter(
    (g) => g.kind === "team" && g.subject_id === input.teamId,
  );
  return dropGrants(state, drop, "team_deleted", out);
}

/** A client was deleted (docs/clients.md): its grants go (client ids are never reused). */
export function purgeClientGrants(
  state: VaultState,
  input: { orgId: string; clientId: string },
  out: TurnOutput,
): OpResult<{ removed: number }> {
  if (!cascadeTarget(state, input.orgId)) return { state, reply: { removed: 0 } };
  const drop = [...state.grants.values()].filter(
    (g) => g.kind === "client" && g.subject_id === input.clientId,
  );
  return dropGrants(state, drop, "client_deleted", out);
}

/**
 * The organization was deleted (`orgDeleted`, read with `ctx.read`; refused otherwise): the vault
 * becomes a tombstone like a vault delete, its grants go.
 */
export function purgeOrgVault(
  state: VaultState,
  input: { orgId: string; orgDeleted: boolean },
  env: TurnEnv,
  out: TurnOutput,
): OpResult<{ removed: number }> {
  const vault = cascadeTarget(state, input.orgId);
  if (!vault || !input.orgDeleted) return { state, reply: { removed: 0 } };
  if (vault.deleted_at !== null && state.grants.size === 0) return { state, reply: { removed: 0 } };
  const tomb: Vault =
    vault.deleted_at === null ? { ...vault, deleted_at: env.now, updated_at: env.now } : vault;
  out.write(putVaultWrites(tomb));
  if (vault.deleted_at === null) out.write(liveVaultCountWrites(vault.org_id, -1));
  out.write(clearGrantsWrites(vault.id));
  if (vault.deleted_at === null) {
    out.write(invalidationWrites([{ kind: "vault", vaultId: vault.id }], env));
    audit(out, "vault_deleted", "vault", vault.id, {
      name: vault.name,
      reason: "organization_deleted",
    });
  }
  return { state: { ...state, vault: tomb, grants: new Map() }, reply: { removed: 1 } };
}

export interface AuthorizeTokenInput {
  orgId: string;
  /** The requested role (A10), at most the caller's effective role. */
  role: VaultRole;
  /** The signing key the service picked; null when the organization has none. */
  kid: string | null;
  /** Is `kid` still in the organization's JWKS index (read with `ctx.read`, re-validated)? */
  keyPublished: boolean;
  jti: string;
  expiresAt: number;
}

/**
 * Authorizes a user's vault token (issue 11 item 4, docs/tokens.md) against committed data and
 * writes its `vault_token_issued` audit event in the same commit: organization live and the caller
 * a member (404 ORG_NOT_FOUND), vault live (404 VAULT_NOT_FOUND), not suspended (403
 * ORG_SUSPENDED), a grant (403 VAULT_NO_GRANT), the requested role at most the effective role
 * (400 TOKEN_ROLE_EXCEEDS, as api.md §6.15), the signing key still published (409 NO_SIGNING_KEY). Replies with
 * the effective role; the service signs after the commit.
 */
export function authorizeToken(
  state: VaultState,
  facts: CallerFacts,
  input: AuthorizeTokenInput,
  env: TurnEnv,
  out: TurnOutput,
): OpResult<{ effectiveRole: VaultRole }> {
  const { vault, principal } = guard(state, facts, input.orgId, env, "vault:read", {
    write: true,
  });
  const effective = principal.vaultRole;
  if (effective === null) throw TokenErrors.VAULT_NO_GRANT();
  if (vaultRoleRank(input.role) > vaultRoleRank(effective)) {
    throw TokenErrors.TOKEN_ROLE_EXCEEDS(
      `The requested role exceeds your role on this vault (${effective})`,
    );
  }
  if (input.kid === null || !input.keyPublished) throw TokenErrors.NO_SIGNING_KEY();
  audit(out, "vault_token_issued", "vault", vault.id, {
    subject: `user:${env.userId}`,
    role: input.role,
    kid: input.kid,
    jti: input.jti,
    expires_at: new Date(input.expiresAt).toISOString(),
  });
  return { state, reply: { effectiveRole: effective } };
}
