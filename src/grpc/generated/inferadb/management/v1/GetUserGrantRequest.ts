// Original file: proto/inferadb/management/v1/vault.proto


export interface GetUserGrantRequest {
  'organization_id'?: (string);
  'vault_id'?: (string);
  'grant_id'?: (string);
}

export interface GetUserGrantRequest__Output {
  'organization_id': (string);
  'vault_id': (string);
  'grant_id': (string);
}
