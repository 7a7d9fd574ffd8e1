// Original file: proto/inferadb/management/v1/client.proto


export interface CreateCertificateRequest {
  'organization_id'?: (string);
  'client_id'?: (string);
  'name'?: (string);
}

export interface CreateCertificateRequest__Output {
  'organization_id': (string);
  'client_id': (string);
  'name': (string);
}
