// Original file: proto/inferadb/management/v1/organization.proto


export interface OrganizationServiceListInvitationsRequest {
  'organization_id'?: (string);
  'limit'?: (number);
  'offset'?: (number);
  '_limit'?: "limit";
  '_offset'?: "offset";
}

export interface OrganizationServiceListInvitationsRequest__Output {
  'organization_id': (string);
  'limit'?: (number);
  'offset'?: (number);
  '_limit'?: "limit";
  '_offset'?: "offset";
}
