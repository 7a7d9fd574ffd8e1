// Original file: proto/inferadb/management/v1/token.proto

import type { Jwk as _inferadb_management_v1_Jwk, Jwk__Output as _inferadb_management_v1_Jwk__Output } from '../../../inferadb/management/v1/Jwk';

export interface GetJwksResponse {
  'keys'?: (_inferadb_management_v1_Jwk)[];
}

export interface GetJwksResponse__Output {
  'keys': (_inferadb_management_v1_Jwk__Output)[];
}
