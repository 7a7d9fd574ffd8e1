// Original file: proto/inferadb/management/v1/auth.proto


export interface ConfirmPasswordResetResponse {
  'message'?: (string);
}

export interface ConfirmPasswordResetResponse__Output {
  'message': (string);
}
