// Original file: proto/inferadb/management/v1/auth.proto


export interface BeginPasskeySignInResponse {
  'options_json'?: (string);
}

export interface BeginPasskeySignInResponse__Output {
  'options_json': (string);
}
