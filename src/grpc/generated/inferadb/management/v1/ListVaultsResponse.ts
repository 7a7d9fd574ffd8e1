// Original file: proto/inferadb/management/v1/vault.proto

import type { Vault as _inferadb_management_v1_Vault, Vault__Output as _inferadb_management_v1_Vault__Output } from '../../../inferadb/management/v1/Vault';
import type { Pagination as _inferadb_management_v1_Pagination, Pagination__Output as _inferadb_management_v1_Pagination__Output } from '../../../inferadb/management/v1/Pagination';

export interface ListVaultsResponse {
  'vaults'?: (_inferadb_management_v1_Vault)[];
  'pagination'?: (_inferadb_management_v1_Pagination | null);
}

export interface ListVaultsResponse__Output {
  'vaults': (_inferadb_management_v1_Vault__Output)[];
  'pagination': (_inferadb_management_v1_Pagination__Output | null);
}
