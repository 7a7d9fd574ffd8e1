/**
 * Pure write builders (`Mutation[]`) for team records, under their organization's key range
 * (src/domain/organizations/keys.ts). The organization actor adds them to its turn's write set.
 */
import type { Mutation } from "../../kv/types.ts";
import { OrgKeys } from "../organizations/keys.ts";
import { TeamCodec, TeamMemberCodec, TeamPermissionCodec } from "./codecs.ts";
import type { Team, TeamMember, TeamPermission } from "./types.ts";

export function putTeamWrites(t: Team): Mutation[] {
  return [{ op: "set", key: OrgKeys.team(t.org_id, t.id), value: TeamCodec.encode(t) }];
}

/** Removes a team with all its members and permissions. */
export function deleteTeamWrites(t: Team): Mutation[] {
  const [mb, me] = OrgKeys.teamMembers(t.org_id, t.id);
  const [pb, pe] = OrgKeys.teamPermissions(t.org_id, t.id);
  return [
    { op: "clear", key: OrgKeys.team(t.org_id, t.id) },
    { op: "clearRange", begin: mb, end: me },
    { op: "clearRange", begin: pb, end: pe },
  ];
}

export function putTeamMemberWrites(orgId: string, tm: TeamMember): Mutation[] {
  return [
    {
      op: "set",
      key: OrgKeys.teamMember(orgId, tm.team_id, tm.user_id),
      value: TeamMemberCodec.encode(tm),
    },
  ];
}

export function deleteTeamMemberWrites(orgId: string, tm: TeamMember): Mutation[] {
  return [{ op: "clear", key: OrgKeys.teamMember(orgId, tm.team_id, tm.user_id) }];
}

export function putTeamPermissionWrites(orgId: string, tp: TeamPermission): Mutation[] {
  return [
    {
      op: "set",
      key: OrgKeys.teamPermission(orgId, tp.team_id, tp.permission),
      value: TeamPermissionCodec.encode(tp),
    },
  ];
}

export function deleteTeamPermissionWrites(orgId: string, tp: TeamPermission): Mutation[] {
  return [{ op: "clear", key: OrgKeys.teamPermission(orgId, tp.team_id, tp.permission) }];
}
