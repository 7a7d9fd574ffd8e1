// Original file: proto/inferadb/management/v1/vault.proto

import type { VaultUserGrant as _inferadb_management_v1_VaultUserGrant, VaultUserGrant__Output as _inferadb_management_v1_VaultUserGrant__Output } from '../../../inferadb/management/v1/VaultUserGrant';

export interface UpdateUserGrantResponse {
  'grant'?: (_inferadb_management_v1_VaultUserGrant | null);
}

export interface UpdateUserGrantResponse__Output {
  'grant': (_inferadb_management_v1_VaultUserGrant__Output | null);
}
