// Original file: proto/inferadb/management/v1/auth.proto


export interface LoginPasswordRequest {
  'email'?: (string);
  'password'?: (string);
}

export interface LoginPasswordRequest__Output {
  'email': (string);
  'password': (string);
}
