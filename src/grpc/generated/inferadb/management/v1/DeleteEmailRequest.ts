// Original file: proto/inferadb/management/v1/user.proto


export interface DeleteEmailRequest {
  'email_id'?: (string);
}

export interface DeleteEmailRequest__Output {
  'email_id': (string);
}
