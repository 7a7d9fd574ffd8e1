// Original file: proto/inferadb/engine/v1/vault_lifecycle.proto


export interface DeleteVaultRequest {
  'vault_id'?: (string);
}

export interface DeleteVaultRequest__Output {
  'vault_id': (string);
}
