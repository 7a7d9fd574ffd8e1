// Original file: proto/inferadb/management/v1/client.proto


export interface ActivateClientRequest {
  'organization_id'?: (string);
  'client_id'?: (string);
}

export interface ActivateClientRequest__Output {
  'organization_id': (string);
  'client_id': (string);
}
