// Original file: proto/inferadb/management/v1/auth.proto


export interface VerifyEmailResponse {
  'message'?: (string);
  'email'?: (string);
}

export interface VerifyEmailResponse__Output {
  'message': (string);
  'email': (string);
}
