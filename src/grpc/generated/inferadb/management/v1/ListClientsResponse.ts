// Original file: proto/inferadb/management/v1/client.proto

import type { Client as _inferadb_management_v1_Client, Client__Output as _inferadb_management_v1_Client__Output } from '../../../inferadb/management/v1/Client';
import type { Pagination as _inferadb_management_v1_Pagination, Pagination__Output as _inferadb_management_v1_Pagination__Output } from '../../../inferadb/management/v1/Pagination';

export interface ListClientsResponse {
  'clients'?: (_inferadb_management_v1_Client)[];
  'pagination'?: (_inferadb_management_v1_Pagination | null);
}

export interface ListClientsResponse__Output {
  'clients': (_inferadb_management_v1_Client__Output)[];
  'pagination': (_inferadb_management_v1_Pagination__Output | null);
}
