// Original file: proto/inferadb/management/v1/vault.proto


export interface CreateClientGrantRequest {
  'organization_id'?: (string);
  'vault_id'?: (string);
  'client_id'?: (string);
  'role'?: (string);
}

export interface CreateClientGrantRequest__Output {
  'organization_id': (string);
  'vault_id': (string);
  'client_id': (string);
  'role': (string);
}
