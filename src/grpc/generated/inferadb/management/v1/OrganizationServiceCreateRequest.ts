// Original file: proto/inferadb/management/v1/organization.proto


export interface OrganizationServiceCreateRequest {
  'name'?: (string);
}

export interface OrganizationServiceCreateRequest__Output {
  'name': (string);
}
