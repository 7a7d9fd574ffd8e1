// Original file: proto/inferadb/management/v1/vault.proto


export interface ListClientGrantsRequest {
  'organization_id'?: (string);
  'vault_id'?: (string);
  'limit'?: (number);
  'offset'?: (number);
  '_limit'?: "limit";
  '_offset'?: "offset";
}

export interface ListClientGrantsRequest__Output {
  'organization_id': (string);
  'vault_id': (string);
  'limit'?: (number);
  'offset'?: (number);
  '_limit'?: "limit";
  '_offset'?: "offset";
}
