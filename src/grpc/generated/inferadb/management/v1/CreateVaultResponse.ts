// Original file: proto/inferadb/management/v1/vault.proto

import type { Vault as _inferadb_management_v1_Vault, Vault__Output as _inferadb_management_v1_Vault__Output } from '../../../inferadb/management/v1/Vault';

export interface CreateVaultResponse {
  'vault'?: (_inferadb_management_v1_Vault | null);
}

export interface CreateVaultResponse__Output {
  'vault': (_inferadb_management_v1_Vault__Output | null);
}
