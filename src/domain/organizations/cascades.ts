/**
 * Vault cascades (A9, docs/organizations.md#cascades): what an organization change owes the
 * vault actors. Removing a member (remove, leave, account deletion) removes their vault grants,
 * deleting a team (or a client, docs/clients.md) removes its grants, deleting the organization deletes its vaults. The
 * organization turn that makes the change writes one `VaultCascade` record `("cq", org, cascade)`
 * in the same commit, listing every vault of the organization at that moment (its vault entries,
 * at most the tier's 500: no per-subject index is kept). The record is run by messages to those
 * vault actors (`grants.purgeUser`, `grants.purgeTeam`, `vault.purgeOrg`, system principal, each
 * idempotent) and cleared only once every vault answered: by the service right after the
 * organization's reply, or, after a crash between the two actors, by the leader job
 * `vault-cascades` (src/services/organizations/cascades.ts) once the record is older than
 * `CASCADE_GRACE_MS`.
 *
 * Access never waits for the cascade: each vault turn reads the caller's membership and team
 * memberships with `ctx.read`, so a removed member or deleted team has no vault access from the
 * moment the organization's turn commits.
 */
import { defineCodec } from "../../kv/codec.ts";
import type { Mutation } from "../../kv/types.ts";
import { requireStrings } from "./codecs.ts";
import { OrgKeys } from "./keys.ts";
import type { OrgState } from "./state.ts";
import type { TurnEnv, TurnOutput } from "./turn.ts";

/** `client`: a deleted client (grants and refresh families go); `client_tokens`: a deactivated one (refresh families only). */
export type CascadeKind = "user" | "team" | "client" | "client_tokens" | "org";

export interface VaultCascade {
  id: string;
  org_id: string;
  kind: CascadeKind;
  /** The user id (kind user), team id (kind team), client id (kind client) or organization id (kind org). */
  subject_id: string;
  /** The vaults to visit: the organization's vault entries when the change committed. */
  vault_ids: string[];
  /** When the organization's change committed (grants of a user granted later are kept). */
  created_at: number;
}

/** How long a cascade is left to the service that started it before the leader job takes it. */
export const CASCADE_GRACE_MS = 10_000;

export const VaultCascadeCodec = defineCodec<VaultCascade>({
  name: "vault_cascade",
  version: 1,
  validate: requireStrings("vault_cascade", ["id", "org_id", "kind", "subject_id"]),
});

export function putCascadeWrites(c: VaultCascade): Mutation[] {
  return [{ op: "set", key: OrgKeys.cascade(c.org_id, c.id), value: VaultCascadeCodec.encode(c) }];
}

/**
 * Adds the cascade of `kind`/`subjectId` to the turn's writes when the organization has vaults
 * (`state` is the state before the change, whose vault entries are the vaults to visit).
 */
export function recordCascade(
  state: OrgState,
  kind: CascadeKind,
  subjectId: string,
  env: TurnEnv,
  out: TurnOutput,
): void {
  if (!state.org || state.vaults.size === 0) return;
  out.write(
    putCascadeWrites({
      id: env.newId(),
      org_id: state.org.id,
      kind,
      subject_id: subjectId,
      vault_ids: [...state.vaults.keys()],
      created_at: env.now,
    }),
  );
}
