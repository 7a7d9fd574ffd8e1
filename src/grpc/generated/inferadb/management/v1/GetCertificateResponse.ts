// Original file: proto/inferadb/management/v1/client.proto

import type { ClientCertificate as _inferadb_management_v1_ClientCertificate, ClientCertificate__Output as _inferadb_management_v1_ClientCertificate__Output } from '../../../inferadb/management/v1/ClientCertificate';

export interface GetCertificateResponse {
  'certificate'?: (_inferadb_management_v1_ClientCertificate | null);
}

export interface GetCertificateResponse__Output {
  'certificate': (_inferadb_management_v1_ClientCertificate__Output | null);
}
