// Original file: proto/inferadb/engine/v1/vault_lifecycle.proto


export interface GetVaultStatusRequest {
  'vault_id'?: (string);
}

export interface GetVaultStatusRequest__Output {
  'vault_id': (string);
}
