// Original file: proto/inferadb/management/v1/vault.proto


export interface UpdateTeamGrantRequest {
  'organization_id'?: (string);
  'vault_id'?: (string);
  'grant_id'?: (string);
  'role'?: (string);
}

export interface UpdateTeamGrantRequest__Output {
  'organization_id': (string);
  'vault_id': (string);
  'grant_id': (string);
  'role': (string);
}
