// Original file: proto/inferadb/management/v1/organization.proto


export interface OrganizationServiceUpdateRequest {
  'organization_id'?: (string);
  'name'?: (string);
}

export interface OrganizationServiceUpdateRequest__Output {
  'organization_id': (string);
  'name': (string);
}
