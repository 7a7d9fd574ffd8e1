// Original file: proto/inferadb/management/v1/team.proto


export interface UpdateTeamRequest {
  'organization_id'?: (string);
  'team_id'?: (string);
  'name'?: (string);
  'description'?: (string);
  '_name'?: "name";
  '_description'?: "description";
}

export interface UpdateTeamRequest__Output {
  'organization_id': (string);
  'team_id': (string);
  'name'?: (string);
  'description'?: (string);
  '_name'?: "name";
  '_description'?: "description";
}
