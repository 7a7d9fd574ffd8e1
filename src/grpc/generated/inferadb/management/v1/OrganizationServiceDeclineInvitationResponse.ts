// Original file: proto/inferadb/management/v1/organization.proto


export interface OrganizationServiceDeclineInvitationResponse {
  'message'?: (string);
}

export interface OrganizationServiceDeclineInvitationResponse__Output {
  'message': (string);
}
