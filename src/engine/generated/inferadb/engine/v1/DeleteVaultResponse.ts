// Original file: proto/inferadb/engine/v1/vault_lifecycle.proto


export interface DeleteVaultResponse {
  'vault_id'?: (string);
  'deleted'?: (boolean);
}

export interface DeleteVaultResponse__Output {
  'vault_id': (string);
  'deleted': (boolean);
}
