// Original file: proto/inferadb/management/v1/user.proto

import type { Email as _inferadb_management_v1_Email, Email__Output as _inferadb_management_v1_Email__Output } from '../../../inferadb/management/v1/Email';
import type { Pagination as _inferadb_management_v1_Pagination, Pagination__Output as _inferadb_management_v1_Pagination__Output } from '../../../inferadb/management/v1/Pagination';

export interface ListEmailsResponse {
  'emails'?: (_inferadb_management_v1_Email)[];
  'pagination'?: (_inferadb_management_v1_Pagination | null);
}

export interface ListEmailsResponse__Output {
  'emails': (_inferadb_management_v1_Email__Output)[];
  'pagination': (_inferadb_management_v1_Pagination__Output | null);
}
