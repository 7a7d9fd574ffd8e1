// Original file: proto/inferadb/management/v1/vault.proto

import type { VaultClientGrant as _inferadb_management_v1_VaultClientGrant, VaultClientGrant__Output as _inferadb_management_v1_VaultClientGrant__Output } from '../../../inferadb/management/v1/VaultClientGrant';

export interface UpdateClientGrantResponse {
  'grant'?: (_inferadb_management_v1_VaultClientGrant | null);
}

export interface UpdateClientGrantResponse__Output {
  'grant': (_inferadb_management_v1_VaultClientGrant__Output | null);
}
