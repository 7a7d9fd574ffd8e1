// Original file: proto/inferadb/management/v1/organization.proto


export interface OrganizationServiceListRequest {
  'limit'?: (number);
  'offset'?: (number);
  '_limit'?: "limit";
  '_offset'?: "offset";
}

export interface OrganizationServiceListRequest__Output {
  'limit'?: (number);
  'offset'?: (number);
  '_limit'?: "limit";
  '_offset'?: "offset";
}
