// Original file: proto/inferadb/management/v1/organization.proto


export interface OrganizationServiceDeleteInvitationRequest {
  'organization_id'?: (string);
  'invitation_id'?: (string);
}

export interface OrganizationServiceDeleteInvitationRequest__Output {
  'organization_id': (string);
  'invitation_id': (string);
}
