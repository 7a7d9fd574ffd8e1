// Original file: proto/inferadb/management/v1/organization.proto


export interface OrganizationServiceSuspendRequest {
  'organization_id'?: (string);
}

export interface OrganizationServiceSuspendRequest__Output {
  'organization_id': (string);
}
