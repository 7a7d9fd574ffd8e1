// Original file: proto/inferadb/management/v1/client.proto


export interface ListClientsRequest {
  'organization_id'?: (string);
  'limit'?: (number);
  'offset'?: (number);
  '_limit'?: "limit";
  '_offset'?: "offset";
}

export interface ListClientsRequest__Output {
  'organization_id': (string);
  'limit'?: (number);
  'offset'?: (number);
  '_limit'?: "limit";
  '_offset'?: "offset";
}
