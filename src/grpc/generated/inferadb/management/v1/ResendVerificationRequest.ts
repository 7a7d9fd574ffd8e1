// Original file: proto/inferadb/management/v1/user.proto


export interface ResendVerificationRequest {
  'email_id'?: (string);
}

export interface ResendVerificationRequest__Output {
  'email_id': (string);
}
