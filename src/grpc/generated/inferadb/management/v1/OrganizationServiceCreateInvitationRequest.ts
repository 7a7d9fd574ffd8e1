// Original file: proto/inferadb/management/v1/organization.proto


export interface OrganizationServiceCreateInvitationRequest {
  'organization_id'?: (string);
  'email'?: (string);
  'role'?: (string);
}

export interface OrganizationServiceCreateInvitationRequest__Output {
  'organization_id': (string);
  'email': (string);
  'role': (string);
}
