/**
 * The vault authorization table: for every vault-scoped route, which kinds of caller are allowed.
 * Written by hand next to `canVault()` (./vault-can.ts); test/unit/domain/vault-authz.test.ts
 * checks `canVault()` against it and test/e2e/http/vault-authz-matrix.test.ts calls every route as
 * every kind of caller.
 *
 * Caller kinds, as the matrix test builds them in one organization:
 * - `org_owner`, `org_admin`: organization OWNER / ADMIN without any vault grant;
 * - `vault_admin`, `manager`, `writer`, `reader`: MEMBERs with a direct user grant of that role;
 * - `team_admin`, `team_manager`, `team_writer`, `team_reader`: MEMBERs without a direct grant
 *   whose (only) team holds a grant of that role;
 * - `reader_team_manager`: a direct READER grant and a team MANAGER grant (the highest counts);
 * - `member`: a MEMBER without any grant;
 * - `other_org`: an OWNER of another organization; `other_member`: a MEMBER of another
 *   organization; `anonymous`: no session.
 * Every vault role appears once by direct grant and once by team grant (the matrix test checks it).
 * `other_org` and `other_member` get 404 and `anonymous` 401 everywhere; the others 2xx when
 * allowed, else 403.
 */
import type { OrgRole } from "../organizations/types.ts";
import type { VaultRole } from "../vaults/types.ts";
import type { VaultAction } from "./vault-can.ts";

export type VaultCallerKind =
  | "org_owner"
  | "org_admin"
  | "vault_admin"
  | "manager"
  | "writer"
  | "reader"
  | "team_admin"
  | "team_manager"
  | "team_writer"
  | "team_reader"
  | "reader_team_manager"
  | "member"
  | "other_org"
  | "other_member"
  | "anonymous";

export const VAULT_CALLER_KINDS: readonly VaultCallerKind[] = [
  "org_owner",
  "org_admin",
  "vault_admin",
  "manager",
  "writer",
  "reader",
  "team_admin",
  "team_manager",
  "team_writer",
  "team_reader",
  "reader_team_manager",
  "member",
  "other_org",
  "other_member",
  "anonymous",
];

/** How each member kind is built: org role, direct grant role, team grant role. */
export const VAULT_CALLER_SETUP: Record<
  Exclude<VaultCallerKind, "other_org" | "other_member" | "anonymous">,
  { orgRole: OrgRole; direct: VaultRole | null; team: VaultRole | null }
> = {
  org_owner: { orgRole: "OWNER", direct: null, team: null },
  org_admin: { orgRole: "ADMIN", direct: null, team: null },
  vault_admin: { orgRole: "MEMBER", direct: "ADMIN", team: null },
  manager: { orgRole: "MEMBER", direct: "MANAGER", team: null },
  writer: { orgRole: "MEMBER", direct: "WRITER", team: null },
  reader: { orgRole: "MEMBER", direct: "READER", team: null },
  team_admin: { orgRole: "MEMBER", direct: null, team: "ADMIN" },
  team_manager: { orgRole: "MEMBER", direct: null, team: "MANAGER" },
  team_writer: { orgRole: "MEMBER", direct: null, team: "WRITER" },
  team_reader: { orgRole: "MEMBER", direct: null, team: "READER" },
  reader_team_manager: { orgRole: "MEMBER", direct: "READER", team: "MANAGER" },
  member: { orgRole: "MEMBER", direct: null, team: null },
};

const ADMINS: readonly VaultCallerKind[] = ["org_owner", "org_admin", "vault_admin", "team_admin"];
const MANAGERS: readonly VaultCallerKind[] = [
  ...ADMINS,
  "manager",
  "team_manager",
  "reader_team_manager",
];
const READERS: readonly VaultCallerKind[] = [
  ...MANAGERS,
  "writer",
  "reader",
  "team_writer",
  "team_reader",
];
const MEMBERS: readonly VaultCallerKind[] = [...READERS, "member"];

export interface VaultAuthzRow {
  op: string;
  route: string;
  /** null: decided by the organization (`vault:create`, ./permissions.ts), not by a vault role. */
  action: VaultAction | null;
  /** Grant roles the operation touches. */
  roles?: readonly VaultRole[];
  allowed: readonly VaultCallerKind[];
}

const V = "/v1/organizations/{org}/vaults";

export const VAULT_AUTHZ_TABLE: readonly VaultAuthzRow[] = [
  { op: "vaults.create", route: `POST ${V}`, action: null, allowed: ["org_owner", "org_admin"] },
  { op: "vaults.list", route: `GET ${V}`, action: null, allowed: MEMBERS },
  { op: "vaults.get", route: `GET ${V}/{vault}`, action: "vault:read", allowed: MEMBERS },
  { op: "vaults.update", route: `PATCH ${V}/{vault}`, action: "vault:update", allowed: ADMINS },
  { op: "vaults.delete", route: `DELETE ${V}/{vault}`, action: "vault:delete", allowed: ADMINS },
  // Client grants (A16) follow the team grants' rules.
  ...(["user", "team", "client"] as const).flatMap((kind): VaultAuthzRow[] => {
    const G = `${V}/{vault}/${kind}-grants`;
    return [
      { op: `${kind}_grants.list`, route: `GET ${G}`, action: "grant:read", allowed: READERS },
      {
        op: `${kind}_grants.get`,
        route: `GET ${G}/{grant}`,
        action: "grant:read",
        allowed: READERS,
      },
      {
        op: `${kind}_grants.create`,
        route: `POST ${G}`,
        action: "grant:create",
        roles: ["WRITER"],
        allowed: MANAGERS,
      },
      {
        op: `${kind}_grants.create_admin`,
        route: `POST ${G}`,
        action: "grant:create",
        roles: ["ADMIN"],
        allowed: ADMINS,
      },
      {
        op: `${kind}_grants.update`,
        route: `PATCH ${G}/{grant}`,
        action: "grant:update",
        roles: ["READER", "MANAGER"],
        allowed: MANAGERS,
      },
      {
        op: `${kind}_grants.delete`,
        route: `DELETE ${G}/{grant}`,
        action: "grant:delete",
        roles: ["READER"],
        allowed: MANAGERS,
      },
    ];
  }),
];
