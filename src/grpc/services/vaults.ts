/**
 * gRPC `inferadb.management.v1.VaultService`: vaults and their user, team and client grants, calling the
 * same vault service as /v1/organizations/{org}/vaults/* (docs/vaults.md). Ids are checked
 * (INVALID_ID) and the rest of each request against the route's own input schema
 * (src/services/vaults/inputs.ts; VALIDATION_FAILED) before the caller is resolved.
 */
import type { GrantKind } from "../../domain/vaults/types.ts";
import type { GrantView, VaultView } from "../../domain/vaults/views.ts";
import { paginationOf } from "../../services/context.ts";
import type { GrpcDeps } from "../../services/index.ts";
import {
  ClientGrantCreateInput,
  GrantUpdateInput,
  TeamGrantCreateInput,
  UserGrantCreateInput,
  VaultCreateInput,
  VaultUpdateInput,
} from "../../services/vaults/inputs.ts";
import type { Vault } from "../generated/inferadb/management/v1/Vault.ts";
import type { VaultClientGrant } from "../generated/inferadb/management/v1/VaultClientGrant.ts";
import type { VaultServiceHandlers } from "../generated/inferadb/management/v1/VaultService.ts";
import type { VaultTeamGrant } from "../generated/inferadb/management/v1/VaultTeamGrant.ts";
import type { VaultUserGrant } from "../generated/inferadb/management/v1/VaultUserGrant.ts";
import { unary } from "../status.ts";
import {
  type CallCtx,
  callEnv,
  callOptions,
  checked,
  principalOf,
  type RequestCheck,
} from "./call.ts";

export const VAULT_SERVICE = "inferadb.management.v1.VaultService";

/** A vault as the proto's message: null `sync_error` / `deleted_at` are absent fields. */
function vaultMessage(v: VaultView): Vault {
  return {
    id: v.id,
    organization_id: v.organization_id,
    name: v.name,
    description: v.description,
    sync_status: v.sync_status,
    sync_error: v.sync_error ?? undefined,
    created_at: v.created_at,
    updated_at: v.updated_at,
    deleted_at: v.deleted_at ?? undefined,
  };
}

const withVault = (r: { vault: VaultView }) => ({ vault: vaultMessage(r.vault) });

function grantCommon(g: GrantView) {
  return {
    id: g.id,
    vault_id: g.vault_id,
    role: g.role,
    granted_at: g.granted_at,
    granted_by_user_id: g.granted_by_user_id,
    updated_at: g.updated_at,
  };
}

/** A grant of the user family (the service answers the user view for `kind: "user"`). */
function userGrantMessage(g: GrantView): VaultUserGrant {
  return { ...grantCommon(g), user_id: "user_id" in g ? g.user_id : "" };
}

/** A grant of the team family (the service answers the team view for `kind: "team"`). */
function teamGrantMessage(g: GrantView): VaultTeamGrant {
  return { ...grantCommon(g), team_id: "team_id" in g ? g.team_id : "" };
}

/** A grant of the client family (A16; the client view for `kind: "client"`). */
function clientGrantMessage(g: GrantView): VaultClientGrant {
  return { ...grantCommon(g), client_id: "client_id" in g ? g.client_id : "" };
}

type VaultReq = { organization_id: string; vault_id: string };
type GrantReq = VaultReq & { grant_id: string };

/** The organization and vault ids of a request, checked. */
function vaultIds(c: RequestCheck, req: VaultReq) {
  return {
    org: c.id("organization_id", req.organization_id),
    vault: c.id("vault_id", req.vault_id),
  };
}

/** The organization, vault and grant ids of a request, checked. */
function grantIds(c: RequestCheck, req: GrantReq) {
  return { ...vaultIds(c, req), grant: c.id("grant_id", req.grant_id) };
}

export function vaultService(deps: GrpcDeps, log = deps.log): VaultServiceHandlers {
  const env = callEnv(deps, log);
  const { vaults } = deps.services;
  const caller = async (ctx: CallCtx) => (await principalOf(deps, ctx)).principal;

  /** The four grant-id methods of one family, converted by `message`. */
  function grantFamily<M>(kind: GrantKind, message: (g: GrantView) => M) {
    return {
      list: async (req: VaultReq & { limit?: number; offset?: number }, ctx: CallCtx) => {
        const r = checked((c) => ({ ...vaultIds(c, req), page: c.page(req) }));
        const p = await caller(ctx);
        const { grants, total } = await vaults.listGrants(p, r.org, r.vault, kind, r.page);
        return {
          grants: grants.map(message),
          pagination: paginationOf(r.page, total, grants.length),
        };
      },
      get: async (req: GrantReq, ctx: CallCtx) => {
        const r = checked((c) => grantIds(c, req));
        const { grant } = await vaults.getGrant(await caller(ctx), r.org, r.vault, kind, r.grant);
        return { grant: message(grant) };
      },
      update: async (req: GrantReq & { role: string }, ctx: CallCtx) => {
        const r = checked((c) => ({ ...grantIds(c, req), input: c.input(GrantUpdateInput, req) }));
        const p = await caller(ctx);
        const { grant } = await vaults.updateGrant(
          p,
          r.org,
          r.vault,
          kind,
          r.grant,
          r.input,
          callOptions(ctx),
        );
        return { grant: message(grant) };
      },
      delete: async (req: GrantReq, ctx: CallCtx) => {
        const r = checked((c) => grantIds(c, req));
        const p = await caller(ctx);
        await vaults.deleteGrant(p, r.org, r.vault, kind, r.grant, callOptions(ctx));
        return {};
      },
    };
  }
  const users = grantFamily("user", userGrantMessage);
  const teams = grantFamily("team", teamGrantMessage);
  const clients = grantFamily("client", clientGrantMessage);

  return {
    CreateVault: unary(env, async (req, ctx) => {
      const r = checked((c) => ({
        org: c.id("organization_id", req.organization_id),
        input: c.input(VaultCreateInput, req),
      }));
      return withVault(await vaults.create(await caller(ctx), r.org, r.input, callOptions(ctx)));
    }),
    ListVaults: unary(env, async (req, ctx) => {
      const { org, page } = checked((c) => ({
        org: c.id("organization_id", req.organization_id),
        page: c.page(req),
      }));
      const { vaults: list, total } = await vaults.list(await caller(ctx), org, page);
      return {
        vaults: list.map(vaultMessage),
        pagination: paginationOf(page, total, list.length),
      };
    }),
    GetVault: unary(env, async (req, ctx) => {
      const { org, vault } = checked((c) => vaultIds(c, req));
      return withVault(await vaults.get(await caller(ctx), org, vault));
    }),
    UpdateVault: unary(env, async (req, ctx) => {
      const r = checked((c) => ({ ...vaultIds(c, req), input: c.input(VaultUpdateInput, req) }));
      const p = await caller(ctx);
      return withVault(await vaults.update(p, r.org, r.vault, r.input, callOptions(ctx)));
    }),
    DeleteVault: unary(env, async (req, ctx) => {
      const { org, vault } = checked((c) => vaultIds(c, req));
      await vaults.delete(await caller(ctx), org, vault, callOptions(ctx));
      return {};
    }),
    CreateUserGrant: unary(env, async (req, ctx) => {
      const r = checked((c) => ({
        ...vaultIds(c, req),
        input: c.input(UserGrantCreateInput, req),
      }));
      const p = await caller(ctx);
      const input = { subjectId: r.input.user_id, role: r.input.role };
      const { grant } = await vaults.createGrant(
        p,
        r.org,
        r.vault,
        "user",
        input,
        callOptions(ctx),
      );
      return { grant: userGrantMessage(grant) };
    }),
    ListUserGrants: unary(env, users.list),
    GetUserGrant: unary(env, users.get),
    UpdateUserGrant: unary(env, users.update),
    DeleteUserGrant: unary(env, users.delete),
    CreateTeamGrant: unary(env, async (req, ctx) => {
      const r = checked((c) => ({
        ...vaultIds(c, req),
        input: c.input(TeamGrantCreateInput, req),
      }));
      const p = await caller(ctx);
      const input = { subjectId: r.input.team_id, role: r.input.role };
      const { grant } = await vaults.createGrant(
        p,
        r.org,
        r.vault,
        "team",
        input,
        callOptions(ctx),
      );
      return { grant: teamGrantMessage(grant) };
    }),
    ListTeamGrants: unary(env, teams.list),
    GetTeamGrant: unary(env, teams.get),
    UpdateTeamGrant: unary(env, teams.update),
    DeleteTeamGrant: unary(env, teams.delete),
    CreateClientGrant: unary(env, async (req, ctx) => {
      const r = checked((c) => ({
        ...vaultIds(c, req),
        input: c.input(ClientGrantCreateInput, req),
      }));
      const p = await caller(ctx);
      const input = { subjectId: r.input.client_id, role: r.input.role };
      const { grant } = await vaults.createGrant(
        p,
        r.org,
        r.vault,
        "client",
        input,
        callOptions(ctx),
      );
      return { grant: clientGrantMessage(grant) };
    }),
    ListClientGrants: unary(env, clients.list),
    GetClientGrant: unary(env, clients.get),
    UpdateClientGrant: unary(env, clients.update),
    DeleteClientGrant: unary(env, clients.delete),
  };
}
