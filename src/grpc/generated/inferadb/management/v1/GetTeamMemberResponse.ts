// Original file: proto/inferadb/management/v1/team.proto

import type { TeamMember as _inferadb_management_v1_TeamMember, TeamMember__Output as _inferadb_management_v1_TeamMember__Output } from '../../../inferadb/management/v1/TeamMember';

export interface GetTeamMemberResponse {
  'member'?: (_inferadb_management_v1_TeamMember | null);
}

export interface GetTeamMemberResponse__Output {
  'member': (_inferadb_management_v1_TeamMember__Output | null);
}
