// Original file: proto/inferadb/management/v1/team.proto


export interface AddTeamMemberRequest {
  'organization_id'?: (string);
  'team_id'?: (string);
  'user_id'?: (string);
  'manager'?: (boolean);
  '_manager'?: "manager";
}

export interface AddTeamMemberRequest__Output {
  'organization_id': (string);
  'team_id': (string);
  'user_id': (string);
  'manager'?: (boolean);
  '_manager'?: "manager";
}
