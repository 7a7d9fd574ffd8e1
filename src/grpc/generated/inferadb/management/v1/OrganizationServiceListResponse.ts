// Original file: proto/inferadb/management/v1/organization.proto

import type { Organization as _inferadb_management_v1_Organization, Organization__Output as _inferadb_management_v1_Organization__Output } from '../../../inferadb/management/v1/Organization';
import type { Pagination as _inferadb_management_v1_Pagination, Pagination__Output as _inferadb_management_v1_Pagination__Output } from '../../../inferadb/management/v1/Pagination';

export interface OrganizationServiceListResponse {
  'organizations'?: (_inferadb_management_v1_Organization)[];
  'pagination'?: (_inferadb_management_v1_Pagination | null);
}

export interface OrganizationServiceListResponse__Output {
  'organizations': (_inferadb_management_v1_Organization__Output)[];
  'pagination': (_inferadb_management_v1_Pagination__Output | null);
}
