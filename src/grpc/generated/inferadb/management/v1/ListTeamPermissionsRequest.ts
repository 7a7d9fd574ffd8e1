// Original file: proto/inferadb/management/v1/team.proto


export interface ListTeamPermissionsRequest {
  'organization_id'?: (string);
  'team_id'?: (string);
}

export interface ListTeamPermissionsRequest__Output {
  'organization_id': (string);
  'team_id': (string);
}
