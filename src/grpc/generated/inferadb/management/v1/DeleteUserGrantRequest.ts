// Original file: proto/inferadb/management/v1/vault.proto


export interface DeleteUserGrantRequest {
  'organization_id'?: (string);
  'vault_id'?: (string);
  'grant_id'?: (string);
}

export interface DeleteUserGrantRequest__Output {
  'organization_id': (string);
  'vault_id': (string);
  'grant_id': (string);
}
