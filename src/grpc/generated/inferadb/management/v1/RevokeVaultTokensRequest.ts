// Original file: proto/inferadb/management/v1/token.proto


export interface RevokeVaultTokensRequest {
  'vault_id'?: (string);
}

export interface RevokeVaultTokensRequest__Output {
  'vault_id': (string);
}
