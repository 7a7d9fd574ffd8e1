// Original file: proto/inferadb/management/v1/client.proto


export interface ListCertificatesRequest {
  'organization_id'?: (string);
  'client_id'?: (string);
}

export interface ListCertificatesRequest__Output {
  'organization_id': (string);
  'client_id': (string);
}
