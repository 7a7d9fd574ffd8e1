// Original file: proto/inferadb/management/v1/team.proto


export interface TeamPermission {
  'id'?: (string);
  'team_id'?: (string);
  'permission'?: (string);
  'granted_by_user_id'?: (string);
  'granted_at'?: (string);
}

export interface TeamPermission__Output {
  'id': (string);
  'team_id': (string);
  'permission': (string);
  'granted_by_user_id': (string);
  'granted_at': (string);
}
