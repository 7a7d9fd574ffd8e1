// Original file: proto/inferadb/management/v1/organization.proto


export interface OrganizationServiceResumeRequest {
  'organization_id'?: (string);
}

export interface OrganizationServiceResumeRequest__Output {
  'organization_id': (string);
}
