// Original file: proto/inferadb/management/v1/team.proto


export interface RevokeTeamPermissionRequest {
  'organization_id'?: (string);
  'team_id'?: (string);
  'permission_id'?: (string);
}

export interface RevokeTeamPermissionRequest__Output {
  'organization_id': (string);
  'team_id': (string);
  'permission_id': (string);
}
