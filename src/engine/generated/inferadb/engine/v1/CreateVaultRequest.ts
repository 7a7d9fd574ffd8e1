// Original file: proto/inferadb/engine/v1/vault_lifecycle.proto


export interface CreateVaultRequest {
  'vault_id'?: (string);
  'organization_id'?: (string);
  'name'?: (string);
}

export interface CreateVaultRequest__Output {
  'vault_id': (string);
  'organization_id': (string);
  'name': (string);
}
