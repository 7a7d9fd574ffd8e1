// Original file: proto/inferadb/management/v1/user.proto


export interface FinishPasskeyRegistrationRequest {
  'credential_json'?: (string);
  'name'?: (string);
  '_name'?: "name";
}

export interface FinishPasskeyRegistrationRequest__Output {
  'credential_json': (string);
  'name'?: (string);
  '_name'?: "name";
}
