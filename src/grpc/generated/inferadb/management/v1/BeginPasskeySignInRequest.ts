// Original file: proto/inferadb/management/v1/auth.proto


export interface BeginPasskeySignInRequest {
  'email'?: (string);
  '_email'?: "email";
}

export interface BeginPasskeySignInRequest__Output {
  'email'?: (string);
  '_email'?: "email";
}
