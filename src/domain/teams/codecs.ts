/**
 * Versioned codecs of team records (src/kv/codec.ts), stored in their organization's key range
 * (src/domain/organizations/keys.ts). Version 1; a new shape bumps the version and adds a
 * migration.
 */
import { defineCodec } from "../../kv/codec.ts";
import { requireStrings } from "../organizations/codecs.ts";
import type { Team, TeamMember, TeamPermission } from "./types.ts";

export const TeamCodec = defineCodec<Team>({
  name: "org_team",
  version: 1,
  validate: requireStrings("org_team", ["id", "org_id", "name"]),
});

export const TeamMemberCodec = defineCodec<TeamMember>({
  name: "org_team_member",
  version: 1,
  validate: requireStrings("org_team_member", ["id", "team_id", "user_id"]),
});

export const TeamPermissionCodec = defineCodec<TeamPermission>({
  name: "org_team_permission",
  version: 1,
  validate: requireStrings("org_team_permission", ["id", "team_id", "permission"]),
});
