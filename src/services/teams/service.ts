/**
 * Team use cases: teams, their members (with the `manager` flag) and
 * their permissions. Each call is one turn of the organization's actor, where `can()` decides with
 * the team as the resource (team managers manage their own team).
 */
import type { OrgPermission } from "../../domain/authz/permissions.ts";
import type { PageRequest } from "../../domain/organizations/turn.ts";
import type { CallOptions, Principal } from "../context.ts";
import type { ServiceDeps } from "../deps.ts";
import { askOrg } from "../organizations/ask.ts";
import { runOrgCascades } from "../organizations/cascades.ts";
import type { TeamCreateInput, TeamMemberInput, TeamUpdateInput } from "./inputs.ts";

export class TeamService {
  readonly #d: ServiceDeps;

  constructor(deps: ServiceDeps) {
    this.#d = deps;
  }

  create(p: Principal, orgId: string, input: TeamCreateInput, opts: CallOptions) {
    const { name, description = null } = input;
    return askOrg(this.#d, p, orgId, "teams.create", { name, description }, opts);
  }

  list(p: Principal, orgId: string, page: PageRequest) {
    return askOrg(this.#d, p, orgId, "teams.list", { page });
  }

  get(p: Principal, orgId: string, teamId: string) {
    return askOrg(this.#d, p, orgId, "teams.get", { teamId });
  }

  update(p: Principal, orgId: string, teamId: string, input: TeamUpdateInput, opts: CallOptions) {
    const { name = null, description = null } = input;
    return askOrg(this.#d, p, orgId, "teams.update", { teamId, name, description }, opts);
  }

  async delete(p: Principal, orgId: string, teamId: string, opts: CallOptions): Promise<void> {
    await askOrg(this.#d, p, orgId, "teams.delete", { teamId }, opts);
    await runOrgCascades(this.#d, orgId);
  }

  addMember(
    p: Principal,
    orgId: string,
    teamId: string,
    input: TeamMemberInput,
    opts: CallOptions,
  ) {
    const { user_id: userId, manager = false } = input;
    return askOrg(this.#d, p, orgId, "teamMembers.add", { teamId, userId, manager }, opts);
  }

  listMembers(p: Principal, orgId: string, teamId: string, page: PageRequest) {
    return askOrg(this.#d, p, orgId, "teamMembers.list", { teamId, page });
  }

  getMember(p: Principal, orgId: string, teamId: string, memberId: string) {
    return askOrg(this.#d, p, orgId, "teamMembers.get", { teamId, memberId });
  }

  updateMember(
    p: Principal,
    orgId: string,
    teamId: string,
    memberId: string,
    manager: boolean,
    opts: CallOptions,
  ) {
    return askOrg(this.#d, p, orgId, "teamMembers.update", { teamId, memberId, manager }, opts);
  }

  async removeMember(
    p: Principal,
    orgId: string,
    teamId: string,
    memberId: string,
    opts: CallOptions,
  ): Promise<void> {
    await askOrg(this.#d, p, orgId, "teamMembers.remove", { teamId, memberId }, opts);
  }

  grantPermission(
    p: Principal,
    orgId: string,
    teamId: string,
    permission: OrgPermission,
    opts: CallOptions,
  ) {
    return askOrg(this.#d, p, orgId, "permissions.grant", { teamId, permission }, opts);
  }

  listPermissions(p: Principal, orgId: string, teamId: string) {
    return askOrg(this.#d, p, orgId, "permissions.list", { teamId });
  }

  async revokePermission(
    p: Principal,
    orgId: string,
    teamId: string,
    permissionId: string,
    opts: CallOptions,
  ): Promise<void> {
    await askOrg(this.#d, p, orgId, "permissions.revoke", { teamId, permissionId }, opts);
  }
}
