// Original file: proto/inferadb/management/v1/organization.proto

import type { Invitation as _inferadb_management_v1_Invitation, Invitation__Output as _inferadb_management_v1_Invitation__Output } from '../../../inferadb/management/v1/Invitation';

export interface OrganizationServiceCreateInvitationResponse {
  'invitation'?: (_inferadb_management_v1_Invitation | null);
}

export interface OrganizationServiceCreateInvitationResponse__Output {
  'invitation': (_inferadb_management_v1_Invitation__Output | null);
}
