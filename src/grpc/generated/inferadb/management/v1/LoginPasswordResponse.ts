// Original file: proto/inferadb/management/v1/auth.proto


export interface LoginPasswordResponse {
  'user_id'?: (string);
  'name'?: (string);
  'session_id'?: (string);
  'session_token'?: (string);
}

export interface LoginPasswordResponse__Output {
  'user_id': (string);
  'name': (string);
  'session_id': (string);
  'session_token': (string);
}
