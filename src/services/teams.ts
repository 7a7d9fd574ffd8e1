/**
 * Team use cases (api.md §6.10 with A4, A8): teams, their members (with the `manager` flag) and
 * their permissions. Each call is one turn of the organization's actor, where `can()` decides with
 * the team as the resource (team managers manage their own team).
 */
import type { OrgPermission } from "../domain/authz/permissions.ts";
import type { PageRequest } from "../domain/organizations/turn.ts";
import type {
  teamMemberView,
  teamPermissionView,
  teamView,
} from "../domain/organizations/views.ts";
import type { Principal } from "./identity.ts";
import { askOrg, type CallOptions, type OrgServiceDeps } from "./organizations.ts";

type TeamDto = ReturnType<typeof teamView>;
type TeamMemberDto = ReturnType<typeof teamMemberView>;
type TeamPermissionDto = ReturnType<typeof teamPermissionView>;

export interface TeamInput {
  name?: string | null | undefined;
  description?: string | null | undefined;
}

export class TeamService {
  readonly #d: OrgServiceDeps;

  constructor(deps: OrgServiceDeps) {
    this.#d = deps;
  }

  create(
    p: Principal,
    orgId: string,
    input: { name: string; description?: string | null | undefined },
    opts: CallOptions,
  ) {
    return askOrg<{ team: TeamDto }>(
      this.#d,
      p,
      orgId,
      { type: "teams.create", name: input.name, description: input.description ?? null },
      opts,
    );
  }

  list(p: Principal, orgId: string, page: PageRequest) {
    return askOrg<{ teams: TeamDto[]; total: number }>(this.#d, p, orgId, {
      type: "teams.list",
      page,
    });
  }

  get(p: Principal, orgId: string, teamId: string) {
    return askOrg<{ team: TeamDto }>(this.#d, p, orgId, { type: "teams.get", teamId });
  }

  update(p: Principal, orgId: string, teamId: string, input: TeamInput, opts: CallOptions) {
    return askOrg<{ team: TeamDto }>(
      this.#d,
      p,
      orgId,
      {
        type: "teams.update",
        teamId,
        name: input.name ?? null,
        description: input.description ?? null,
      },
      opts,
    );
  }

  async delete(p: Principal, orgId: string, teamId: string, opts: CallOptions): Promise<void> {
    await askOrg(this.#d, p, orgId, { type: "teams.delete", teamId }, opts);
  }

  addMember(
    p: Principal,
    orgId: string,
    teamId: string,
    input: { user_id: string; manager: boolean },
    opts: CallOptions,
  ) {
    return askOrg<{ member: TeamMemberDto }>(
      this.#d,
      p,
      orgId,
      { type: "teamMembers.add", teamId, userId: input.user_id, manager: input.manager },
      opts,
    );
  }

  listMembers(p: Principal, orgId: string, teamId: string, page: PageRequest) {
    return askOrg<{ members: TeamMemberDto[]; total: number }>(this.#d, p, orgId, {
      type: "teamMembers.list",
      teamId,
      page,
    });
  }

  updateMember(
    p: Principal,
    orgId: string,
    teamId: string,
    memberId: string,
    manager: boolean,
    opts: CallOptions,
  ) {
    return askOrg<{ member: TeamMemberDto }>(
      this.#d,
      p,
      orgId,
      { type: "teamMembers.update", teamId, memberId, manager },
      opts,
    );
  }

  async removeMember(
    p: Principal,
    orgId: string,
    teamId: string,
    memberId: string,
    opts: CallOptions,
  ): Promise<void> {
    await askOrg(this.#d, p, orgId, { type: "teamMembers.remove", teamId, memberId }, opts);
  }

  grantPermission(
    p: Principal,
    orgId: string,
    teamId: string,
    permission: OrgPermission,
    opts: CallOptions,
  ) {
    return askOrg<{ permission: TeamPermissionDto }>(
      this.#d,
      p,
      orgId,
      { type: "permissions.grant", teamId, permission },
      opts,
    );
  }

  listPermissions(p: Principal, orgId: string, teamId: string) {
    return askOrg<{ permissions: TeamPermissionDto[] }>(this.#d, p, orgId, {
      type: "permissions.list",
      teamId,
    });
  }

  async revokePermission(
    p: Principal,
    orgId: string,
    teamId: string,
    permissionId: string,
    opts: CallOptions,
  ): Promise<void> {
    await askOrg(this.#d, p, orgId, { type: "permissions.revoke", teamId, permissionId }, opts);
  }
}
