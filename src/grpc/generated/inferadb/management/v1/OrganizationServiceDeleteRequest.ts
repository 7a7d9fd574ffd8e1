// Original file: proto/inferadb/management/v1/organization.proto


export interface OrganizationServiceDeleteRequest {
  'organization_id'?: (string);
}

export interface OrganizationServiceDeleteRequest__Output {
  'organization_id': (string);
}
