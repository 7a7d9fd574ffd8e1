// Original file: proto/inferadb/management/v1/organization.proto


export interface OrganizationServiceListMyInvitationsRequest {
  'limit'?: (number);
  'offset'?: (number);
  '_limit'?: "limit";
  '_offset'?: "offset";
}

export interface OrganizationServiceListMyInvitationsRequest__Output {
  'limit'?: (number);
  'offset'?: (number);
  '_limit'?: "limit";
  '_offset'?: "offset";
}
