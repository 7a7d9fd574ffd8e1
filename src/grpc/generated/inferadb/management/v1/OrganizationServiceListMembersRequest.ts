// Original file: proto/inferadb/management/v1/organization.proto


export interface OrganizationServiceListMembersRequest {
  'organization_id'?: (string);
  'limit'?: (number);
  'offset'?: (number);
  '_limit'?: "limit";
  '_offset'?: "offset";
}

export interface OrganizationServiceListMembersRequest__Output {
  'organization_id': (string);
  'limit'?: (number);
  'offset'?: (number);
  '_limit'?: "limit";
  '_offset'?: "offset";
}
