// Original file: proto/inferadb/management/v1/team.proto

import type { TeamMember as _inferadb_management_v1_TeamMember, TeamMember__Output as _inferadb_management_v1_TeamMember__Output } from '../../../inferadb/management/v1/TeamMember';
import type { Pagination as _inferadb_management_v1_Pagination, Pagination__Output as _inferadb_management_v1_Pagination__Output } from '../../../inferadb/management/v1/Pagination';

export interface ListTeamMembersResponse {
  'members'?: (_inferadb_management_v1_TeamMember)[];
  'pagination'?: (_inferadb_management_v1_Pagination | null);
}

export interface ListTeamMembersResponse__Output {
  'members': (_inferadb_management_v1_TeamMember__Output)[];
  'pagination': (_inferadb_management_v1_Pagination__Output | null);
}
