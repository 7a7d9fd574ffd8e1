// Original file: proto/inferadb/management/v1/organization.proto


export interface Member {
  'id'?: (string);
  'user_id'?: (string);
  'role'?: (string);
  'joined_at'?: (string);
}

export interface Member__Output {
  'id': (string);
  'user_id': (string);
  'role': (string);
  'joined_at': (string);
}
