// Original file: proto/inferadb/management/v1/user.proto

import type { Passkey as _inferadb_management_v1_Passkey, Passkey__Output as _inferadb_management_v1_Passkey__Output } from '../../../inferadb/management/v1/Passkey';

export interface ListPasskeysResponse {
  'passkeys'?: (_inferadb_management_v1_Passkey)[];
}

export interface ListPasskeysResponse__Output {
  'passkeys': (_inferadb_management_v1_Passkey__Output)[];
}
