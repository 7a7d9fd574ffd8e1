// Original file: proto/inferadb/management/v1/auth.proto


export interface RegisterRequest {
  'name'?: (string);
  'email'?: (string);
  'password'?: (string);
}

export interface RegisterRequest__Output {
  'name': (string);
  'email': (string);
  'password': (string);
}
