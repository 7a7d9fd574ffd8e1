// Original file: proto/inferadb/management/v1/team.proto


export interface CreateTeamRequest {
  'organization_id'?: (string);
  'name'?: (string);
  'description'?: (string);
  '_description'?: "description";
}

export interface CreateTeamRequest__Output {
  'organization_id': (string);
  'name': (string);
  'description'?: (string);
  '_description'?: "description";
}
