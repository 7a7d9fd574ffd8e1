// Original file: proto/inferadb/management/v1/user.proto


export interface AddEmailRequest {
  'email'?: (string);
}

export interface AddEmailRequest__Output {
  'email': (string);
}
