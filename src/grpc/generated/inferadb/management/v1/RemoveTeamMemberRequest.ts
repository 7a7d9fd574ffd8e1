// Original file: proto/inferadb/management/v1/team.proto


export interface RemoveTeamMemberRequest {
  'organization_id'?: (string);
  'team_id'?: (string);
  'member_id'?: (string);
}

export interface RemoveTeamMemberRequest__Output {
  'organization_id': (string);
  'team_id': (string);
  'member_id': (string);
}
