// Original file: proto/inferadb/management/v1/auth.proto


export interface RequestPasswordResetResponse {
  'message'?: (string);
}

export interface RequestPasswordResetResponse__Output {
  'message': (string);
}
