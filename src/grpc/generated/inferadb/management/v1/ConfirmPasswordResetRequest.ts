// Original file: proto/inferadb/management/v1/auth.proto


export interface ConfirmPasswordResetRequest {
  'token'?: (string);
  'new_password'?: (string);
}

export interface ConfirmPasswordResetRequest__Output {
  'token': (string);
  'new_password': (string);
}
