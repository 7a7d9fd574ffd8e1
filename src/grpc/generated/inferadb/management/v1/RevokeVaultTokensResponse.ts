// Original file: proto/inferadb/management/v1/token.proto


export interface RevokeVaultTokensResponse {
  'revoked_count'?: (number);
}

export interface RevokeVaultTokensResponse__Output {
  'revoked_count': (number);
}
