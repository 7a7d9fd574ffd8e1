// Original file: proto/inferadb/management/v1/vault.proto


export interface GetVaultRequest {
  'organization_id'?: (string);
  'vault_id'?: (string);
}

export interface GetVaultRequest__Output {
  'organization_id': (string);
  'vault_id': (string);
}
