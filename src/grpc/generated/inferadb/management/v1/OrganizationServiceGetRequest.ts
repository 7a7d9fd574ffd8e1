// Original file: proto/inferadb/management/v1/organization.proto


export interface OrganizationServiceGetRequest {
  'organization_id'?: (string);
}

export interface OrganizationServiceGetRequest__Output {
  'organization_id': (string);
}
