// Original file: proto/inferadb/management/v1/user.proto


export interface ChangePasswordRequest {
  'current_password'?: (string);
  'new_password'?: (string);
}

export interface ChangePasswordRequest__Output {
  'current_password': (string);
  'new_password': (string);
}
