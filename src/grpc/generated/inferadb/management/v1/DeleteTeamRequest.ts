// Original file: proto/inferadb/management/v1/team.proto


export interface DeleteTeamRequest {
  'organization_id'?: (string);
  'team_id'?: (string);
}

export interface DeleteTeamRequest__Output {
  'organization_id': (string);
  'team_id': (string);
}
