// Original file: proto/inferadb/management/v1/client.proto


export interface UpdateClientRequest {
  'organization_id'?: (string);
  'client_id'?: (string);
  'name'?: (string);
  'description'?: (string);
  '_name'?: "name";
  '_description'?: "description";
}

export interface UpdateClientRequest__Output {
  'organization_id': (string);
  'client_id': (string);
  'name'?: (string);
  'description'?: (string);
  '_name'?: "name";
  '_description'?: "description";
}
