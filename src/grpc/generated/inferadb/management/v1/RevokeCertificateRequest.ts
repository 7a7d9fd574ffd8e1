// Original file: proto/inferadb/management/v1/client.proto


export interface RevokeCertificateRequest {
  'organization_id'?: (string);
  'client_id'?: (string);
  'certificate_id'?: (string);
}

export interface RevokeCertificateRequest__Output {
  'organization_id': (string);
  'client_id': (string);
  'certificate_id': (string);
}
