// Original file: proto/inferadb/management/v1/auth.proto


export interface FinishPasskeySignInRequest {
  'credential_json'?: (string);
}

export interface FinishPasskeySignInRequest__Output {
  'credential_json': (string);
}
