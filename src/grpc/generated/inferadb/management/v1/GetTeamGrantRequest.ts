// Original file: proto/inferadb/management/v1/vault.proto


export interface GetTeamGrantRequest {
  'organization_id'?: (string);
  'vault_id'?: (string);
  'grant_id'?: (string);
}

export interface GetTeamGrantRequest__Output {
  'organization_id': (string);
  'vault_id': (string);
  'grant_id': (string);
}
