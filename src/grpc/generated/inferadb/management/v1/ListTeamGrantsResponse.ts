// Original file: proto/inferadb/management/v1/vault.proto

import type { VaultTeamGrant as _inferadb_management_v1_VaultTeamGrant, VaultTeamGrant__Output as _inferadb_management_v1_VaultTeamGrant__Output } from '../../../inferadb/management/v1/VaultTeamGrant';
import type { Pagination as _inferadb_management_v1_Pagination, Pagination__Output as _inferadb_management_v1_Pagination__Output } from '../../../inferadb/management/v1/Pagination';

export interface ListTeamGrantsResponse {
  'grants'?: (_inferadb_management_v1_VaultTeamGrant)[];
  'pagination'?: (_inferadb_management_v1_Pagination | null);
}

export interface ListTeamGrantsResponse__Output {
  'grants': (_inferadb_management_v1_VaultTeamGrant__Output)[];
  'pagination': (_inferadb_management_v1_Pagination__Output | null);
}
