// Original file: proto/inferadb/management/v1/organization.proto

import type { Invitation as _inferadb_management_v1_Invitation, Invitation__Output as _inferadb_management_v1_Invitation__Output } from '../../../inferadb/management/v1/Invitation';
import type { Pagination as _inferadb_management_v1_Pagination, Pagination__Output as _inferadb_management_v1_Pagination__Output } from '../../../inferadb/management/v1/Pagination';

export interface OrganizationServiceListMyInvitationsResponse {
  'invitations'?: (_inferadb_management_v1_Invitation)[];
  'pagination'?: (_inferadb_management_v1_Pagination | null);
}

export interface OrganizationServiceListMyInvitationsResponse__Output {
  'invitations': (_inferadb_management_v1_Invitation__Output)[];
  'pagination': (_inferadb_management_v1_Pagination__Output | null);
}
