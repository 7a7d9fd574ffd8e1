// Original file: proto/inferadb/management/v1/vault.proto


export interface CreateTeamGrantRequest {
  'organization_id'?: (string);
  'vault_id'?: (string);
  'team_id'?: (string);
  'role'?: (string);
}

export interface CreateTeamGrantRequest__Output {
  'organization_id': (string);
  'vault_id': (string);
  'team_id': (string);
  'role': (string);
}
