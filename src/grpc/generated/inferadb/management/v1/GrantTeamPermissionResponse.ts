// Original file: proto/inferadb/management/v1/team.proto

import type { TeamPermission as _inferadb_management_v1_TeamPermission, TeamPermission__Output as _inferadb_management_v1_TeamPermission__Output } from '../../../inferadb/management/v1/TeamPermission';

export interface GrantTeamPermissionResponse {
  'permission'?: (_inferadb_management_v1_TeamPermission | null);
}

export interface GrantTeamPermissionResponse__Output {
  'permission': (_inferadb_management_v1_TeamPermission__Output | null);
}
