// Original file: proto/inferadb/management/v1/client.proto

import type { ClientCertificate as _inferadb_management_v1_ClientCertificate, ClientCertificate__Output as _inferadb_management_v1_ClientCertificate__Output } from '../../../inferadb/management/v1/ClientCertificate';

export interface CreateCertificateResponse {
  'certificate'?: (_inferadb_management_v1_ClientCertificate | null);
  'private_key'?: (string);
}

export interface CreateCertificateResponse__Output {
  'certificate': (_inferadb_management_v1_ClientCertificate__Output | null);
  'private_key': (string);
}
