// Original file: proto/inferadb/management/v1/user.proto


export interface RevokeSessionRequest {
  'session_id'?: (string);
}

export interface RevokeSessionRequest__Output {
  'session_id': (string);
}
