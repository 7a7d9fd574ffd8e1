/**
 * The vault turn's token operations (issue 11 items 5 and 6, docs/tokens.md), pure: the handler
 * (actors/vault/handlers.ts) reads the records they need with `ctx.read` (re-validated at
 * commit) and hands them in; writes and audit drafts go to the turn output.
 *
 * - `startFamily`: the refresh family born with a user's or a client's vault token.
 * - `authorizeClientToken`: a client's token from a verified assertion (`POST /v1/token`).
 * - `refreshFamily`: one rotation, with reuse detection and every re-check of A10.
 * - `revokeVaultFamilies`: `POST /v1/tokens/revoke/vault/{vault}` (vault ADMIN).
 * - `revokeFamiliesWrites`: the A9 revocations (member removed, client deactivated or deleted,
 *   vault or organization deleted).
 */
import { timingSafeEqual } from "node:crypto";
import type { Certificate, Client } from "../clients/types.ts";
import { OrgErrors } from "../organizations/errors.ts";
import type { TurnEnv, TurnOutput } from "../organizations/turn.ts";
import { isSessionActive, type SessionRecord } from "../sessions/records.ts";
import type { CallerFacts } from "../vaults/caller.ts";
import { VaultErrors } from "../vaults/errors.ts";
import { guard, type OpResult, principalOf } from "../vaults/ops.ts";
import type { VaultState } from "../vaults/state.ts";
import { highestRole, type VaultRole, vaultRoleRank } from "../vaults/types.ts";
import { TokenErrors } from "./errors.ts";
import {
  familyOf,
  putFamilyWrites,
  putJtiWrites,
  putTokenWrites,
  type RefreshBinding,
  type RefreshFamily,
  type RefreshTokenRecord,
  revokeFamilyWrites,
} from "./families.ts";
import { type TokenRole, tokenRoleOf, vaultRoleOf } from "./scopes.ts";

/** A refresh token the service prepared (its secret never reaches the actor, only its hash). */
export interface NewRefresh {
  familyId: string;
  tokenId: string;
  secretHash: string;
  /** Lifetime of each refresh token of the family (s). */
  ttlS: number;
  /** Access TTL (s) later refreshes default to. */
  accessTtlS: number;
}

function equalHash(a: string, b: string): boolean {
  const x = Buffer.from(a, "base64url");
  const y = Buffer.from(b, "base64url");
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

/** The writes of a new family and its first token. */
export function startFamily(
  input: {
    orgId: string;
    vaultId: string;
    subject: string;
    binding: RefreshBinding;
    role: TokenRole;
    refresh: NewRefresh;
  },
  now: number,
  out: TurnOutput,
): { expiresAt: number } {
  const { refresh } = input;
  const expiresAt = now + refresh.ttlS * 1000;
  const family: RefreshFamily = {
    id: refresh.familyId,
    org_id: input.orgId,
    vault_id: input.vaultId,
    subject: input.subject,
    binding: input.binding,
    role: input.role,
    refresh_ttl_ms: refresh.ttlS * 1000,
    access_ttl_s: refresh.accessTtlS,
    created_at: now,
    current_token_id: refresh.tokenId,
    expires_at: expiresAt,
    rotations: 0,
    revoked_at: null,
    revoked_reason: null,
  };
  out.write(putFamilyWrites(family));
  out.write(
    putTokenWrites({
      id: refresh.tokenId,
      family_id: family.id,
      vault_id: input.vaultId,
      org_id: input.orgId,
      secret_hash: refresh.secretHash,
      created_at: now,
      expires_at: expiresAt,
      used_at: null,
    }),
  );
  return { expiresAt };
}

/** A client's effective role on the vault: its client grant (clients hold no other grants). */
export function clientVaultRole(state: VaultState, clientId: string): VaultRole | null {
  return highestRole(
    [...state.grants.values()]
      .filter((g) => g.kind === "client" && g.subject_id === clientId)
      .map((g) => g.role),
  );
}

/** The vault is live in `orgId` (else 404 VAULT_NOT_FOUND). */
function liveVault(state: VaultState, orgId: string) {
  const vault = state.vault;
  if (!vault || vault.org_id !== orgId || vault.deleted_at !== null) {
    throw VaultErrors.VAULT_NOT_FOUND();
  }
  return vault;
}

export interface ClientTokenFacts {
  org: { id: string; deleted_at: number | null; suspended_at: number | null } | null;
  client: Client | null;
  certificate: Certificate | null;
  /** The assertion's `jti` is already recorded for this client. */
  jtiUsed: boolean;
  /** The signing key the service picked is still in the JWKS index. */
  keyPublished: boolean;
}

export interface ClientTokenInput {
  orgId: string;
  clientId: string;
  certId: string;
  kid: string;
  jti: string;
  /** Until when the `jti` stays recorded (ms): the assertion's `exp` plus the skew. */
  jtiExpiresAt: number;
  role: TokenRole;
  signingKid: string | null;
  accessJti: string;
  accessExpiresAt: number;
  refresh: NewRefresh;
}

/**
 * A client's vault token (A10, item 5), decided in the vault's turn against committed data: the
 * client and the certificate that signed the assertion still live and active (401), the `jti`
 * unused (401 ASSERTION_REPLAYED; recorded in this commit, so of two concurrent uses exactly one
 * commits), the vault live in the client's organization (404), the organization not suspended
 * (403), a client grant (403 VAULT_NO_GRANT) at least the requested role (400
 * TOKEN_ROLE_EXCEEDS), a published signing key (409). Writes the `jti`, the client-bound family
 * and `vault_token_issued`.
 */
export function authorizeClientToken(
  state: VaultState,
  facts: ClientTokenFacts,
  input: ClientTokenInput,
  env: TurnEnv,
  out: TurnOutput,
): OpResult<{ effectiveRole: TokenRole; refreshExpiresAt: number }> {
  const { org, client, certificate } = facts;
  if (!org || org.deleted_at !== null || !client || !certificate) {
    throw TokenErrors.INVALID_CLIENT_ASSERTION();
  }
  if (certificate.revoked_at !== null || certificate.kid !== input.kid) {
    throw TokenErrors.INVALID_CLIENT_ASSERTION();
  }
  if (!client.active) throw TokenErrors.CLIENT_INACTIVE();
  if (facts.jtiUsed) throw TokenErrors.ASSERTION_REPLAYED();
  const vault = liveVault(state, input.orgId);
  if (org.suspended_at !== null) throw OrgErrors.ORG_SUSPENDED();
  const granted = clientVaultRole(state, client.id);
  if (granted === null) throw TokenErrors.VAULT_NO_GRANT("The client has no grant on this vault");
  if (vaultRoleRank(vaultRoleOf(input.role)) > vaultRoleRank(granted)) {
    throw TokenErrors.TOKEN_ROLE_EXCEEDS(
      `The requested role exceeds the client's role on this vault (${tokenRoleOf(granted)})`,
    );
  }
  if (input.signingKid === null || !facts.keyPublished) throw TokenErrors.NO_SIGNING_KEY();
  out.write(
    putJtiWrites({
      jti: input.jti,
      org_id: input.orgId,
      client_id: client.id,
      expires_at: input.jtiExpiresAt,
    }),
  );
  const { expiresAt } = startFamily(
    {
      orgId: input.orgId,
      vaultId: vault.id,
      subject: `client:${client.id}`,
      binding: { kind: "client", client_id: client.id, cert_id: certificate.id },
      role: input.role,
      refresh: input.refresh,
    },
    env.now,
    out,
  );
  out.event({
    event_type: "vault_token_issued",
    resource_type: "vault",
    resource_id: vault.id,
    data: {
      subject: `client:${client.id}`,
      role: input.role,
      kid: input.signingKid,
      jti: input.accessJti,
      expires_at: new Date(input.accessExpiresAt).toISOString(),
      assertion_kid: input.kid,
      refresh_family: input.refresh.familyId,
    },
  });
  return { state, reply: { effectiveRole: tokenRoleOf(granted), refreshExpiresAt: expiresAt } };
}

export interface RefreshFacts {
  token: RefreshTokenRecord | null;
  family: RefreshFamily | null;
  /** User families: the caller facts of the family's user. */
  caller: CallerFacts | null;
  /** Session-bound families: the session, if it still exists. */
  session: SessionRecord | null;
  /** Client-bound families: the client and the certificate it authenticated with. */
  client: Client | null;
  certificate: Certificate | null;
  /** Client families: the organization record (user families read it in `caller`). */
  org: { id: string; deleted_at: number | null; suspended_at: number | null } | null;
  keyPublished: boolean;
}

export interface RefreshInput {
  orgId: string;
  tokenId: string;
  secretHash: string;
  next: { tokenId: string; secretHash: string };
  signingKid: string | null;
  accessJti: string;
  /** Access TTL asked for (s), or null for the family's. */
  accessTtlS: number | null;
}

export type RefreshReply =
  | {
      outcome: "rotated";
      subject: string;
      role: TokenRole;
      accessTtlS: number;
      refreshExpiresAt: number;
      familyId: string;
    }
  | { outcome: "reused" };

function recheck(state: VaultState, family: RefreshFamily, facts: RefreshFacts, env: TurnEnv) {
  const b = family.binding;
  let granted: VaultRole | null;
  if (b.kind === "session") {
    if (!facts.session || facts.session.user_id !== b.user_id) {
      throw TokenErrors.REFRESH_SESSION_ENDED();
    }
    if (!isSessionActive(facts.session, env.now)) throw TokenErrors.REFRESH_SESSION_ENDED();
    const caller = facts.caller;
    if (!caller?.org || caller.org.deleted_at !== null || !caller.member) {
      throw TokenErrors.REFRESH_ACCESS_ENDED();
    }
    liveVault(state, family.org_id);
    if (caller.org.suspended_at !== null) throw OrgErrors.ORG_SUSPENDED();
    granted = principalOf(state, caller, b.user_id).vaultRole;
  } else {
    const { client, certificate, org } = facts;
    if (!org || org.deleted_at !== null) throw TokenErrors.REFRESH_CLIENT_INVALID();
    if (!client?.active || !certificate || certificate.revoked_at !== null) {
      throw TokenErrors.REFRESH_CLIENT_INVALID();
    }
    liveVault(state, family.org_id);
    if (org.suspended_at !== null) throw OrgErrors.ORG_SUSPENDED();
    granted = clientVaultRole(state, b.client_id);
  }
  if (granted === null) throw TokenErrors.VAULT_NO_GRANT();
  if (vaultRoleRank(vaultRoleOf(family.role)) > vaultRoleRank(granted)) {
    throw TokenErrors.REFRESH_ROLE_EXCEEDS();
  }
}

/**
 * One refresh (A10, item 6). Unknown token or wrong secret, a revoked family, an expired token:
 * refused, nothing written. A token already used: the whole family is revoked in this commit and
 * `refresh_token_reused` written; the reply says `reused` (the service answers 403). Then every
 * re-check (session, membership, client and certificate, vault, organization, the grant still
 * covering the family's role, a published signing key) refuses WITHOUT burning the token. Else
 * the token is marked used and the next one becomes the family's current token.
 */
export function refreshFamily(
  state: VaultState,
  facts: RefreshFacts,
  input: RefreshInput,
  env: TurnEnv,
  out: TurnOutput,
): OpResult<RefreshReply> {
  const { token, family } = facts;
  if (
    !token ||
    !family ||
    token.family_id !== family.id ||
    family.org_id !== input.orgId ||
    !equalHash(input.secretHash, token.secret_hash)
  ) {
    throw TokenErrors.REFRESH_TOKEN_INVALID();
  }
  if (family.revoked_at !== null) throw TokenErrors.REFRESH_TOKEN_REVOKED();
  if (token.used_at !== null || family.current_token_id !== token.id) {
    out.write(revokeFamilyWrites(family, env.now, "reused"));
    out.event({
      event_type: "refresh_token_reused",
      resource_type: "vault",
      resource_id: family.vault_id,
      data: { subject: family.subject, family: family.id, token: token.id },
    });
    return { state, reply: { outcome: "reused" } };
  }
  if (env.now >= token.expires_at) throw TokenErrors.REFRESH_TOKEN_EXPIRED();
  recheck(state, family, facts, env);
  if (input.signingKid === null || !facts.keyPublished) throw TokenErrors.NO_SIGNING_KEY();
  const expiresAt = env.now + family.refresh_ttl_ms;
  out.write(putTokenWrites({ ...token, used_at: env.now }));
  out.write(
    putTokenWrites({
      id: input.next.tokenId,
      family_id: family.id,
      vault_id: family.vault_id,
      org_id: family.org_id,
      secret_hash: input.next.secretHash,
      created_at: env.now,
      expires_at: expiresAt,
      used_at: null,
    }),
  );
  out.write(
    putFamilyWrites(
      {
        ...family,
        current_token_id: input.next.tokenId,
        expires_at: expiresAt,
        rotations: family.rotations + 1,
      },
      family,
    ),
  );
  const accessTtlS = input.accessTtlS ?? family.access_ttl_s;
  out.event({
    event_type: "vault_token_refreshed",
    resource_type: "vault",
    resource_id: family.vault_id,
    data: {
      subject: family.subject,
      role: family.role,
      family: family.id,
      kid: input.signingKid,
      jti: input.accessJti,
      expires_at: new Date(env.now + accessTtlS * 1000).toISOString(),
    },
  });
  return {
    state,
    reply: {
      outcome: "rotated",
      subject: family.subject,
      role: family.role,
      accessTtlS,
      refreshExpiresAt: expiresAt,
      familyId: family.id,
    },
  };
}

/**
 * The A9 revocations: every live family of `families` standing for `who` (everyone when empty),
 * created at or before `before` when given (a member removed and added back keeps the families
 * of the new membership). Writes one `refresh_tokens_revoked` event when any was revoked.
 */
export function revokeFamiliesWrites(
  vaultId: string,
  families: readonly RefreshFamily[],
  who: { user?: string; client?: string },
  reason: string,
  env: TurnEnv,
  out: TurnOutput,
  before?: number,
): number {
  let n = 0;
  for (const f of families) {
    if (f.revoked_at !== null || !familyOf(f, who)) continue;
    if (before !== undefined && f.created_at > before) continue;
    out.write(revokeFamilyWrites(f, env.now, reason));
    n++;
  }
  if (n > 0) {
    out.event({
      event_type: "refresh_tokens_revoked",
      resource_type: "vault",
      resource_id: vaultId,
      data: {
        reason,
        count: String(n),
        subject: who.user ? `user:${who.user}` : who.client ? `client:${who.client}` : null,
      },
    });
  }
  return n;
}

/**
 * `POST /v1/tokens/revoke/vault/{vault}`: the caller's effective role must be ADMIN (org OWNER and
 * ADMIN act as vault ADMIN, A8; else 403 VAULT_ADMIN_REQUIRED); every family of the vault not yet
 * revoked is revoked (used and expired ones included in the count, as api.md §6.15).
 */
export function revokeVaultFamilies(
  state: VaultState,
  facts: CallerFacts,
  input: { orgId: string; families: readonly RefreshFamily[] },
  env: TurnEnv,
  out: TurnOutput,
): OpResult<{ revoked_count: number }> {
  const { vault, principal } = guard(state, facts, input.orgId, env, "vault:read");
  if (principal.vaultRole !== "ADMIN") throw TokenErrors.VAULT_ADMIN_REQUIRED();
  const n = revokeFamiliesWrites(vault.id, input.families, {}, "revoked_by_admin", env, out);
  return { state, reply: { revoked_count: n } };
}
