// Original file: proto/inferadb/management/v1/client.proto


export interface GetCertificateRequest {
  'organization_id'?: (string);
  'client_id'?: (string);
  'certificate_id'?: (string);
}

export interface GetCertificateRequest__Output {
  'organization_id': (string);
  'client_id': (string);
  'certificate_id': (string);
}
