// Original file: proto/inferadb/management/v1/vault.proto

import type { VaultUserGrant as _inferadb_management_v1_VaultUserGrant, VaultUserGrant__Output as _inferadb_management_v1_VaultUserGrant__Output } from '../../../inferadb/management/v1/VaultUserGrant';
import type { Pagination as _inferadb_management_v1_Pagination, Pagination__Output as _inferadb_management_v1_Pagination__Output } from '../../../inferadb/management/v1/Pagination';

export interface ListUserGrantsResponse {
  'grants'?: (_inferadb_management_v1_VaultUserGrant)[];
  'pagination'?: (_inferadb_management_v1_Pagination | null);
}

export interface ListUserGrantsResponse__Output {
  'grants': (_inferadb_management_v1_VaultUserGrant__Output)[];
  'pagination': (_inferadb_management_v1_Pagination__Output | null);
}
