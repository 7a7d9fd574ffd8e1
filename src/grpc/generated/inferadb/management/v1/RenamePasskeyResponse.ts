// Original file: proto/inferadb/management/v1/user.proto

import type { Passkey as _inferadb_management_v1_Passkey, Passkey__Output as _inferadb_management_v1_Passkey__Output } from '../../../inferadb/management/v1/Passkey';

export interface RenamePasskeyResponse {
  'passkey'?: (_inferadb_management_v1_Passkey | null);
}

export interface RenamePasskeyResponse__Output {
  'passkey': (_inferadb_management_v1_Passkey__Output | null);
}
