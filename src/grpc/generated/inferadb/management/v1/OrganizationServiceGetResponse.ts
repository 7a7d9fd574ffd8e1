// Original file: proto/inferadb/management/v1/organization.proto

import type { Organization as _inferadb_management_v1_Organization, Organization__Output as _inferadb_management_v1_Organization__Output } from '../../../inferadb/management/v1/Organization';

export interface OrganizationServiceGetResponse {
  'organization'?: (_inferadb_management_v1_Organization | null);
}

export interface OrganizationServiceGetResponse__Output {
  'organization': (_inferadb_management_v1_Organization__Output | null);
}
