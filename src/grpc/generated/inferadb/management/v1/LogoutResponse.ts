// Original file: proto/inferadb/management/v1/auth.proto


export interface LogoutResponse {
  'message'?: (string);
}

export interface LogoutResponse__Output {
  'message': (string);
}
