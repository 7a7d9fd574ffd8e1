// Original file: proto/inferadb/management/v1/client.proto


export interface CreateClientRequest {
  'organization_id'?: (string);
  'name'?: (string);
  'description'?: (string);
  '_description'?: "description";
}

export interface CreateClientRequest__Output {
  'organization_id': (string);
  'name': (string);
  'description'?: (string);
  '_description'?: "description";
}
