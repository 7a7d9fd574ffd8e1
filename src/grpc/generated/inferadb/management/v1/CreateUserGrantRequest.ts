// Original file: proto/inferadb/management/v1/vault.proto


export interface CreateUserGrantRequest {
  'organization_id'?: (string);
  'vault_id'?: (string);
  'user_id'?: (string);
  'role'?: (string);
}

export interface CreateUserGrantRequest__Output {
  'organization_id': (string);
  'vault_id': (string);
  'user_id': (string);
  'role': (string);
}
