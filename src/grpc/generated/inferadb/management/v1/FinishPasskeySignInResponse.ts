// Original file: proto/inferadb/management/v1/auth.proto


export interface FinishPasskeySignInResponse {
  'user_id'?: (string);
  'name'?: (string);
  'session_id'?: (string);
  'session_token'?: (string);
}

export interface FinishPasskeySignInResponse__Output {
  'user_id': (string);
  'name': (string);
  'session_id': (string);
  'session_token': (string);
}
