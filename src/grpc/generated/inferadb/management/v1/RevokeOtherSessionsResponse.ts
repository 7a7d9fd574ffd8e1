// Original file: proto/inferadb/management/v1/user.proto


export interface RevokeOtherSessionsResponse {
  'revoked_count'?: (number);
  'message'?: (string);
}

export interface RevokeOtherSessionsResponse__Output {
  'revoked_count': (number);
  'message': (string);
}
