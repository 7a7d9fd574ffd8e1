// Original file: proto/inferadb/management/v1/vault.proto


export interface DeleteVaultRequest {
  'organization_id'?: (string);
  'vault_id'?: (string);
}

export interface DeleteVaultRequest__Output {
  'organization_id': (string);
  'vault_id': (string);
}
