// Original file: proto/inferadb/management/v1/organization.proto

import type { Member as _inferadb_management_v1_Member, Member__Output as _inferadb_management_v1_Member__Output } from '../../../inferadb/management/v1/Member';

export interface OrganizationServiceUpdateMemberRoleResponse {
  'member'?: (_inferadb_management_v1_Member | null);
}

export interface OrganizationServiceUpdateMemberRoleResponse__Output {
  'member': (_inferadb_management_v1_Member__Output | null);
}
