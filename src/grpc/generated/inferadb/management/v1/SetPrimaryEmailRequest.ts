// Original file: proto/inferadb/management/v1/user.proto


export interface SetPrimaryEmailRequest {
  'email_id'?: (string);
  'is_primary'?: (boolean);
  '_is_primary'?: "is_primary";
}

export interface SetPrimaryEmailRequest__Output {
  'email_id': (string);
  'is_primary'?: (boolean);
  '_is_primary'?: "is_primary";
}
