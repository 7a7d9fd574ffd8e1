// Original file: proto/inferadb/management/v1/organization.proto

import type { Member as _inferadb_management_v1_Member, Member__Output as _inferadb_management_v1_Member__Output } from '../../../inferadb/management/v1/Member';
import type { Pagination as _inferadb_management_v1_Pagination, Pagination__Output as _inferadb_management_v1_Pagination__Output } from '../../../inferadb/management/v1/Pagination';

export interface OrganizationServiceListMembersResponse {
  'members'?: (_inferadb_management_v1_Member)[];
  'pagination'?: (_inferadb_management_v1_Pagination | null);
}

export interface OrganizationServiceListMembersResponse__Output {
  'members': (_inferadb_management_v1_Member__Output)[];
  'pagination': (_inferadb_management_v1_Pagination__Output | null);
}
