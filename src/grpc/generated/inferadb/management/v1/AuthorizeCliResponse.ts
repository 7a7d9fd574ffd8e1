// Original file: proto/inferadb/management/v1/auth.proto


export interface AuthorizeCliResponse {
  'code'?: (string);
  'expires_in'?: (number);
}

export interface AuthorizeCliResponse__Output {
  'code': (string);
  'expires_in': (number);
}
