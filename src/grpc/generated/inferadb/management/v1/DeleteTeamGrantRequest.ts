// Original file: proto/inferadb/management/v1/vault.proto


export interface DeleteTeamGrantRequest {
  'organization_id'?: (string);
  'vault_id'?: (string);
  'grant_id'?: (string);
}

export interface DeleteTeamGrantRequest__Output {
  'organization_id': (string);
  'vault_id': (string);
  'grant_id': (string);
}
