// Original file: proto/inferadb/management/v1/user.proto

import type { Email as _inferadb_management_v1_Email, Email__Output as _inferadb_management_v1_Email__Output } from '../../../inferadb/management/v1/Email';

export interface AddEmailResponse {
  'email'?: (_inferadb_management_v1_Email | null);
}

export interface AddEmailResponse__Output {
  'email': (_inferadb_management_v1_Email__Output | null);
}
