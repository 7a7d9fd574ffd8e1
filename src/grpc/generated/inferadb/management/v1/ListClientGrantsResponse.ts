// Original file: proto/inferadb/management/v1/vault.proto

import type { VaultClientGrant as _inferadb_management_v1_VaultClientGrant, VaultClientGrant__Output as _inferadb_management_v1_VaultClientGrant__Output } from '../../../inferadb/management/v1/VaultClientGrant';
import type { Pagination as _inferadb_management_v1_Pagination, Pagination__Output as _inferadb_management_v1_Pagination__Output } from '../../../inferadb/management/v1/Pagination';

export interface ListClientGrantsResponse {
  'grants'?: (_inferadb_management_v1_VaultClientGrant)[];
  'pagination'?: (_inferadb_management_v1_Pagination | null);
}

export interface ListClientGrantsResponse__Output {
  'grants': (_inferadb_management_v1_VaultClientGrant__Output)[];
  'pagination': (_inferadb_management_v1_Pagination__Output | null);
}
