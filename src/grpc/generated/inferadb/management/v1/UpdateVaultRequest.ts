// Original file: proto/inferadb/management/v1/vault.proto


export interface UpdateVaultRequest {
  'organization_id'?: (string);
  'vault_id'?: (string);
  'name'?: (string);
  'description'?: (string);
  '_name'?: "name";
  '_description'?: "description";
}

export interface UpdateVaultRequest__Output {
  'organization_id': (string);
  'vault_id': (string);
  'name'?: (string);
  'description'?: (string);
  '_name'?: "name";
  '_description'?: "description";
}
