// Original file: proto/inferadb/management/v1/client.proto

import type { Client as _inferadb_management_v1_Client, Client__Output as _inferadb_management_v1_Client__Output } from '../../../inferadb/management/v1/Client';

export interface DeactivateClientResponse {
  'client'?: (_inferadb_management_v1_Client | null);
}

export interface DeactivateClientResponse__Output {
  'client': (_inferadb_management_v1_Client__Output | null);
}
