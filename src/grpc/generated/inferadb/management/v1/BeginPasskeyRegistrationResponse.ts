// Original file: proto/inferadb/management/v1/user.proto


export interface BeginPasskeyRegistrationResponse {
  'options_json'?: (string);
}

export interface BeginPasskeyRegistrationResponse__Output {
  'options_json': (string);
}
