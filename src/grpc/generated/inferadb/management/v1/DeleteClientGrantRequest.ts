// Original file: proto/inferadb/management/v1/vault.proto


export interface DeleteClientGrantRequest {
  'organization_id'?: (string);
  'vault_id'?: (string);
  'grant_id'?: (string);
}

export interface DeleteClientGrantRequest__Output {
  'organization_id': (string);
  'vault_id': (string);
  'grant_id': (string);
}
