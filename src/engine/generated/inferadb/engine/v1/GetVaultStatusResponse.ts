// Original file: proto/inferadb/engine/v1/vault_lifecycle.proto


export interface GetVaultStatusResponse {
  'vault_id'?: (string);
  'exists'?: (boolean);
  'deleted'?: (boolean);
  'organization_id'?: (string);
  'name'?: (string);
}

export interface GetVaultStatusResponse__Output {
  'vault_id': (string);
  'exists': (boolean);
  'deleted': (boolean);
  'organization_id': (string);
  'name': (string);
}
