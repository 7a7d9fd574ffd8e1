// Original file: proto/inferadb/management/v1/user.proto

import type { Passkey as _inferadb_management_v1_Passkey, Passkey__Output as _inferadb_management_v1_Passkey__Output } from '../../../inferadb/management/v1/Passkey';

export interface FinishPasskeyRegistrationResponse {
  'passkey'?: (_inferadb_management_v1_Passkey | null);
}

export interface FinishPasskeyRegistrationResponse__Output {
  'passkey': (_inferadb_management_v1_Passkey__Output | null);
}
