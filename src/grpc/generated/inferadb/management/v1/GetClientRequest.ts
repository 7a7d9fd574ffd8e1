// Original file: proto/inferadb/management/v1/client.proto


export interface GetClientRequest {
  'organization_id'?: (string);
  'client_id'?: (string);
}

export interface GetClientRequest__Output {
  'organization_id': (string);
  'client_id': (string);
}
