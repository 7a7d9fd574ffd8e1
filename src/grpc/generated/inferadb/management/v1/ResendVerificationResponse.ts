// Original file: proto/inferadb/management/v1/user.proto


export interface ResendVerificationResponse {
  'message'?: (string);
}

export interface ResendVerificationResponse__Output {
  'message': (string);
}
