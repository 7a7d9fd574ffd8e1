// Original file: proto/inferadb/management/v1/organization.proto


export interface OrganizationServiceDeclineInvitationRequest {
  'invitation_id'?: (string);
}

export interface OrganizationServiceDeclineInvitationRequest__Output {
  'invitation_id': (string);
}
