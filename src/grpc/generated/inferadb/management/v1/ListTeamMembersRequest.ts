// Original file: proto/inferadb/management/v1/team.proto


export interface ListTeamMembersRequest {
  'organization_id'?: (string);
  'team_id'?: (string);
  'limit'?: (number);
  'offset'?: (number);
  '_limit'?: "limit";
  '_offset'?: "offset";
}

export interface ListTeamMembersRequest__Output {
  'organization_id': (string);
  'team_id': (string);
  'limit'?: (number);
  'offset'?: (number);
  '_limit'?: "limit";
  '_offset'?: "offset";
}
