// Original file: proto/inferadb/management/v1/vault.proto


export interface ListVaultsRequest {
  'organization_id'?: (string);
  'limit'?: (number);
  'offset'?: (number);
  '_limit'?: "limit";
  '_offset'?: "offset";
}

export interface ListVaultsRequest__Output {
  'organization_id': (string);
  'limit'?: (number);
  'offset'?: (number);
  '_limit'?: "limit";
  '_offset'?: "offset";
}
