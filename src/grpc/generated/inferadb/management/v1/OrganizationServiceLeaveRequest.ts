// Original file: proto/inferadb/management/v1/organization.proto


export interface OrganizationServiceLeaveRequest {
  'organization_id'?: (string);
}

export interface OrganizationServiceLeaveRequest__Output {
  'organization_id': (string);
}
