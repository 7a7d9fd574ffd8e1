// Original file: proto/inferadb/management/v1/team.proto

import type { Team as _inferadb_management_v1_Team, Team__Output as _inferadb_management_v1_Team__Output } from '../../../inferadb/management/v1/Team';
import type { Pagination as _inferadb_management_v1_Pagination, Pagination__Output as _inferadb_management_v1_Pagination__Output } from '../../../inferadb/management/v1/Pagination';

export interface ListTeamsResponse {
  'teams'?: (_inferadb_management_v1_Team)[];
  'pagination'?: (_inferadb_management_v1_Pagination | null);
}

export interface ListTeamsResponse__Output {
  'teams': (_inferadb_management_v1_Team__Output)[];
  'pagination': (_inferadb_management_v1_Pagination__Output | null);
}
