// Original file: proto/inferadb/management/v1/vault.proto

import type { VaultTeamGrant as _inferadb_management_v1_VaultTeamGrant, VaultTeamGrant__Output as _inferadb_management_v1_VaultTeamGrant__Output } from '../../../inferadb/management/v1/VaultTeamGrant';

export interface GetTeamGrantResponse {
  'grant'?: (_inferadb_management_v1_VaultTeamGrant | null);
}

export interface GetTeamGrantResponse__Output {
  'grant': (_inferadb_management_v1_VaultTeamGrant__Output | null);
}
