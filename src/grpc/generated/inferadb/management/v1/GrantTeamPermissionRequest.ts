// Original file: proto/inferadb/management/v1/team.proto


export interface GrantTeamPermissionRequest {
  'organization_id'?: (string);
  'team_id'?: (string);
  'permission'?: (string);
}

export interface GrantTeamPermissionRequest__Output {
  'organization_id': (string);
  'team_id': (string);
  'permission': (string);
}
