// Original file: proto/inferadb/management/v1/vault.proto


export interface ListUserGrantsRequest {
  'organization_id'?: (string);
  'vault_id'?: (string);
  'limit'?: (number);
  'offset'?: (number);
  '_limit'?: "limit";
  '_offset'?: "offset";
}

export interface ListUserGrantsRequest__Output {
  'organization_id': (string);
  'vault_id': (string);
  'limit'?: (number);
  'offset'?: (number);
  '_limit'?: "limit";
  '_offset'?: "offset";
}
