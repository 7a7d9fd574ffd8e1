// Original file: proto/inferadb/management/v1/team.proto


export interface GetTeamRequest {
  'organization_id'?: (string);
  'team_id'?: (string);
}

export interface GetTeamRequest__Output {
  'organization_id': (string);
  'team_id': (string);
}
