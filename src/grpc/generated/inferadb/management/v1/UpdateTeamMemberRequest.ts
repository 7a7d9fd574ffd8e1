// Original file: proto/inferadb/management/v1/team.proto


export interface UpdateTeamMemberRequest {
  'organization_id'?: (string);
  'team_id'?: (string);
  'member_id'?: (string);
  'manager'?: (boolean);
  '_manager'?: "manager";
}

export interface UpdateTeamMemberRequest__Output {
  'organization_id': (string);
  'team_id': (string);
  'member_id': (string);
  'manager'?: (boolean);
  '_manager'?: "manager";
}
