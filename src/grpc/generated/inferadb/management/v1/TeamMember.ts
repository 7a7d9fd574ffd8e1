// Original file: proto/inferadb/management/v1/team.proto


export interface TeamMember {
  'id'?: (string);
  'team_id'?: (string);
  'user_id'?: (string);
  'manager'?: (boolean);
  'created_at'?: (string);
}

export interface TeamMember__Output {
  'id': (string);
  'team_id': (string);
  'user_id': (string);
  'manager': (boolean);
  'created_at': (string);
}
