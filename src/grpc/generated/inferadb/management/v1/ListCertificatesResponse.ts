// Original file: proto/inferadb/management/v1/client.proto

import type { ClientCertificate as _inferadb_management_v1_ClientCertificate, ClientCertificate__Output as _inferadb_management_v1_ClientCertificate__Output } from '../../../inferadb/management/v1/ClientCertificate';

export interface ListCertificatesResponse {
  'certificates'?: (_inferadb_management_v1_ClientCertificate)[];
}

export interface ListCertificatesResponse__Output {
  'certificates': (_inferadb_management_v1_ClientCertificate__Output)[];
}
