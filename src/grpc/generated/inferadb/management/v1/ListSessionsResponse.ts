// Original file: proto/inferadb/management/v1/user.proto

import type { Session as _inferadb_management_v1_Session, Session__Output as _inferadb_management_v1_Session__Output } from '../../../inferadb/management/v1/Session';

export interface ListSessionsResponse {
  'sessions'?: (_inferadb_management_v1_Session)[];
  'count'?: (number);
}

export interface ListSessionsResponse__Output {
  'sessions': (_inferadb_management_v1_Session__Output)[];
  'count': (number);
}
