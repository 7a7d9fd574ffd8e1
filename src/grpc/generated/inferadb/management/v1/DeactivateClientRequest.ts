// Original file: proto/inferadb/management/v1/client.proto


export interface DeactivateClientRequest {
  'organization_id'?: (string);
  'client_id'?: (string);
}

export interface DeactivateClientRequest__Output {
  'organization_id': (string);
  'client_id': (string);
}
