// Original file: proto/inferadb/engine/v1/vault_lifecycle.proto


export interface CreateVaultResponse {
  'vault_id'?: (string);
  'created'?: (boolean);
}

export interface CreateVaultResponse__Output {
  'vault_id': (string);
  'created': (boolean);
}
