// Original file: proto/inferadb/management/v1/team.proto

import type { Team as _inferadb_management_v1_Team, Team__Output as _inferadb_management_v1_Team__Output } from '../../../inferadb/management/v1/Team';

export interface CreateTeamResponse {
  'team'?: (_inferadb_management_v1_Team | null);
}

export interface CreateTeamResponse__Output {
  'team': (_inferadb_management_v1_Team__Output | null);
}
