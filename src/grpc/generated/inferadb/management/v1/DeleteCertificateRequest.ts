// Original file: proto/inferadb/management/v1/client.proto


export interface DeleteCertificateRequest {
  'organization_id'?: (string);
  'client_id'?: (string);
  'certificate_id'?: (string);
}

export interface DeleteCertificateRequest__Output {
  'organization_id': (string);
  'client_id': (string);
  'certificate_id': (string);
}
