// Original file: proto/inferadb/management/v1/team.proto


export interface GetTeamMemberRequest {
  'organization_id'?: (string);
  'team_id'?: (string);
  'member_id'?: (string);
}

export interface GetTeamMemberRequest__Output {
  'organization_id': (string);
  'team_id': (string);
  'member_id': (string);
}
