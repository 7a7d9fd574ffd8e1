// Original file: proto/inferadb/management/v1/auth.proto


export interface RegisterResponse {
  'user_id'?: (string);
  'name'?: (string);
  'email'?: (string);
  'session_id'?: (string);
  'session_token'?: (string);
}

export interface RegisterResponse__Output {
  'user_id': (string);
  'name': (string);
  'email': (string);
  'session_id': (string);
  'session_token': (string);
}
