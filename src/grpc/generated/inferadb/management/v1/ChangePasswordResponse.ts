// Original file: proto/inferadb/management/v1/user.proto


export interface ChangePasswordResponse {
  'message'?: (string);
  'revoked_sessions'?: (number);
}

export interface ChangePasswordResponse__Output {
  'message': (string);
  'revoked_sessions': (number);
}
