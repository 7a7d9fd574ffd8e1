// Original file: proto/inferadb/management/v1/user.proto

import type { User as _inferadb_management_v1_User, User__Output as _inferadb_management_v1_User__Output } from '../../../inferadb/management/v1/User';

export interface GetMeResponse {
  'user'?: (_inferadb_management_v1_User | null);
}

export interface GetMeResponse__Output {
  'user': (_inferadb_management_v1_User__Output | null);
}
