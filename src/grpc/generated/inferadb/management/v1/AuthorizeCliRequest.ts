// Original file: proto/inferadb/management/v1/auth.proto


export interface AuthorizeCliRequest {
  'code_challenge'?: (string);
  'code_challenge_method'?: (string);
}

export interface AuthorizeCliRequest__Output {
  'code_challenge': (string);
  'code_challenge_method': (string);
}
