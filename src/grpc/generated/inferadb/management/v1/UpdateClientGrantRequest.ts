// Original file: proto/inferadb/management/v1/vault.proto


export interface UpdateClientGrantRequest {
  'organization_id'?: (string);
  'vault_id'?: (string);
  'grant_id'?: (string);
  'role'?: (string);
}

export interface UpdateClientGrantRequest__Output {
  'organization_id': (string);
  'vault_id': (string);
  'grant_id': (string);
  'role': (string);
}
