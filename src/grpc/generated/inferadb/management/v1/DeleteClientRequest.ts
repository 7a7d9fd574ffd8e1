// Original file: proto/inferadb/management/v1/client.proto


export interface DeleteClientRequest {
  'organization_id'?: (string);
  'client_id'?: (string);
}

export interface DeleteClientRequest__Output {
  'organization_id': (string);
  'client_id': (string);
}
