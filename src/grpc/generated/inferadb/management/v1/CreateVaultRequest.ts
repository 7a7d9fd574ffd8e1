// Original file: proto/inferadb/management/v1/vault.proto


export interface CreateVaultRequest {
  'organization_id'?: (string);
  'name'?: (string);
  'description'?: (string);
  '_description'?: "description";
}

export interface CreateVaultRequest__Output {
  'organization_id': (string);
  'name': (string);
  'description'?: (string);
  '_description'?: "description";
}
